//
// ConformanceTest.cpp
//
// Project: sfia-evidence, tests/statements
//
// Every statement the plugin emits, of every kind and in every configuration, is valid xAPI
// (StatementValidator on exactly the bytes emitted) and follows the template of our xAPI Profile
// that its kind names, and no other.
//

#include "EveryKind.h"
#include "StatementReader.h"

#include "sfe/store/Database.h"
#include "sfe/xapi/Jws.h"
#include "sfe/xapi/Profile.h"
#include "sfe/xapi/StatementSerializer.h"
#include "sfe/xapi/StatementTemplateChecker.h"
#include "sfe/xapi/StatementValidator.h"

#include <Poco/Crypto/DigestEngine.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/Crypto/X509Certificate.h>
#include <Poco/Data/Session.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

using namespace sfe;
using namespace sfe::test;

namespace {

const std::string kTemplates = "https://sfia-evidence.org/xapi/profile/templates/";
const std::string kProfileVersion = "https://sfia-evidence.org/xapi/profile/v1.0";

std::string describe(const xapi::Problems& problems)
{
    std::string out;
    for (const auto& p : problems) out += "\n  " + p.toString();
    return out.empty() ? " (none)" : out;
}

xapi::SpecVersion specVersion(const Mode& mode)
{
    return std::string(mode.xapiVersion) == "2.0.0" ? xapi::SpecVersion::v2_0_0 : xapi::SpecVersion::v1_0_3;
}

Poco::JSON::Object::Ptr parse(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

/// A checker for our profile that resolves StatementRefs among the emitted statements, so a
/// voiding statement is checked against the statement it voids.
xapi::StatementTemplateChecker checkerFor(const StatementListing& listing)
{
    xapi::StatementTemplateChecker checker(xapi::Profile::load(SFE_XAPI_PROFILE_FILE));
    checker.setStatementLookup([listing](const std::string& id) -> Poco::JSON::Object::Ptr {
        return listing.has(id) ? listing.byId(id).json : nullptr;
    });
    return checker;
}

} // namespace

BOOST_AUTO_TEST_SUITE(conformance)

BOOST_DATA_TEST_CASE(every_kind_is_emitted_as_documented, boost::unit_test::data::make(kModes), mode)
{
    EveryKind plugin(&mode);
    plugin.emit();
    const StatementListing listing = plugin.listing();

    std::map<std::string, int> count;
    for (const auto& s : listing.all()) ++count[s.kind];
    // Three completions, one pass, one fail; seven attestations; level 3 attained once; voided: the
    // withdrawn completion, the withdrawn demonstration and the achievement it broke.
    const std::map<std::string, int> expected = {{"learning-completed", 3}, {"learning-passed", 1},
                                                 {"learning-failed", 1},    {"demonstration-attested", 7},
                                                 {"level-achieved", 1},     {"voided", 3}};
    BOOST_TEST((count == expected));
    std::set<std::string> kinds;
    for (const auto& [kind, n] : count) kinds.insert(kind);
    BOOST_TEST((kinds == std::set<std::string>(kKinds.begin(), kKinds.end())));
}

BOOST_DATA_TEST_CASE(every_statement_is_valid_xapi, boost::unit_test::data::make(kModes), mode)
{
    EveryKind plugin(&mode);
    plugin.emit();
    xapi::ValidatorOptions validatorOptions;
    validatorOptions.version = specVersion(mode);
    const xapi::StatementValidator validator(validatorOptions);
    xapi::SerializerOptions serializerOptions;
    serializerOptions.version = specVersion(mode);
    const xapi::StatementSerializer serializer(serializerOptions);

    std::vector<xapi::Statement> all;
    const StatementListing listing = plugin.listing();
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id << ": " << s.body)
        {
            xapi::Statement statement;
            try
            {
                statement = StatementReader::read(s.body);
            }
            catch (const std::invalid_argument& e)
            {
                BOOST_ERROR("the emitted statement does not read back: " << e.what());
                continue;
            }
            const xapi::Problems problems = validator.validate(statement);
            BOOST_TEST(problems.empty(), "problems:" << describe(problems));
            // What was validated is exactly what was emitted: the model writes back to the same bytes.
            BOOST_TEST(serializer.serialize(statement) == s.body);
            BOOST_TEST(statement.id == s.id);
            if (validatorOptions.version == xapi::SpecVersion::v2_0_0) BOOST_TEST(statement.version == "2.0.0");
            else BOOST_TEST(statement.version.empty());
            all.push_back(statement);
        }
    }
    // As one batch, too (the outbox sends up to lrs.batch at once): no id repeats.
    BOOST_TEST(validator.validate(all).empty(), describe(validator.validate(all)));
}

BOOST_DATA_TEST_CASE(every_statement_follows_the_template_its_kind_names_and_no_other,
                     boost::unit_test::data::make(kModes), mode)
{
    EveryKind plugin(&mode);
    plugin.emit();
    const StatementListing listing = plugin.listing();
    const xapi::StatementTemplateChecker checker = checkerFor(listing);

    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id << ": " << s.body)
        {
            const std::string templateId = kTemplates + s.kind;
            BOOST_REQUIRE(checker.profile().findTemplate(templateId));
            const xapi::Problems problems = checker.check(s.json, templateId);
            BOOST_TEST(problems.empty(), "problems:" << describe(problems));
            const std::vector<std::string> matching = checker.matchingTemplates(s.json);
            BOOST_TEST(matching == std::vector<std::string>{templateId}, boost::test_tools::per_element());
        }
    }
}

BOOST_DATA_TEST_CASE(every_statement_claims_the_profile, boost::unit_test::data::make(kModes), mode)
{
    // Claiming the profile version in category is what obliges a statement to follow a template
    // (xAPI Profiles §5): a statement without it would be outside the profile whatever it holds.
    EveryKind plugin(&mode);
    plugin.emit();
    const StatementListing listing = plugin.listing();
    const xapi::StatementTemplateChecker checker = checkerFor(listing);
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            const Poco::JSON::Object::Ptr context = s.json->getObject("context");
            BOOST_REQUIRE(context);
            BOOST_REQUIRE(context->getObject("contextActivities"));
            const auto category = context->getObject("contextActivities")->getArray("category");
            BOOST_REQUIRE(category);
            BOOST_TEST(category->size() == 1u);
            BOOST_TEST(category->getObject(0)->getValue<std::string>("id") == kProfileVersion);

            // And the template checks it: the same statement without it breaks its template.
            const Poco::JSON::Object::Ptr copy = parse(s.body);
            copy->getObject("context")->getObject("contextActivities")->remove("category");
            BOOST_TEST(!checker.check(copy, kTemplates + s.kind).empty());
        }
    }
}

BOOST_DATA_TEST_CASE(voiding_statements_void_statements_of_our_templates, boost::unit_test::data::make(kModes), mode)
{
    EveryKind plugin(&mode);
    plugin.emit();
    const StatementListing listing = plugin.listing();

    const std::set<std::string> expectedTargets = {plugin.completion.statement, plugin.demonstrated.back().statement,
                                                   listing.ofKind("level-achieved").at(0).id};
    std::set<std::string> targets;
    for (const auto& v : listing.ofKind("voided"))
    {
        BOOST_TEST_CONTEXT(v.id)
        {
            const auto object = v.json->getObject("object");
            BOOST_TEST(object->getValue<std::string>("objectType") == "StatementRef");
            BOOST_TEST(object->getValue<std::string>("id") == v.voids);
            BOOST_REQUIRE(listing.has(v.voids));
            const std::string voidedKind = listing.byId(v.voids).kind;
            BOOST_TEST(voidedKind != "voided", "a voiding statement cannot be voided");
            targets.insert(v.voids);
        }
    }
    BOOST_TEST((targets == expectedTargets));
}

const Mode kSignedModes[] = {kModes[4], kModes[5]};

BOOST_DATA_TEST_CASE(signed_statements_carry_a_signature_over_the_statement_without_it,
                     boost::unit_test::data::make(kSignedModes), mode)
{
    using namespace Poco::Data::Keywords;
    EveryKind plugin(&mode);
    plugin.emit();
    const StatementListing listing = plugin.listing();
    const Poco::Crypto::RSAKey key(Poco::Crypto::X509Certificate(plugin.certificatePath()));
    xapi::SerializerOptions options;
    options.version = specVersion(mode);
    const xapi::StatementSerializer serializer(options);

    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            // The JWS travels as the attachment's content; the outbox keeps it beside the body.
            Poco::Nullable<std::string> stored;
            std::string id = s.id;
            auto& db = plugin.runtime->database();
            db.session() << db.sql("SELECT signature FROM statements WHERE id = ?"), use(id), into(stored), now;
            BOOST_REQUIRE(!stored.isNull());
            const std::string jws = stored.value();

            xapi::Statement statement = StatementReader::read(s.body);
            BOOST_REQUIRE_EQUAL(statement.attachments.size(), 1u);
            const xapi::Attachment& a = statement.attachments[0];
            BOOST_TEST(a.usageType == xapi::Attachment::kSignatureUsageType);
            BOOST_TEST(a.contentType == "application/octet-stream");
            BOOST_TEST(a.length == jws.size());
            Poco::Crypto::DigestEngine sha256("SHA256");
            sha256.update(jws);
            BOOST_TEST(a.sha2 == Poco::DigestEngine::digestToHex(sha256.digest()));

            // Signed by our key, over exactly this statement as it was before the attachment.
            std::string why;
            const std::optional<std::string> payload = xapi::Jws::verifyRs256(jws, key, why);
            BOOST_REQUIRE_MESSAGE(payload, why);
            statement.attachments.clear();
            BOOST_TEST(*payload == serializer.serialize(statement));
            const auto header = parse(xapi::Jws::fromBase64Url(jws.substr(0, jws.find('.'))).value_or("{}"));
            BOOST_TEST(header->getValue<std::string>("alg") == "RS256");
            BOOST_TEST(header->has("x5c"));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
