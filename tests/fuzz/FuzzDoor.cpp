//
// FuzzDoor.cpp
//
// libFuzzer target: the C door's operations and their request JSON (plugin/include/sfe.h).
//
// The input is "OPERATION\nREQUEST": the operation's name up to the first newline, the request JSON
// after it (no newline: the operation alone, request NULL). One handle, opened once on a SQLite store
// in a temporary folder with the shipped CSMG definition imported and two activities mapped, serves
// every input, so inputs act on a store that holds what earlier inputs recorded (a crash that needs
// that history may not replay from its input alone; the log of the run shows what came before).
//
// Checked for every call, beyond the sanitizers: a known status; a response on every status, which
// is a JSON object in valid UTF-8 (sfe.h: the result, or an error object); sfe_errmsg() is never
// NULL. Operations that write files at a path the request names (audit.export, keys.generate) and
// import from a path are not called: the fuzzer would scatter files over the machine.
//

#include "sfe.h"
#include "sfe/xapi/Utf8.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Exception.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <ftw.h>
#include <unistd.h>

namespace {

sfe_plugin* plugin = nullptr;
std::string folder;

[[noreturn]] void fail(const std::string& what)
{
    std::fprintf(stderr, "FuzzDoor: %s\n", what.c_str());
    std::abort();
}

void discardLog(void*, int, const char*) {}

/// Calls an operation the way the setup needs it to succeed.
void setupCall(const char* operation, const std::string& request)
{
    char* response = nullptr;
    const int status = sfe_call(plugin, operation, request.c_str(), &response);
    const std::string text = response ? response : "";
    sfe_free(response);
    if (status != SFE_OK) fail(std::string("setup: ") + operation + " failed: " + text);
}

int removeEntry(const char* path, const struct stat*, int, struct FTW*)
{
    return ::remove(path);
}

void closeAndClean()
{
    sfe_close(plugin);
    plugin = nullptr;
    if (!folder.empty()) ::nftw(folder.c_str(), removeEntry, 16, FTW_DEPTH | FTW_PHYS);
}

/// The response must be one JSON object in valid UTF-8.
void checkResponse(const std::string& operation, int status, const char* response)
{
    if (!response) fail(operation + ": status " + std::to_string(status) + " without a response");
    const std::string text(response);
    const std::string utf8 = sfe::xapi::Utf8::check(text);
    if (!utf8.empty()) fail(operation + ": the response " + utf8 + ": " + text);
    try
    {
        Poco::JSON::Parser parser;
        const Poco::Dynamic::Var value = parser.parse(text);
        if (value.type() != typeid(Poco::JSON::Object::Ptr))
            fail(operation + ": the response is not an object: " + text);
    }
    catch (const Poco::Exception& e)
    {
        fail(operation + ": the response is not JSON (" + e.displayText() + "): " + text);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/sfe-fuzz-door-XXXXXX";
    if (!::mkdtemp(pattern.data())) fail("cannot make a temporary folder " + pattern);
    folder = pattern;

    static sfe_host host{SFE_ABI_VERSION, nullptr, discardLog, nullptr};
    Poco::JSON::Object config;
    config.set("store.path", folder + "/fuzz.db");
    std::ostringstream json;
    config.stringify(json);
    char* error = nullptr;
    if (sfe_open(json.str().c_str(), &host, &plugin, &error) != SFE_OK)
        fail(std::string("setup: sfe_open failed: ") + (error ? error : "?"));
    std::atexit(closeAndClean);

    Poco::JSON::Object import;
    import.set("path", SFE_FUZZ_DEFINITION);
    std::ostringstream importJson;
    import.stringify(importJson);
    setupCall("import", importJson.str());
    setupCall("map", R"({"activity": "kurs-erstdiagnose", "type": "course", "skill": "CSMG", "level": 3,
                         "responsibilities": ["CSMG-3.1", "CSMG-3.2"]})");
    setupCall("map", R"({"activity": "modul-anfragen-erfassen", "type": "module", "skill": "CSMG", "level": 1})");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string operation = input.substr(0, newline);
    const bool hasRequest = newline != std::string::npos;
    const std::string request = hasRequest ? input.substr(newline + 1) : std::string();

    // Exact names: the door runs an operation only under its exact name (anything else is unknown).
    if (operation == "audit.export" || operation == "keys.generate") return -1;
    if (operation == "import" && (request.find("path") != std::string::npos || request.find('\\') != std::string::npos))
        return -1;

    char* response = nullptr;
    const int status = sfe_call(plugin, operation.c_str(), hasRequest ? request.c_str() : nullptr, &response);
    if ((status & 0xff) > SFE_BUSY || status < 0) fail(operation + ": unknown status " + std::to_string(status));
    checkResponse(operation, status, response);
    sfe_free(response);
    if (!sfe_errmsg(plugin)) fail(operation + ": sfe_errmsg returned NULL");
    return 0;
}
