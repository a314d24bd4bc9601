/*
** c_host.c — a C host of the sfia-evidence plugin, as a non-C++ LMS would be.
**
** It uses nothing but sfe.h and libdl: it dlopens the module, finds the C door's functions by
** name, and drives them through a whole session. Usage: c_host MODULE DEFINITION.xml
** Exits 0 when every check holds, 1 otherwise (each failed check is printed).
*/
#define _POSIX_C_SOURCE 200809L
#include "sfe.h"
/* sfe.h names SFE_ABI_VERSION but does not define it; sfe/Version.h (installed beside it) does. */
#include "sfe/Version.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*abi_version_fn)(void);
typedef const char* (*libversion_fn)(void);
typedef int (*open_fn)(const char*, const sfe_host*, sfe_plugin**, char**);
typedef int (*call_fn)(sfe_plugin*, const char*, const char*, char**);
typedef const char* (*errmsg_fn)(sfe_plugin*);
typedef const char* (*errstr_fn)(int);
typedef void (*free_fn)(void*);
typedef void (*close_fn)(sfe_plugin*);

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        ++checks;                                                           \
        if (!(cond))                                                        \
        {                                                                   \
            ++failures;                                                     \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                   \
            fputc('\n', stderr);                                            \
        }                                                                   \
    } while (0)

/* The host clock the plugin must use: 2023-11-14T22:13:20.123Z. */
static const long long kNowMs = 1700000000123LL;
static const char* const kNowText = "2023-11-14T22:13:20.123Z";

struct host_state
{
    int log_lines;
    int clock_reads;
};

static void host_log(void* host_data, int level, const char* message)
{
    struct host_state* state = (struct host_state*)host_data;
    ++state->log_lines;
    if (level <= 3) fprintf(stderr, "plugin log [%d]: %s\n", level, message ? message : "(null)");
}

static long long host_now(void* host_data)
{
    ++((struct host_state*)host_data)->clock_reads;
    return kNowMs;
}

/* Looks a function up by name; ISO C cannot cast dlsym's object pointer to a function pointer,
** so the bytes are copied instead (what POSIX guarantees to work). */
#define LOAD(var, type, name)                                                       \
    type var;                                                                       \
    do {                                                                            \
        void* p_ = dlsym(module, name);                                             \
        if (!p_)                                                                    \
        {                                                                           \
            fprintf(stderr, "FAIL: symbol %s not exported: %s\n", name, dlerror()); \
            return 1;                                                               \
        }                                                                           \
        memcpy(&var, &p_, sizeof var);                                              \
    } while (0)

static int contains(const char* haystack, const char* needle)
{
    return haystack && strstr(haystack, needle) != NULL;
}

int main(int argc, char** argv)
{
    if (argc != 3)
    {
        fprintf(stderr, "usage: %s MODULE DEFINITION.xml\n", argv[0]);
        return 2;
    }

    void* module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!module)
    {
        fprintf(stderr, "FAIL: dlopen %s: %s\n", argv[1], dlerror());
        return 1;
    }

    LOAD(abi_version, abi_version_fn, "sfe_abi_version");
    LOAD(libversion, libversion_fn, "sfe_libversion");
    LOAD(open_plugin, open_fn, "sfe_open");
    LOAD(call, call_fn, "sfe_call");
    LOAD(errmsg, errmsg_fn, "sfe_errmsg");
    LOAD(errstr, errstr_fn, "sfe_errstr");
    LOAD(free_string, free_fn, "sfe_free");
    LOAD(close_plugin, close_fn, "sfe_close");

    /* Versions: the ABI must match before anything else is called. */
    CHECK(abi_version() == SFE_ABI_VERSION, "module ABI %d, header ABI %d", abi_version(), SFE_ABI_VERSION);
    if (abi_version() != SFE_ABI_VERSION) return 1;
    CHECK(libversion() && strcmp(libversion(), SFE_VERSION) == 0, "libversion \"%s\"", libversion());

    /* Calls that need no handle. */
    CHECK(errstr(SFE_NOTFOUND) && errstr(SFE_NOTFOUND)[0], "errstr(SFE_NOTFOUND) empty");
    CHECK(errstr(SFE_INVALID | (7 << 8)) && strcmp(errstr(SFE_INVALID | (7 << 8)), errstr(SFE_INVALID)) == 0,
          "an extended code is described as its primary code");
    CHECK(errstr(4711) != NULL, "errstr of an unknown code is NULL");
    CHECK(errmsg(NULL) != NULL, "errmsg(NULL) is NULL");
    free_string(NULL);
    close_plugin(NULL);
    char* response = (char*)"untouched";
    CHECK(call(NULL, "skills", "{}", &response) == SFE_MISUSE, "call on a NULL handle");
    CHECK(response == NULL, "response not cleared on a NULL handle");

    /* A configuration that is not JSON: no handle, a status, and a message the caller frees. */
    sfe_plugin* plugin = (sfe_plugin*)&failures;
    char* open_error = NULL;
    int status = open_plugin("{\"store.path\": ", NULL, &plugin, &open_error);
    CHECK(status == SFE_CONFIG, "open with broken JSON gave status %d (%s)", status, open_error ? open_error : "");
    CHECK(plugin == NULL, "a failed open left a handle");
    CHECK(open_error && open_error[0], "a failed open gave no message");
    free_string(open_error);

    /* Open with a real store in a fresh folder, and the host's clock and log. */
    char folder[] = "/tmp/sfe-c-host-XXXXXX";
    if (!mkdtemp(folder))
    {
        perror("mkdtemp");
        return 1;
    }
    char db[256];
    snprintf(db, sizeof db, "%s/c-host.db", folder);
    char config[512];
    snprintf(config, sizeof config, "{\"store.path\": \"%s\", \"log.level\": \"debug\"}", db);
    struct host_state state = {0, 0};
    sfe_host host;
    memset(&host, 0, sizeof host);
    host.abi_version = SFE_ABI_VERSION;
    host.host_data = &state;
    host.log = host_log;
    host.now_ms = host_now;
    open_error = NULL;
    status = open_plugin(config, &host, &plugin, &open_error);
    CHECK(status == SFE_OK && plugin != NULL, "open: status %d: %s", status, open_error ? open_error : "");
    free_string(open_error);
    if (!plugin) return 1;

    /* Import the definition. */
    char request[1024];
    snprintf(request, sizeof request, "{\"path\": \"%s\"}", argv[2]);
    response = NULL;
    status = call(plugin, "import", request, &response);
    CHECK(status == SFE_OK, "import: status %d: %s", status, errmsg(plugin));
    CHECK(contains(response, "\"imported\""), "import response: %s", response);
    CHECK(contains(response, "\"CSMG\""), "import response names no CSMG: %s", response);
    CHECK(errmsg(plugin) && errmsg(plugin)[0] == '\0', "errmsg after a success: \"%s\"", errmsg(plugin));
    free_string(response);

    /* The same bytes again change nothing. */
    response = NULL;
    status = call(plugin, "import", request, &response);
    CHECK(status == SFE_OK && contains(response, "\"unchanged\""), "re-import: status %d: %s", status, response);
    free_string(response);

    /* skills: CSMG, stamped with the host's clock. */
    response = NULL;
    status = call(plugin, "skills", NULL, &response);
    CHECK(status == SFE_OK, "skills: status %d: %s", status, errmsg(plugin));
    CHECK(contains(response, "Kundenservice"), "skills response: %s", response);
    CHECK(contains(response, kNowText), "importedAt is not the host clock's %s: %s", kNowText, response);
    CHECK(state.clock_reads > 0, "the plugin never asked the host's clock");
    free_string(response);

    /* show level 3: its responsibilities, and no other level's. */
    response = NULL;
    status = call(plugin, "show", "{\"code\": \"CSMG\", \"level\": 3}", &response);
    CHECK(status == SFE_OK, "show: status %d: %s", status, errmsg(plugin));
    CHECK(contains(response, "\"CSMG-3.1\""), "level 3 lacks CSMG-3.1: %s", response);
    CHECK(contains(response, "\"CSMG-3.5\""), "level 3 lacks CSMG-3.5: %s", response);
    CHECK(!contains(response, "\"CSMG-2.1\""), "level 3 shows level 2's CSMG-2.1");
    CHECK(contains(response, "Anwenden"), "level 3's guiding phrase is missing: %s", response);
    CHECK(contains(response, "Trägt zur Erstellung von Unterstützungsdokumentationen bei."),
          "CSMG-3.5's UTF-8 text is missing or altered");
    free_string(response);

    /* An unknown skill: SFE_NOTFOUND, an error object, a message naming it. */
    response = NULL;
    status = call(plugin, "show", "{\"code\": \"NOPE\"}", &response);
    CHECK(status == SFE_NOTFOUND, "unknown skill gave status %d", status);
    CHECK(contains(response, "\"notFound\""), "error object: %s", response);
    CHECK(contains(errmsg(plugin), "NOPE"), "errmsg does not name the skill: \"%s\"", errmsg(plugin));
    free_string(response);

    /* A level the skill does not have. */
    response = NULL;
    status = call(plugin, "show", "{\"code\": \"CSMG\", \"level\": 9}", &response);
    CHECK(status == SFE_NOTFOUND || status == SFE_INVALID, "level 9 gave status %d", status);
    free_string(response);

    /* A request that is not JSON, and an operation that does not exist. */
    response = NULL;
    status = call(plugin, "show", "{\"code\": ", &response);
    CHECK(status == SFE_INVALID, "a broken request gave status %d", status);
    CHECK(errmsg(plugin)[0] != '\0', "no message for a broken request");
    free_string(response);
    response = NULL;
    status = call(plugin, "frobnicate", "{}", &response);
    CHECK(status == SFE_MISUSE, "an unknown operation gave status %d", status);
    CHECK(contains(errmsg(plugin), "frobnicate"), "errmsg does not name the operation: \"%s\"", errmsg(plugin));
    free_string(response);

    close_plugin(plugin);

    /* The store outlives the handle: a second session sees the import. */
    plugin = NULL;
    status = open_plugin(config, NULL, &plugin, NULL);
    CHECK(status == SFE_OK && plugin, "reopen: status %d", status);
    if (plugin)
    {
        response = NULL;
        status = call(plugin, "skills", "{}", &response);
        CHECK(status == SFE_OK && contains(response, "\"CSMG\""), "skills after reopen: %s", response);
        free_string(response);
        close_plugin(plugin);
    }

    dlclose(module);
    char path[300];
    const char* suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; ++i)
    {
        snprintf(path, sizeof path, "%s%s", db, suffixes[i]);
        unlink(path);
    }
    rmdir(folder);

    printf("c_host: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
