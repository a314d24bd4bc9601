//
// ManifestDefaultsTest.cpp
//
// Library: tests
// Package: plugin
//
// The plugin manifest declares exactly the keys runtime::Settings reads, with the same defaults,
// and every value it allows is one Settings accepts.
//

#define BOOST_TEST_MODULE plugin_manifest_defaults
#include <boost/test/unit_test.hpp>

#include "sfe/runtime/Error.h"
#include "sfe/runtime/Settings.h"

#include "sfe.h"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/Util/MapConfiguration.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

const std::string kNamespace = "urn:sfia-evidence:plugin-manifest:1.0";

struct DeclaredKey
{
    std::string defaultValue;
    std::vector<std::string> allowed;
};

/// The <key> elements of the built manifest, by name.
std::map<std::string, DeclaredKey> manifestKeys()
{
    Poco::XML::DOMParser parser;
    Poco::AutoPtr<Poco::XML::Document> document = parser.parse(SFE_PLUGIN_MANIFEST);
    std::map<std::string, DeclaredKey> keys;
    Poco::AutoPtr<Poco::XML::NodeList> nodes = document->getElementsByTagNameNS(kNamespace, "key");
    for (unsigned long i = 0; i < nodes->length(); ++i)
    {
        auto* key = static_cast<Poco::XML::Element*>(nodes->item(i));
        DeclaredKey declared{key->getAttribute("default"), {}};
        Poco::AutoPtr<Poco::XML::NodeList> allowed = key->getElementsByTagNameNS(kNamespace, "allowed");
        for (unsigned long a = 0; a < allowed->length(); ++a) declared.allowed.push_back(allowed->item(a)->innerText());
        keys[key->getAttribute("name")] = declared;
    }
    return keys;
}

/// A configuration that remembers every key asked of it.
class RecordingConfiguration: public Poco::Util::MapConfiguration
{
public:
    mutable std::set<std::string> asked;

protected:
    bool getRaw(const std::string& key, std::string& value) const override
    {
        asked.insert(key);
        return MapConfiguration::getRaw(key, value);
    }
};

Poco::AutoPtr<Poco::Util::MapConfiguration> manifestDefaults()
{
    Poco::AutoPtr<Poco::Util::MapConfiguration> config(new Poco::Util::MapConfiguration);
    for (const auto& [name, key] : manifestKeys()) config->setString(name, key.defaultValue);
    return config;
}

} // namespace

BOOST_AUTO_TEST_CASE(manifest_declares_exactly_the_keys_settings_reads)
{
    Poco::AutoPtr<RecordingConfiguration> config(new RecordingConfiguration);
    sfe::runtime::Settings::from(*config);
    std::set<std::string> declared;
    for (const auto& entry : manifestKeys()) declared.insert(entry.first);
    BOOST_TEST(!declared.empty());
    for (const auto& key : config->asked)
        BOOST_TEST(declared.count(key) == 1, "Settings reads " << key << ", the manifest lacks it");
    for (const auto& key : declared)
        BOOST_TEST(config->asked.count(key) == 1, "the manifest declares " << key << ", Settings never reads it");
}

BOOST_AUTO_TEST_CASE(manifest_defaults_equal_the_settings_defaults)
{
    const sfe::runtime::Settings expected;
    const sfe::runtime::Settings actual = sfe::runtime::Settings::from(*manifestDefaults());
    BOOST_TEST(actual.storeConnector == expected.storeConnector);
    BOOST_TEST(actual.storePath == expected.storePath);
    BOOST_TEST(actual.importMaxBytes == expected.importMaxBytes);
    BOOST_TEST(actual.doorMaxRequestBytes == expected.doorMaxRequestBytes);
    BOOST_TEST(actual.xapiBaseIri == expected.xapiBaseIri);
    BOOST_TEST(actual.lmsHomePage == expected.lmsHomePage);
    BOOST_TEST(actual.xapiVersion == expected.xapiVersion);
    BOOST_TEST(actual.xapiActor == expected.xapiActor);
    BOOST_TEST(actual.lmsMboxDomain == expected.lmsMboxDomain);
    BOOST_TEST(actual.lrsUrl == expected.lrsUrl);
    BOOST_TEST(actual.lrsUser == expected.lrsUser);
    BOOST_TEST(actual.lrsPassword == expected.lrsPassword);
    BOOST_TEST(actual.lrsBatch == expected.lrsBatch);
    BOOST_TEST(actual.lrsBackground == expected.lrsBackground);
    BOOST_TEST(actual.lrsVerifyCertificates == expected.lrsVerifyCertificates);
    BOOST_TEST(actual.lrsCaFile == expected.lrsCaFile);
    BOOST_TEST(actual.lrsTimeoutMs == expected.lrsTimeoutMs);
    BOOST_TEST(actual.auditSigningKey == expected.auditSigningKey);
    BOOST_TEST(actual.auditSigningCert == expected.auditSigningCert);
    BOOST_TEST(actual.auditCheckpointEvery == expected.auditCheckpointEvery);
    BOOST_TEST(actual.auditCheckpointSeconds == expected.auditCheckpointSeconds);
    BOOST_TEST(actual.xapiSign == expected.xapiSign);
    BOOST_TEST(actual.progressRule == expected.progressRule);
    BOOST_TEST(actual.logLevel == expected.logLevel);
}

BOOST_AUTO_TEST_CASE(every_value_the_manifest_allows_is_accepted)
{
    // Values that only make sense with another key set.
    const std::map<std::string, std::map<std::string, std::string>> companions = {
        {"xapi.actor=mbox", {{"lms.mbox_domain", "example.org"}}},
        {"xapi.sign=true", {{"audit.signing_key", "key.pem"}, {"audit.signing_cert", "cert.pem"}}},
    };
    for (const auto& [name, key] : manifestKeys())
    {
        for (const auto& value : key.allowed)
        {
            Poco::AutoPtr<Poco::Util::MapConfiguration> config = manifestDefaults();
            config->setString(name, value);
            auto extra = companions.find(name + "=" + value);
            if (extra != companions.end())
                for (const auto& [other, otherValue] : extra->second) config->setString(other, otherValue);
            BOOST_TEST_CONTEXT(name << "=" << value)
            {
                BOOST_CHECK_NO_THROW(sfe::runtime::Settings::from(*config));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(settings_keys_are_the_manifest_keys)
{
    // Settings::keys() is the list both doors check keys against (the C door through Settings, the
    // CLI through the manifest): the two must be one list.
    std::set<std::string> declared, listed;
    for (const auto& entry : manifestKeys()) declared.insert(entry.first);
    for (const auto& key : sfe::runtime::Settings::keys()) listed.insert(key);
    BOOST_TEST(listed.size() == sfe::runtime::Settings::keys().size(), "Settings::keys() lists a key twice");
    for (const auto& key : declared) BOOST_TEST(listed.count(key) == 1, "Settings::keys() lacks " << key);
    for (const auto& key : listed) BOOST_TEST(declared.count(key) == 1, "the manifest lacks " << key);
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_refused_naming_it)
{
    Poco::AutoPtr<Poco::Util::MapConfiguration> config = manifestDefaults();
    config->setString("store.pth", "/tmp/x.db");
    try
    {
        sfe::runtime::Settings::from(*config);
        BOOST_FAIL("store.pth was accepted");
    }
    catch (const sfe::runtime::Error& e)
    {
        BOOST_TEST(e.status() == SFE_CONFIG);
        BOOST_TEST(e.message().find("unknown configuration key 'store.pth'") == 0u, e.message());
    }
}
