#define FFI_SCOPE "SFE"
#define FFI_LIB "sfia-evidence-plugin.so"
/*
** sfe.ffi.h — the declarations of plugin/include/sfe.h, as PHP's FFI parser takes them.
**
** FFI::cdef() understands C declarations but no preprocessor (no #include, #ifdef or attribute
** macros), so this is sfe.h with its preprocessor lines, SFE_API and the extern "C" wrapper taken
** out; the status codes are constants of the PHP class Sfe\SfePlugin. tests/php checks that both
** say the same: change them together.
**
** The two #define lines above (PHP reads them only at the very start of the file) are for
** FFI::load() and the ffi.preload setting: PHP loads the library at start-up and names the
** declarations scope "SFE". The dynamic loader finds the library by FFI_LIB's name, through
** LD_LIBRARY_PATH or the system's library folders. SfePlugin drops both lines for FFI::cdef().
*/

typedef struct sfe_plugin sfe_plugin;

typedef struct sfe_host
{
    int abi_version;
    void* host_data;
    void (*log)(void* host_data, int level, const char* message);
    long long (*now_ms)(void* host_data);
} sfe_host;

int sfe_abi_version(void);

const char* sfe_libversion(void);

int sfe_open(const char* config_json, const sfe_host* host, sfe_plugin** out, char** errmsg);

int sfe_call(sfe_plugin* plugin, const char* operation, const char* request_json, char** response_json);

const char* sfe_errmsg(sfe_plugin* plugin);

const char* sfe_errstr(int status);

void sfe_free(void* p);

void sfe_close(sfe_plugin* plugin);
