//
// main.cpp
//
// A C++ host of the installed plugin: loads the module with Poco::ClassLoader through the C++
// door (sfe/plugin/EvidencePlugin.h), imports the installed CSMG definition and runs `show`.
// Prints what it checks; exits 1 naming the first failure. Usage: cxx_host DEFINITION STORE
//

#include "sfe/plugin/EvidencePlugin.h"
#include "sfe/plugin/HostServices.h"
#include "sfe/plugin/Names.h"

#include <Poco/AutoPtr.h>
#include <Poco/ClassLoader.h>
#include <Poco/Logger.h>
#include <Poco/Util/MapConfiguration.h>

#include <iostream>
#include <memory>

namespace {

/// The host's services: the store path as the only setting, Poco's logger, the system clock.
class Host: public sfe::plugin::HostServices
{
public:
    explicit Host(const std::string& store):
        _config(new Poco::Util::MapConfiguration)
    {
        _config->setString("store.path", store);
    }

    const Poco::Util::AbstractConfiguration& config() const override { return *_config; }
    Poco::Logger& logger() const override { return Poco::Logger::get("cxx-host"); }
    Poco::Timestamp now() const override { return Poco::Timestamp(); }

private:
    Poco::AutoPtr<Poco::Util::MapConfiguration> _config;
};

int fail(const std::string& what)
{
    std::cerr << "FAIL: " << what << std::endl;
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) return fail("usage: cxx_host DEFINITION STORE");
    std::cout << "cxx_host: Poco::ClassLoader loads " << SFE_MODULE << std::endl;
    Poco::ClassLoader<sfe::plugin::EvidencePlugin> loader;
    loader.loadLibrary(SFE_MODULE);
    int result = 0;
    {
        std::unique_ptr<sfe::plugin::EvidencePlugin> plugin(loader.create(sfe::plugin::kPluginClassName));
        if (plugin->abiVersion() != SFE_ABI_VERSION)
            return fail("module ABI " + std::to_string(plugin->abiVersion()) + ", headers ABI " +
                        std::to_string(SFE_ABI_VERSION));
        Host host(argv[2]);
        plugin->start(host);
        const auto imported = plugin->call("import", std::string("{\"path\": \"") + argv[1] + "\"}");
        const auto shown = plugin->call("show", "{\"code\": \"CSMG\", \"level\": 3}");
        plugin->stop();
        if (!imported.ok()) result = fail("import: " + imported.json);
        else if (!shown.ok() || shown.json.find("CSMG-3.1") == std::string::npos) result = fail("show: " + shown.json);
        else std::cout << "cxx_host: show CSMG level 3: " << shown.json.substr(0, 120) << "..." << std::endl;
    }
    loader.unloadLibrary(SFE_MODULE);
    if (result == 0) std::cout << "cxx_host: ok" << std::endl;
    return result;
}
