//
// CxxDoorRolesTest.cpp
//
// Library: tests
// Package: plugin
//
// The C++ door refuses as the C door does (tests/plugin/roles_test.py covers every operation there):
// with auth.enforce=true a learner reading another learner's progress gets SFE_FORBIDDEN and the
// error object {"status": 11, "error": "forbidden"}, their own progress is not refused, a request
// without caller is SFE_INVALID; with auth.enforce=false the same request is not refused.
//

#define BOOST_TEST_MODULE plugin_cxx_door_roles
#include <boost/test/unit_test.hpp>

#include "sfe/plugin/EvidencePlugin.h"
#include "sfe/plugin/HostServices.h"
#include "sfe/plugin/Names.h"
#include "sfe.h"

#include <Poco/ClassLoader.h>
#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Util/MapConfiguration.h>

#include <memory>
#include <string>

using sfe::plugin::EvidencePlugin;

namespace {

const std::string kModule = SFE_PLUGIN_MODULE;
const std::string kLearner = R"({"id": "anna.schmidt", "roles": ["learner"]})";

/// A host whose configuration sets the store and auth.enforce.
class TestHost: public sfe::plugin::HostServices
{
public:
    TestHost(const std::string& storePath, bool enforce): _config(new Poco::Util::MapConfiguration)
    {
        _config->setString("store.path", storePath);
        _config->setString("auth.enforce", enforce ? "true" : "false");
    }

    const Poco::Util::AbstractConfiguration& config() const override { return *_config; }
    Poco::Logger& logger() const override { return Poco::Logger::get("plugin-roles-test"); }
    Poco::Timestamp now() const override { return Poco::Timestamp(); }

private:
    Poco::AutoPtr<Poco::Util::MapConfiguration> _config;
};

/// The plugin loaded through Poco::ClassLoader, as C++ hosts load it, on a store of its own.
struct LoadedPlugin
{
    Poco::TemporaryFile folder;
    TestHost host;
    Poco::ClassLoader<EvidencePlugin> loader;
    std::unique_ptr<EvidencePlugin> plugin;

    explicit LoadedPlugin(bool enforce): host(Poco::Path(folder.path(), "roles.db").toString(), enforce)
    {
        folder.createDirectories();
        loader.loadLibrary(kModule);
        plugin.reset(loader.create(sfe::plugin::kPluginClassName));
        plugin->start(host);
    }

    ~LoadedPlugin()
    {
        plugin->stop();
        plugin.reset();
        loader.unloadLibrary(kModule);
    }
};

Poco::JSON::Object::Ptr parse(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

} // namespace

BOOST_AUTO_TEST_CASE(enforced_learner_reads_only_own_progress)
{
    LoadedPlugin loaded(true);
    auto other = loaded.plugin->call("progress", R"({"learner": "max.mustermann", "caller": )" + kLearner + "}");
    BOOST_TEST(other.status == SFE_FORBIDDEN);
    auto error = parse(other.json);
    BOOST_TEST(error->getValue<int>("status") == SFE_FORBIDDEN);
    BOOST_TEST(error->getValue<std::string>("error") == "forbidden");
    BOOST_TEST(other.message.find("max.mustermann") != std::string::npos, other.message);

    auto own = loaded.plugin->call("progress", R"({"learner": "anna.schmidt", "caller": )" + kLearner + "}");
    BOOST_TEST(own.status != SFE_FORBIDDEN, own.json);

    auto anonymous = loaded.plugin->call("progress", R"({"learner": "anna.schmidt"})");
    BOOST_TEST(anonymous.status == SFE_INVALID);
    BOOST_TEST(anonymous.message.find("'caller' is required") != std::string::npos, anonymous.message);
}

BOOST_AUTO_TEST_CASE(not_enforced_by_default)
{
    LoadedPlugin loaded(false);
    auto other = loaded.plugin->call("progress", R"({"learner": "max.mustermann", "caller": )" + kLearner + "}");
    BOOST_TEST(other.status != SFE_FORBIDDEN, other.json);
    BOOST_TEST(loaded.plugin->call("skills", "{}").status == SFE_OK);
}
