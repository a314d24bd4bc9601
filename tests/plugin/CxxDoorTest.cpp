//
// CxxDoorTest.cpp
//
// Library: tests
// Package: plugin
//
// Loads the built plugin module through Poco::ClassLoader, as a C++ host does, and drives it.
//

#define BOOST_TEST_MODULE plugin_cxx_door
#include <boost/test/unit_test.hpp>

#include "LoadedPlugin.h"
#include "sfe.h"

#include <Poco/ClassLoader.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Util/MapConfiguration.h>

#include <memory>
#include <set>
#include <string>

using sfe::plugin::EvidencePlugin;
using sfe::tests::LoadedPlugin;
using sfe::tests::TestHost;

namespace {

const std::string kModule = sfe::tests::kPluginModule;
const std::string kDefinition = SFE_SOURCE_DIR "/definitions/csmg.de.xml";

Poco::JSON::Object::Ptr parse(const std::string& json)
{
    return sfe::tests::parseObject(json);
}

} // namespace

BOOST_AUTO_TEST_CASE(manifest_lists_the_plugin_class_and_abi_matches)
{
    Poco::ClassLoader<EvidencePlugin> loader;
    loader.loadLibrary(kModule);
    std::set<std::string> classes;
    for (auto it = loader.begin(); it != loader.end(); ++it)
    {
        for (auto meta = it->second->begin(); meta != it->second->end(); ++meta) classes.insert(meta->name());
    }
    BOOST_TEST(classes.count(sfe::plugin::kPluginClassName) == 1u);
    BOOST_TEST(loader.canCreate(sfe::plugin::kPluginClassName));
    {
        std::unique_ptr<EvidencePlugin> plugin(loader.create(sfe::plugin::kPluginClassName));
        BOOST_TEST(plugin->abiVersion() == SFE_ABI_VERSION);
    }
    loader.unloadLibrary(kModule);
    BOOST_TEST(!loader.isLibraryLoaded(kModule));
}

BOOST_AUTO_TEST_CASE(call_before_start_is_misuse_not_a_crash)
{
    Poco::ClassLoader<EvidencePlugin> loader;
    loader.loadLibrary(kModule);
    {
        std::unique_ptr<EvidencePlugin> plugin(loader.create(sfe::plugin::kPluginClassName));
        const auto result = plugin->call("skills", "{}");
        BOOST_TEST(result.status == SFE_MISUSE);
        BOOST_TEST(!result.message.empty());
    }
    loader.unloadLibrary(kModule);
}

BOOST_AUTO_TEST_CASE(error_objects_are_valid_utf8_json_whatever_the_operation_name)
{
    // A host's operation name is any bytes: it reached the error JSON raw (invalid UTF-8, quotes).
    const std::string operation = "sh\xffow\"\\\x1b";
    Poco::ClassLoader<EvidencePlugin> loader;
    loader.loadLibrary(kModule);
    {
        std::unique_ptr<EvidencePlugin> plugin(loader.create(sfe::plugin::kPluginClassName));
        const auto notStarted = plugin->call(operation, "{}");
        BOOST_TEST(notStarted.status == SFE_MISUSE);
        BOOST_TEST(parse(notStarted.json)->getValue<std::string>("error") == "misuse");
        BOOST_TEST(notStarted.json.find('\xff') == std::string::npos);
        BOOST_TEST(parse(notStarted.json)->getValue<std::string>("message") == "sh?ow???: the plugin is not started");
    }
    loader.unloadLibrary(kModule);

    LoadedPlugin p;
    const auto unknown = p.call(operation, "{}");
    BOOST_TEST(unknown.status == SFE_MISUSE);
    BOOST_TEST(parse(unknown.json)->getValue<std::string>("message") == "unknown operation 'sh?ow\"\\?'");
}

BOOST_AUTO_TEST_CASE(unknown_configuration_keys_are_refused_naming_them)
{
    Poco::TemporaryFile folder;
    folder.createDirectories();
    TestHost host(Poco::Path(folder.path(), "keys.db").toString());
    host.settings().setString("store.pth", "elsewhere.db");
    Poco::ClassLoader<EvidencePlugin> loader;
    loader.loadLibrary(kModule);
    {
        std::unique_ptr<EvidencePlugin> plugin(loader.create(sfe::plugin::kPluginClassName));
        try
        {
            plugin->start(host);
            BOOST_FAIL("store.pth was accepted");
        }
        catch (const Poco::Exception& e)
        {
            BOOST_TEST(e.code() == SFE_CONFIG);
            BOOST_TEST(e.message().find("unknown configuration key 'store.pth'") == 0u, e.message());
        }
    }
    loader.unloadLibrary(kModule);
}

BOOST_AUTO_TEST_CASE(import_then_show_level_3)
{
    LoadedPlugin p;
    Poco::JSON::Object request;
    request.set("path", kDefinition);
    std::ostringstream json;
    request.stringify(json);

    const auto imported = p.call("import", json.str());
    BOOST_TEST_REQUIRE(imported.ok(), imported.message);
    auto response = parse(imported.json);
    BOOST_TEST(response->getValue<std::string>("result") == "imported");
    BOOST_TEST(response->getArray("skills")->getElement<std::string>(0) == "CSMG");
    const std::string definition = response->getValue<std::string>("definition");
    BOOST_TEST(definition.size() == 64u);

    const auto again = p.call("import", json.str());
    BOOST_TEST_REQUIRE(again.ok(), again.message);
    BOOST_TEST(parse(again.json)->getValue<std::string>("result") == "unchanged");
    BOOST_TEST(parse(again.json)->getValue<std::string>("definition") == definition);

    const auto shown = p.call("show", R"({"code": "CSMG", "level": 3})");
    BOOST_TEST_REQUIRE(shown.ok(), shown.message);
    auto skill = parse(shown.json);
    BOOST_TEST(skill->getValue<std::string>("name") == "Kundenservice");
    BOOST_TEST(skill->getValue<std::string>("definition") == definition);
    auto levels = skill->getArray("levels");
    BOOST_TEST_REQUIRE(levels->size() == 1u);
    auto level = levels->getObject(0);
    BOOST_TEST(level->getValue<int>("number") == 3);
    BOOST_TEST(level->getValue<std::string>("guidingPhrase") == "Anwenden");
    auto responsibilities = level->getArray("responsibilities");
    BOOST_TEST_REQUIRE(responsibilities->size() >= 1u);
    BOOST_TEST(responsibilities->getObject(0)->getValue<std::string>("id") == "CSMG-3.1");
    BOOST_TEST(responsibilities->getObject(0)->getValue<std::string>("text") ==
               "Fungiert als routinemäßige Anlaufstelle, die Unterstützungsanfragen empfängt und bearbeitet.");

    const auto skills = p.call("skills", "{}");
    BOOST_TEST_REQUIRE(skills.ok(), skills.message);
    auto first = parse(skills.json)->getArray("skills")->getObject(0);
    BOOST_TEST(first->getValue<std::string>("code") == "CSMG");
    BOOST_TEST(first->getValue<std::string>("importedAt") == "2023-11-14T22:13:20.123Z"); // the host's clock
}

BOOST_AUTO_TEST_CASE(unknown_skill_is_not_found_with_an_error_object)
{
    LoadedPlugin p;
    const auto result = p.call("show", R"({"code": "NOPE"})");
    BOOST_TEST(result.status == SFE_NOTFOUND);
    BOOST_TEST(result.message.find("NOPE") != std::string::npos, result.message);
    auto error = parse(result.json);
    BOOST_TEST(error->getValue<int>("status") == SFE_NOTFOUND);
    BOOST_TEST(error->getValue<std::string>("error") == "notFound");
    BOOST_TEST(error->getValue<std::string>("message") == result.message);
}

BOOST_AUTO_TEST_CASE(invalid_definition_is_refused_with_located_problems)
{
    LoadedPlugin p;
    const auto result =
        p.call("import", R"({"xml": "<definition xmlns=\"urn:sfia-evidence:definition:1.0\"/>", "name": "empty.xml"})");
    BOOST_TEST(result.status == SFE_INVALID);
    BOOST_TEST(result.message.rfind("empty.xml:", 0) == 0u, result.message);
    auto problems = parse(result.json)->getArray("problems");
    BOOST_TEST_REQUIRE(problems);
    BOOST_TEST(problems->size() >= 1u);
    const auto skills = p.call("skills", "{}");
    BOOST_TEST_REQUIRE(skills.ok());
    BOOST_TEST(parse(skills.json)->getArray("skills")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(stop_is_safe_twice_and_the_store_persists)
{
    Poco::TemporaryFile folder;
    folder.createDirectories();
    TestHost host(Poco::Path(folder.path(), "persist.db").toString());
    Poco::ClassLoader<EvidencePlugin> loader;
    loader.loadLibrary(kModule);
    {
        std::unique_ptr<EvidencePlugin> plugin(loader.create(sfe::plugin::kPluginClassName));
        plugin->start(host);
        const auto imported = plugin->call("import", "{\"path\": \"" + kDefinition + "\"}");
        BOOST_TEST_REQUIRE(imported.ok(), imported.message);
        plugin->stop();
        plugin->stop();
    }
    {
        std::unique_ptr<EvidencePlugin> plugin(loader.create(sfe::plugin::kPluginClassName));
        plugin->start(host);
        const auto skills = plugin->call("skills", "{}");
        BOOST_TEST_REQUIRE(skills.ok(), skills.message);
        BOOST_TEST(parse(skills.json)->getArray("skills")->size() == 1u);
        plugin->stop();
    }
    loader.unloadLibrary(kModule);
}
