/*
** c_host.c: a C host built against the installed package alone, as an LMS's developer would:
**   cc c_host.c $(pkg-config --cflags --libs sfia-evidence) -DSFE_MODULE="\"$(pkg-config --variable=module sfia-evidence)\""
** It loads the installed plugin module with dlopen, checks the ABI of the installed sfe.h against
** the module's, imports the installed CSMG definition into a store in a temporary folder and runs
** `show`. Prints what it checks; exits 1 naming the first failure. Usage: c_host DEFINITION STORE
*/
#include <sfe.h>

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef int (*abi_fn)(void);
typedef const char* (*libversion_fn)(void);
typedef int (*open_fn)(const char*, const sfe_host*, sfe_plugin**, char**);
typedef int (*call_fn)(sfe_plugin*, const char*, const char*, char**);
typedef void (*free_fn)(void*);
typedef void (*close_fn)(sfe_plugin*);

/* ISO C cannot cast dlsym's object pointer to a function pointer; copy it instead. */
#define LOAD(var, type, name) \
    do { void* p_ = dlsym(module, name); \
         if (!p_) { fprintf(stderr, "FAIL: %s not exported by %s\n", name, SFE_MODULE); return 1; } \
         memcpy(&var, &p_, sizeof var); } while (0)

int main(int argc, char** argv)
{
    if (argc != 3) { fprintf(stderr, "usage: c_host DEFINITION STORE\n"); return 2; }
    printf("c_host: dlopen %s\n", SFE_MODULE);
    void* module = dlopen(SFE_MODULE, RTLD_NOW | RTLD_LOCAL);
    if (!module) { fprintf(stderr, "FAIL: dlopen %s: %s\n", SFE_MODULE, dlerror()); return 1; }
    abi_fn abi; libversion_fn libversion; open_fn open_plugin; call_fn call; free_fn free_string; close_fn close_plugin;
    LOAD(abi, abi_fn, "sfe_abi_version");
    LOAD(libversion, libversion_fn, "sfe_libversion");
    LOAD(open_plugin, open_fn, "sfe_open");
    LOAD(call, call_fn, "sfe_call");
    LOAD(free_string, free_fn, "sfe_free");
    LOAD(close_plugin, close_fn, "sfe_close");
    if (abi() != SFE_ABI_VERSION || strcmp(libversion(), SFE_VERSION) != 0)
    {
        fprintf(stderr, "FAIL: the module is ABI %d, %s; the installed sfe.h says ABI %d, %s\n",
                abi(), libversion(), SFE_ABI_VERSION, SFE_VERSION);
        return 1;
    }
    printf("c_host: module and sfe.h agree: ABI %d, version %s\n", abi(), libversion());

    char config[1024];
    snprintf(config, sizeof config, "{\"store.path\": \"%s\"}", argv[2]);
    sfe_plugin* plugin = NULL;
    char* error = NULL;
    int status = open_plugin(config, NULL, &plugin, &error);
    if (status != SFE_OK) { fprintf(stderr, "FAIL: sfe_open: %d %s\n", status, error ? error : ""); return 1; }

    char request[1024];
    snprintf(request, sizeof request, "{\"path\": \"%s\"}", argv[1]);
    char* response = NULL;
    status = call(plugin, "import", request, &response);
    if (status != SFE_OK) { fprintf(stderr, "FAIL: import: %d %s\n", status, response); return 1; }
    free_string(response);

    response = NULL;
    status = call(plugin, "show", "{\"code\": \"CSMG\", \"level\": 3}", &response);
    if (status != SFE_OK || !strstr(response, "\"CSMG\"") || !strstr(response, "CSMG-3.1"))
    {
        fprintf(stderr, "FAIL: show CSMG level 3: %d %s\n", status, response ? response : "");
        return 1;
    }
    printf("c_host: show CSMG level 3: %.120s...\n", response);
    free_string(response);
    close_plugin(plugin);
    dlclose(module);
    printf("c_host: ok\n");
    return 0;
}
