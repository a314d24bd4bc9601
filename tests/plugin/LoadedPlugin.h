//
// LoadedPlugin.h
//
// Library: tests
// Package: plugin
//
// The C++ door as a C++ host uses it, for the plugin_cxx_door* suites: a HostServices over a map of
// settings and a fixed clock, and the module loaded through Poco::ClassLoader with one started
// plugin on a store of its own.
//

#ifndef SFE_TESTS_PLUGIN_LOADEDPLUGIN_H
#define SFE_TESTS_PLUGIN_LOADEDPLUGIN_H

#include "sfe/plugin/EvidencePlugin.h"
#include "sfe/plugin/HostServices.h"
#include "sfe/plugin/Names.h"

#include <Poco/AutoPtr.h>
#include <Poco/ClassLoader.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Util/MapConfiguration.h>

#include <map>
#include <memory>
#include <string>

namespace sfe {
namespace tests {

const std::string kPluginModule = SFE_PLUGIN_MODULE;

/// HostServices for tests: store.path plus the given settings, the root logger, a fixed clock
/// (2023-11-14T22:13:20.123Z), so what the plugin stamps is known.
class TestHost: public plugin::HostServices
{
public:
    explicit TestHost(const std::string& storePath, const std::map<std::string, std::string>& settings = {}):
        _config(new Poco::Util::MapConfiguration),
        _now(Poco::Timestamp::fromEpochTime(1700000000) + 123000)
    {
        _config->setString("store.path", storePath);
        for (const auto& [key, value] : settings) _config->setString(key, value);
    }

    const Poco::Util::AbstractConfiguration& config() const override { return *_config; }
    Poco::Logger& logger() const override { return Poco::Logger::get("plugin-test"); }
    Poco::Timestamp now() const override { return _now; }

    Poco::Util::MapConfiguration& settings() { return *_config; }
    /// To change a setting before the plugin starts.

private:
    Poco::AutoPtr<Poco::Util::MapConfiguration> _config;
    Poco::Timestamp _now;
};

/// A loaded library with one started plugin on a store in a temporary folder; destroys the plugin
/// before unloading, as Poco::ClassLoader requires.
struct LoadedPlugin
{
    Poco::TemporaryFile folder;
    TestHost host;
    Poco::ClassLoader<plugin::EvidencePlugin> loader;
    std::unique_ptr<plugin::EvidencePlugin> plugin;

    explicit LoadedPlugin(const std::map<std::string, std::string>& settings = {}):
        host(Poco::Path(folder.path(), "cxx-door.db").toString(), settings)
    {
        folder.createDirectories();
        loader.loadLibrary(kPluginModule);
        plugin.reset(loader.create(plugin::kPluginClassName));
        plugin->start(host);
    }

    ~LoadedPlugin()
    {
        plugin->stop();
        plugin.reset();
        loader.unloadLibrary(kPluginModule);
    }

    plugin::EvidencePlugin::Result call(const std::string& operation, const std::string& request)
    {
        return plugin->call(operation, request);
    }
};

inline Poco::JSON::Object::Ptr parseObject(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

}
} // namespace sfe::tests

#endif
