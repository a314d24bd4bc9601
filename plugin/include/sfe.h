/*
** sfe.h — the C door of the sfia-evidence plugin.
**
** This header is the whole contract for hosts that are not C++ (PHP FFI, Python ctypes, Java
** FFM/JNA) and for C++ hosts built with another toolchain. Anything not declared here is not a
** published interface.
**
** Model: a host opens a plugin handle with a JSON configuration, sends operations as JSON and
** receives JSON back, then closes the handle. The operations and their JSON are the same as the
** C++ door's EvidencePlugin::call(); they are listed in docs/operations.md.
**
** Status codes: SFE_OK (0) on success, otherwise one of the primary codes below. Extended codes
** may be added as primary | (n << 8); mask with 0xff to get the primary code. New codes may be
** added in later versions.
**
** Ownership: every string the plugin returns through an OUT parameter is owned by the caller and
** released with sfe_free(). Strings the host passes in are borrowed for the duration of the call
** and copied if kept. sfe_errmsg() strings belong to the handle.
**
** Threads and state: every function carries a tag saying which thread may call it and in which
** state, as CLAP does:
**   [thread-safe]   any thread, at the same time as other threads;
**   [open]          the handle was returned by sfe_open and sfe_close has not been called on it;
**   [!in-call]      no other call on this handle is running on any thread (sfe_close);
**   [any thread]    for callbacks: the plugin may call it from any of its threads, including the
**                   background sender's.
** Calls on one handle run side by side, each on its own store session: a long call (sync,
** audit.export, a large record) never holds up the others. A record of 8 events or more also
** compresses on a thread of its own, which calls none of the host's callbacks and has ended when
** the call returns. Writers queue for the store's write lock for at most store.busy_timeout_ms;
** after that the call returns SFE_BUSY and nothing of it was written. Many processes (PHP-FPM
** workers, several nodes) may open the same store at once.
*/
#ifndef SFE_H
#define SFE_H

/* Laid out by hand, as sqlite3.h is (aligned codes, comments that run on): */
/* clang-format off */

#include "sfe/Version.h"    /* SFE_VERSION, SFE_VERSION_NUMBER, SFE_ABI_VERSION */

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  define SFE_API __declspec(dllexport)
#else
#  define SFE_API __attribute__((visibility("default")))
#endif

#define SFE_OK        0   /* success */
#define SFE_ERROR     1   /* an internal error; the message says what */
#define SFE_INVALID   2   /* the input is invalid: bad JSON, bad definition, bad event */
#define SFE_NOTFOUND  3   /* a skill, level, activity, responsibility or record does not exist */
#define SFE_CONFLICT  4   /* the request conflicts with what is stored */
#define SFE_STORE     5   /* the store could not be opened, read or written */
#define SFE_MISUSE    6   /* the API was used wrongly: NULL handle, unknown operation, closed handle */
#define SFE_CONFIG    7   /* the configuration is invalid */
#define SFE_ABI       8   /* ABI mismatch between host and plugin */
#define SFE_NETWORK   9   /* the LRS could not be reached */
#define SFE_BUSY     10   /* the store stayed locked by another writer past store.busy_timeout_ms;
                             nothing was written: try again */
#define SFE_FORBIDDEN 11   /* the caller's roles do not allow the operation (with auth.enforce=true:
                             see "Roles" in docs/operations.md); nothing was read or written */

/* An open plugin: its configuration, its store and its background sender. Opaque. */
typedef struct sfe_plugin sfe_plugin;

/* Host callbacks, all optional (NULL). The struct starts with its version so it can grow. */
typedef struct sfe_host
{
    int abi_version;                 /* set to SFE_ABI_VERSION of the header you compiled with */
    void* host_data;                 /* passed back to every callback */
    /* Receives the plugin's log lines. level: 1 fatal .. 8 trace (Poco's priorities). [any thread]
       It may be called by several threads at once, on the thread of a running sfe_call (sync
       logs while it delivers) or on the background sender's, possibly while the plugin holds a
       lock. So it must not call into the plugin: sfe_call from inside a log callback (any
       handle, any thread) returns SFE_MISUSE at once, and sfe_close there is ignored (the handle
       stays open); note the work and do it after the callback returned. Nor may it wait for
       another thread that is calling the plugin. It is never called after sfe_close returned. */
    void (*log)(void* host_data, int level, const char* message);
    /* Returns the current time in milliseconds since the Unix epoch. [any thread] */
    long long (*now_ms)(void* host_data);
} sfe_host;

/*
** CAPI: the ABI version this library implements (SFE_ABI_VERSION when it was built).
** A host compares it with the value its header gives and refuses to continue on a mismatch.
** [thread-safe]
*/
SFE_API int sfe_abi_version(void);

/* CAPI: the plugin's release as "X.Y.Z". Static; do not free. [thread-safe] */
SFE_API const char* sfe_libversion(void);

/*
** CONSTRUCTOR: sfe_plugin
** Opens a plugin. `config_json` is a JSON object of configuration keys and values, such as
** {"store.path": "/var/lib/lms/sfe.db"}; NULL or "{}" takes the manifest's defaults. `host` may be
** NULL. Keys the plugin does not read (a misspelt "store.pth") and bad values (a log.level that is
** not a level) are SFE_CONFIG, naming the key. On success *out receives the handle and SFE_OK is
** returned. On failure *out receives NULL,
** the status is returned, and if `errmsg` is not NULL *errmsg receives a message the caller frees
** with sfe_free() (because there is no handle to own it).
** Opening migrates the store when its schema is older; several processes may open the same new or
** old store at once (one migrates, the others wait for it). SFE_BUSY: another process held the
** store past store.busy_timeout_ms; try again.
** [thread-safe]: each call makes a new, independent handle.
*/
SFE_API int sfe_open(const char* config_json, const sfe_host* host, sfe_plugin** out, char** errmsg);

/*
** METHOD: sfe_plugin
** Runs one operation. `operation` names it ("import", "show", ...), `request_json` is a JSON
** object (NULL means "{}"). *response_json receives a string the caller frees with sfe_free():
** the result on SFE_OK, an error object {"status", "error", "message", "problems"} otherwise.
** Returns the status; sfe_errmsg() on the same thread then describes the failure. SFE_BUSY means
** the store stayed locked by other writers past store.busy_timeout_ms and nothing was written:
** the same call may simply be made again. A request longer than door.max_request_bytes (default
** 32 MiB) is refused with SFE_INVALID before it is parsed; a request costs a few times its size in
** memory while it runs. Every id and text in a request must be valid UTF-8 without control
** characters (tabs and line breaks are allowed in notes and reasons): SFE_INVALID names the field
** and the character's position. The error object is always valid UTF-8 JSON.
** [thread-safe & open]
*/
SFE_API int sfe_call(sfe_plugin* plugin, const char* operation, const char* request_json,
                     char** response_json);

/*
** METHOD: sfe_plugin
** The message of the calling thread's last sfe_call on this handle, or "" after a success (or when
** this thread's last call was on another handle). Each thread sees its own message, whatever other
** threads do with the handle meanwhile. Owned by the plugin; valid until this thread's next call
** into the plugin. Never NULL, even for a NULL handle.
** [thread-safe & open]
*/
SFE_API const char* sfe_errmsg(sfe_plugin* plugin);

/* CAPI: a static English description of a status code. Never NULL; do not free. [thread-safe] */
SFE_API const char* sfe_errstr(int status);

/* CAPI: releases a string the plugin returned. sfe_free(NULL) is a harmless no-op. [thread-safe] */
SFE_API void sfe_free(void* p);

/*
** DESTRUCTOR: sfe_plugin
** Stops background work (within a second), interrupts a sync running on another thread, waits for
** calls still running, closes the store and frees the handle. The handle must not be used again.
** sfe_close(NULL), and sfe_close on a handle closed before, are harmless no-ops; sfe_call on a
** closed handle returns SFE_MISUSE (the plugin keeps a registry of live handles and never reads a
** closed one's memory).
** No log callback of this handle runs after sfe_close returned.
** [open & !in-call]: call it once, after the host's own threads stopped calling this handle; never
** from inside a log callback (ignored there).
*/
SFE_API void sfe_close(sfe_plugin* plugin);

#ifdef __cplusplus
}
#endif

/* clang-format on */

#endif /* SFE_H */
