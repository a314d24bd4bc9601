//
// CDoor.cpp
//
// Library: sfe_plugin
// Package: door
//
// The C door (sfe.h). Every export catches everything: no exception crosses into C.
//

#include "sfe.h"

#include "CHostServices.h"
#include "sfe/Version.h"
#include "sfe/runtime/Error.h"
#include "sfe/runtime/Runtime.h"

#include <cstdlib>
#include <cstring>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

/// What a handle opened. Calls in flight share it, so closing never frees it under them.
struct OpenPlugin
{
    std::unique_ptr<sfe::plugin::CHostServices> host;
    std::unique_ptr<sfe::runtime::Runtime> runtime;

    ~OpenPlugin()
    {
        runtime.reset(); // it uses the host's configuration, logger and clock to the end
        host.reset();
    }
};

namespace {

// A handle is a number the host holds as an opaque pointer (struct sfe_plugin is never defined):
// the registry maps live handles to what they opened, so a closed or foreign handle is recognised
// without reading memory, and since numbers are never reused, a stale handle never reaches a
// handle opened later.
std::atomic<std::uintptr_t> gLastHandle{0};

/// Live handles. Not a static object, so handles a host leaves open at exit are not closed under
/// it; freeRegistry() deletes it when the module is unloaded (or the process ends) with none open.
std::mutex gHandlesMutex;
auto* gHandles = new std::map<const sfe_plugin*, std::shared_ptr<OpenPlugin>>;

__attribute__((destructor)) void freeRegistry()
{
    std::lock_guard<std::mutex> lock(gHandlesMutex);
    if (gHandles && gHandles->empty())
    {
        delete gHandles;
        gHandles = nullptr;
    }
}

std::shared_ptr<OpenPlugin> live(const sfe_plugin* plugin)
{
    std::lock_guard<std::mutex> lock(gHandlesMutex);
    if (!gHandles) return nullptr; // after freeRegistry(): the process is ending
    auto it = gHandles->find(plugin);
    return it == gHandles->end() ? nullptr : it->second;
}

/// The message of this thread's last call, and the handle it was made on: each thread reads its
/// own, whatever other threads do with the same handle meanwhile.
struct LastError
{
    const sfe_plugin* plugin = nullptr;
    std::string message;
};
thread_local LastError tLastError;

void setError(const sfe_plugin* plugin, std::string message)
{
    tLastError.plugin = plugin;
    tLastError.message = std::move(message);
}

char* copyOut(const std::string& s)
{
    char* p = static_cast<char*>(std::malloc(s.size() + 1));
    if (p) std::memcpy(p, s.c_str(), s.size() + 1);
    return p;
}

} // namespace

extern "C" {

SFE_API int sfe_abi_version(void)
{
    return SFE_ABI_VERSION;
}

SFE_API const char* sfe_libversion(void)
{
    return SFE_VERSION;
}

SFE_API int sfe_open(const char* config_json, const sfe_host* host, sfe_plugin** out, char** errmsg)
{
    if (errmsg) *errmsg = nullptr;
    if (!out)
    {
        if (errmsg) *errmsg = copyOut("sfe_open: out must not be NULL");
        return SFE_MISUSE;
    }
    *out = nullptr;
    int status = SFE_ERROR;
    std::string message;
    try
    {
        auto opened = std::make_shared<OpenPlugin>();
        opened->host = std::make_unique<sfe::plugin::CHostServices>(config_json, host);
        opened->runtime = std::make_unique<sfe::runtime::Runtime>(*opened->host);
        auto* plugin = reinterpret_cast<sfe_plugin*>(gLastHandle.fetch_add(16) + 16);
        {
            std::lock_guard<std::mutex> lock(gHandlesMutex);
            if (!gHandles) gHandles = new std::map<const sfe_plugin*, std::shared_ptr<OpenPlugin>>;
            gHandles->emplace(plugin, std::move(opened));
        }
        *out = plugin;
        return SFE_OK;
    }
    catch (const sfe::runtime::Error& e)
    {
        status = e.status();
        message = e.message();
    }
    catch (const Poco::Exception& e)
    {
        message = "sfe_open: " + e.displayText();
    }
    catch (const std::exception& e)
    {
        message = std::string("sfe_open: ") + e.what();
    }
    catch (...)
    {
        message = "sfe_open: unknown error";
    }
    if (errmsg) *errmsg = copyOut(message);
    return status;
}

SFE_API int sfe_call(sfe_plugin* plugin, const char* operation, const char* request_json, char** response_json)
{
    if (response_json) *response_json = nullptr;
    if (!plugin)
    {
        setError(nullptr, "sfe_call: NULL handle");
        return SFE_MISUSE;
    }
    try
    {
        if (!operation || !response_json)
        {
            setError(plugin, "sfe_call: operation and response_json must not be NULL");
            return SFE_MISUSE;
        }
        if (sfe::plugin::CHostServices::inLogCallback())
        {
            const std::string message =
                "sfe_call: called from inside the plugin's log callback; a log callback must not call into the "
                "plugin (the line may come while the plugin holds what the call needs): note the work and make "
                "the call after the callback returned";
            setError(plugin, message);
            *response_json = copyOut(R"({"status":6,"error":"misuse","message":")" + message + R"("})");
            return SFE_MISUSE;
        }
        const std::shared_ptr<OpenPlugin> opened = live(plugin);
        if (!opened)
        {
            const std::string message = "sfe_call: the handle is closed, or was not opened by sfe_open";
            setError(plugin, message);
            *response_json = copyOut(R"({"status":6,"error":"misuse","message":")" + message + R"("})");
            return SFE_MISUSE;
        }
        // No lock here: the runtime runs calls side by side (each on its own store session).
        // The request is read in place: door.max_request_bytes bounds it before any copy or parse.
        auto result =
            opened->runtime->call(operation, request_json ? std::string_view(request_json) : std::string_view());
        setError(plugin, result.ok() ? std::string() : result.message);
        *response_json = copyOut(result.json);
        if (!*response_json)
        {
            setError(plugin, "sfe_call: out of memory");
            return SFE_ERROR;
        }
        return result.status;
    }
    catch (const std::exception& e)
    {
        setError(plugin, std::string("sfe_call: ") + e.what());
    }
    catch (...)
    {
        setError(plugin, "sfe_call: unknown error");
    }
    return SFE_ERROR;
}

SFE_API const char* sfe_errmsg(sfe_plugin* plugin)
{
    if (!plugin) return "sfe_errmsg: NULL handle";
    if (tLastError.plugin != plugin) return "";
    return tLastError.message.c_str();
}

SFE_API const char* sfe_errstr(int status)
{
    switch (status & 0xff)
    {
        case SFE_OK:
            return "not an error";
        case SFE_ERROR:
            return "internal error";
        case SFE_INVALID:
            return "invalid input";
        case SFE_NOTFOUND:
            return "not found";
        case SFE_CONFLICT:
            return "conflicts with what is stored";
        case SFE_STORE:
            return "store error";
        case SFE_MISUSE:
            return "API misuse";
        case SFE_CONFIG:
            return "invalid configuration";
        case SFE_ABI:
            return "ABI mismatch";
        case SFE_NETWORK:
            return "LRS unreachable";
        case SFE_BUSY:
            return "store busy, try again";
        case SFE_FORBIDDEN:
            return "forbidden for the caller's roles";
        default:
            return "unknown status";
    }
}

SFE_API void sfe_free(void* p)
{
    std::free(p);
}

SFE_API void sfe_close(sfe_plugin* plugin)
{
    // From inside a log callback, closing would wait for the call (or the sender thread) that is
    // running the callback: refused, the handle stays open (sfe.h).
    if (!plugin || sfe::plugin::CHostServices::inLogCallback()) return;
    std::shared_ptr<OpenPlugin> opened;
    {
        std::lock_guard<std::mutex> lock(gHandlesMutex);
        if (!gHandles) return;
        auto it = gHandles->find(plugin);
        if (it == gHandles->end()) return; // closed already: a harmless no-op, as documented
        opened = std::move(it->second);
        gHandles->erase(it);
    }
    if (tLastError.plugin == plugin) setError(nullptr, std::string());
    try
    {
        // Stops the sender and waits for calls in flight; what they share goes with the last one.
        opened->runtime->stop();
    }
    catch (...)
    {}
    // No log line reaches the host after sfe_close returns, even from a call still unwinding.
    opened->host->detach();
    opened.reset();
}

} // extern "C"
