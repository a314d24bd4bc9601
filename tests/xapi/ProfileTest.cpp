//
// ProfileTest.cpp
//
// Project: sfia-evidence, tests/xapi
//
// Our xAPI Profile is well-formed; every statement kind follows its template and broken ones do not.
// Also the generic parts: JsonPath, the rule semantics of StatementTemplateChecker, Profile::checkStructure.
//

#define BOOST_TEST_MODULE xapi_profile
#include "Examples.h"
#include "sfe/xapi/Iri.h"
#include "sfe/xapi/JsonPath.h"
#include "sfe/xapi/LanguageTag.h"
#include "sfe/xapi/Profile.h"
#include "sfe/xapi/StatementSerializer.h"
#include "sfe/xapi/StatementTemplateChecker.h"
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>
#include <functional>
#include <map>
#include <set>

using namespace sfe::xapi;
using namespace sfe::test;
using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const std::string kProfileFile = SFE_XAPI_PROFILE_FILE;

std::string describe(const Problems& problems)
{
    std::string out;
    for (const auto& p : problems) out += "\n  " + p.toString();
    return out.empty() ? " (none)" : out;
}

bool mentions(const Problems& problems, const std::string& path, const std::string& text)
{
    for (const auto& p : problems)
        if (p.path == path && p.message.find(text) != std::string::npos) return true;
    return false;
}

std::vector<Object::Ptr> objects(const Object::Ptr& o, const std::string& list)
{
    std::vector<Object::Ptr> out;
    const Array::Ptr a = o->getArray(list);
    for (std::size_t i = 0; a && i < a->size(); ++i) out.push_back(a->getObject(static_cast<unsigned>(i)));
    return out;
}

std::string serialize(const Statement& s, SpecVersion version = SpecVersion::v1_0_3)
{
    SerializerOptions o;
    o.version = version;
    o.instructorRelevantType = iri::kAssessor;
    return StatementSerializer(o).serialize(s);
}

Object::Ptr json(const std::string& text)
{
    return Poco::JSON::Parser().parse(text).extract<Object::Ptr>();
}

struct Fixture
{
    Profile profile = Profile::load(kProfileFile);
    StatementTemplateChecker checker{profile};
};

/// The statement kinds, each with the template it must follow.
const std::vector<std::pair<std::string, std::function<Statement()>>>& kinds()
{
    static const std::vector<std::pair<std::string, std::function<Statement()>>> all = {
        {"learning-completed", [] { return learning("completed").build(); }},
        {"learning-passed", [] { return learning("passed").build(); }},
        {"learning-failed", [] { return learning("failed").build(); }},
        {"demonstration-attested", [] { return attested().build(); }},
        {"level-achieved", [] { return achieved().build(); }},
        {"voided", [] { return voided().build(); }},
    };
    return all;
}

} // namespace

BOOST_AUTO_TEST_SUITE(our_profile)

BOOST_FIXTURE_TEST_CASE(passes_the_structure_check, Fixture)
{
    const Problems problems = profile.checkStructure();
    BOOST_TEST(problems.empty(), describe(problems));
}

BOOST_FIXTURE_TEST_CASE(has_the_expected_identity, Fixture)
{
    const Object::Ptr doc = profile.document();
    BOOST_TEST(doc->getValue<std::string>("@context") == "https://w3id.org/xapi/profiles/context");
    BOOST_TEST(doc->getValue<std::string>("type") == "Profile");
    BOOST_TEST(doc->getValue<std::string>("conformsTo") == "https://w3id.org/xapi/profiles#1.0");
    BOOST_TEST(profile.id() == "https://sfia-evidence.org/xapi/profile");
    BOOST_TEST(profile.currentVersionId() == iri::kProfileVersion);
    for (const char* map : {"prefLabel", "definition"})
    {
        BOOST_TEST(doc->getObject(map)->has("en"));
        BOOST_TEST(doc->getObject(map)->has("de"));
    }
}

BOOST_FIXTURE_TEST_CASE(every_id_is_an_iri_and_unique, Fixture)
{
    std::set<std::string> seen = {profile.id()};
    for (const char* list : {"concepts", "templates", "patterns"})
        for (const auto& o : objects(profile.document(), list))
        {
            const std::string id = o->getValue<std::string>("id");
            BOOST_TEST(Iri::check(id) == "", id);
            BOOST_TEST(seen.insert(id).second, id << " is unique");
        }
    BOOST_TEST(seen.size() == 1 + 12 + 6 + 2u);
}

BOOST_FIXTURE_TEST_CASE(every_concept_and_template_is_labelled_in_english_and_german, Fixture)
{
    for (const char* list : {"concepts", "templates"})
        for (const auto& o : objects(profile.document(), list))
            for (const char* map : {"prefLabel", "definition"})
            {
                BOOST_TEST_CONTEXT(o->getValue<std::string>("id") << " " << map)
                {
                    BOOST_REQUIRE(o->getObject(map));
                    BOOST_TEST(!o->getObject(map)->getValue<std::string>("en").empty());
                    BOOST_TEST(!o->getObject(map)->getValue<std::string>("de").empty());
                    BOOST_TEST(o->getValue<std::string>("inScheme") == iri::kProfileVersion);
                }
            }
}

BOOST_FIXTURE_TEST_CASE(extension_inline_schemas_parse_and_constrain_strings, Fixture)
{
    int extensions = 0;
    for (const auto& c : objects(profile.document(), "concepts"))
    {
        const std::string type = c->getValue<std::string>("type");
        if (type.find("Extension") == std::string::npos) continue;
        ++extensions;
        BOOST_TEST_CONTEXT(c->getValue<std::string>("id"))
        {
            BOOST_REQUIRE(c->has("inlineSchema"));
            const Object::Ptr schema = json(c->getValue<std::string>("inlineSchema"));
            BOOST_TEST(schema->getValue<std::string>("$schema") == "http://json-schema.org/draft-07/schema#");
            BOOST_TEST(schema->getValue<std::string>("type") == "string");
        }
    }
    BOOST_TEST(extensions == 4);
}

BOOST_FIXTURE_TEST_CASE(the_primary_pattern_reaches_every_template, Fixture)
{
    std::vector<Object::Ptr> primary;
    for (const auto& p : objects(profile.document(), "patterns"))
        if (p->optValue("primary", false)) primary.push_back(p);
    BOOST_REQUIRE(primary.size() == 1u);

    // Walk the pattern: every referenced id must be a pattern or template of this profile.
    std::set<std::string> reached;
    std::function<void(const std::string&)> walk = [&](const std::string& id) {
        if (profile.findTemplate(id))
        {
            reached.insert(id);
            return;
        }
        const Object::Ptr p = profile.findPattern(id);
        BOOST_REQUIRE_MESSAGE(p, id << " is a template or pattern of the profile");
        for (const char* one : {"optional", "oneOrMore", "zeroOrMore"})
            if (p->has(one)) walk(p->getValue<std::string>(one));
        for (const char* many : {"alternates", "sequence"})
            if (p->has(many))
                for (std::size_t i = 0; i < p->getArray(many)->size(); ++i)
                    walk(p->getArray(many)->getElement<std::string>(static_cast<unsigned>(i)));
    };
    walk(primary[0]->getValue<std::string>("id"));
    const std::vector<std::string> ids = profile.templateIds();
    BOOST_TEST(reached == std::set<std::string>(ids.begin(), ids.end()));
}

BOOST_FIXTURE_TEST_CASE(every_statement_kind_follows_its_template, Fixture)
{
    for (const auto& [name, make] : kinds())
        for (SpecVersion version : {SpecVersion::v1_0_3, SpecVersion::v2_0_0})
        {
            BOOST_TEST_CONTEXT(name << (version == SpecVersion::v2_0_0 ? " (2.0.0)" : " (1.0.3)"))
            {
                const std::string statement = serialize(make(), version);
                const Problems problems = checker.check(statement, iri::kTemplates + name);
                BOOST_TEST(problems.empty(), describe(problems));
                const std::vector<std::string> expected = {iri::kTemplates + name};
                BOOST_TEST(checker.matchingTemplates(json(statement)) == expected, boost::test_tools::per_element());
            }
        }
}

BOOST_FIXTURE_TEST_CASE(optional_parts_may_be_left_out, Fixture)
{
    // learning without responsibilities and score; attestation without note, URL, extensions
    Statement l = learning("passed").build();
    l.context->contextActivities.parent.resize(1);
    l.result->score.reset();
    BOOST_TEST(checker.check(serialize(l), iri::kTemplates + "learning-passed").empty());
    Statement a = attested().build();
    a.result->response.reset();
    a.result->extensions.clear();
    a.context->extensions.clear();
    a.result->score->scaled = 0.5;
    a.result->success = false;
    BOOST_TEST(checker.check(serialize(a), iri::kTemplates + "demonstration-attested").empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(broken_statements)

struct Broken
{
    const char* name;
    std::string templateName;
    std::function<Statement()> make;
    std::function<void(Statement&)> breakIt;
    std::string path;
    std::string message;
};

BOOST_FIXTURE_TEST_CASE(fail_their_template_with_the_reason, Fixture)
{
    const std::vector<Broken> cases = {
        {"wrong verb", "learning-completed", [] { return learning("completed").build(); },
         [](Statement& s) { s.verb.id = "http://adlnet.gov/expapi/verbs/experienced"; }, "$.verb.id",
         "requires verb \"http://adlnet.gov/expapi/verbs/completed\""},
        {"missing category", "learning-completed", [] { return learning("completed").build(); },
         [](Statement& s) { s.context->contextActivities.category.clear(); },
         "$.context.contextActivities.category[*].id", "presence is \"included\" but no value is there"},
        {"other category", "level-achieved", [] { return achieved().build(); },
         [](Statement& s) {
             s.context->contextActivities.category = {Activity("https://sfia-evidence.org/xapi/profile/v0.9")};
         },
         "$.context.contextActivities.category[*].id", "none of which is in \"any\""},
        {"missing parent", "learning-passed", [] { return learning("passed").build(); },
         [](Statement& s) { s.context->contextActivities.parent.clear(); },
         "$.context.contextActivities.parent[*].definition.type", "has no \"" + iri::kTypeLevel + "\""},
        {"parent of a foreign type", "learning-failed", [] { return learning("failed").build(); },
         [](Statement& s) {
             s.context->contextActivities.parent.push_back(Activity("https://example.org/x", "https://example.org/t"));
         },
         "$.context.contextActivities.parent[*].definition.type",
         "found \"https://example.org/t\", which is not in \"all\""},
        {"missing framework grouping", "demonstration-attested", [] { return attested().build(); },
         [](Statement& s) { s.context->contextActivities.grouping.pop_back(); },
         "$.context.contextActivities.grouping[*].definition.type", "has no \"" + iri::kTypeFramework + "\""},
        {"learning object of a foreign type", "learning-completed", [] { return learning("completed").build(); },
         [](Statement& s) {
             std::get<Activity>(s.object).definition->type = "http://adlnet.gov/expapi/activities/meeting";
         },
         "$.object.definition.type", "none of which is in \"any\""},
        {"completion missing", "learning-completed", [] { return learning("completed").build(); },
         [](Statement& s) { s.result->completion.reset(); }, "$.result.completion", "no value is there"},
        {"passed but not successful", "learning-passed", [] { return learning("passed").build(); },
         [](Statement& s) { s.result->success = false; }, "$.result.success",
         "found false, which is not in \"all\" [true]"},
        {"failed but successful", "learning-failed", [] { return learning("failed").build(); },
         [](Statement& s) { s.result->success = true; }, "$.result.success",
         "found true, which is not in \"all\" [false]"},
        {"evidence id missing", "learning-failed", [] { return learning("failed").build(); },
         [](Statement& s) { s.context->extensions.erase(iri::kExtEvidenceId); },
         "$.context.extensions['" + iri::kExtEvidenceId + "']", "no value is there"},
        {"level text hash missing", "level-achieved", [] { return achieved().build(); },
         [](Statement& s) { s.context->extensions.erase(iri::kExtLevelTextSha256); },
         "$.context.extensions['" + iri::kExtLevelTextSha256 + "']", "no value is there"},
        {"attestation scored 0.7", "demonstration-attested", [] { return attested().build(); },
         [](Statement& s) { s.result->score->scaled = 0.7; }, "$.result.score.scaled",
         "found 0.7, which is not in \"all\" [1, 0.5, 0]"},
        {"attestation without assessor", "demonstration-attested", [] { return attested().build(); },
         [](Statement& s) { s.context->instructor.reset(); }, "$.context.instructor | $.context.contextAgents[*].agent",
         "no value is there"},
        {"attestation about a level", "demonstration-attested", [] { return attested().build(); },
         [](Statement& s) { s.object = levelActivity(); }, "$.object.definition.type",
         "requires objectActivityType \"" + iri::kTypeResponsibility + "\""},
        {"actor is a group", "level-achieved", [] { return achieved().build(); },
         [](Statement& s) { s.actor.type = Agent::Type::Group; }, "$.actor.objectType",
         "found \"Group\", which is not in \"all\""},
        {"voiding an activity", "voided", [] { return voided().build(); },
         [](Statement& s) { s.object = Activity("https://example.org/a"); }, "$.object", "must be a StatementRef"},
    };
    for (const Broken& c : cases)
    {
        BOOST_TEST_CONTEXT(c.name)
        {
            Statement s = c.make();
            BOOST_REQUIRE(checker.check(serialize(s), iri::kTemplates + c.templateName).empty());
            c.breakIt(s);
            const Problems problems = checker.check(serialize(s), iri::kTemplates + c.templateName);
            BOOST_TEST(mentions(problems, c.path, c.message), describe(problems));
        }
    }
}

BOOST_FIXTURE_TEST_CASE(an_unknown_template_is_an_error, Fixture)
{
    BOOST_CHECK_THROW(checker.check(serialize(achieved().build()), iri::kTemplates + "nope"), Poco::NotFoundException);
}

BOOST_FIXTURE_TEST_CASE(voiding_checks_the_referenced_statement_when_it_can_find_it, Fixture)
{
    std::map<std::string, Object::Ptr> store;
    const Statement good = learning("completed").build();
    store[good.id] = json(serialize(good));
    Statement foreign = achieved().build();
    foreign.id = "2c1f6f1e-3e4d-4c5b-8a69-7f8e9d0c1b2a";
    foreign.verb.id = "http://adlnet.gov/expapi/verbs/experienced";
    store[foreign.id] = json(serialize(foreign));
    checker.setStatementLookup([&](const std::string& id) { return store.count(id) ? store[id] : Object::Ptr(); });

    BOOST_TEST(checker.check(serialize(voided().build()), iri::kTemplates + "voided").empty());
    Statement v = voided().build();
    v.object = StatementRef{foreign.id};
    BOOST_TEST(mentions(checker.check(serialize(v), iri::kTemplates + "voided"), "$.object.id", "follows none of"));
    v.object = StatementRef{"6f1e2c1f-3e4d-4c5b-8a69-7f8e9d0c1b2a"}; // unknown: only its form is checked
    BOOST_TEST(checker.check(serialize(v), iri::kTemplates + "voided").empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(json_path)

BOOST_AUTO_TEST_CASE(selects_members_indexes_wildcards_unions)
{
    const Var doc = Poco::JSON::Parser().parse(
        R"({"a":{"b":1,"c":[10,20,30],"d e":"x"},"list":[{"t":"p"},{"t":"q"},{"u":"r"}],"ext":{"https://ex.org/k":true}})");
    auto strings = [&](const std::string& path) {
        std::vector<std::string> out;
        for (const auto& v : JsonPath(path).evaluate(doc)) out.push_back(v.toString());
        return out;
    };
    using V = std::vector<std::string>;
    BOOST_TEST(strings("$.a.b") == V{"1"}, boost::test_tools::per_element());
    BOOST_TEST(strings("$['a']['d e']") == V{"x"}, boost::test_tools::per_element());
    BOOST_TEST(strings("$.a.c[*]") == (V{"10", "20", "30"}), boost::test_tools::per_element());
    BOOST_TEST(strings("$.a.c[0,2]") == (V{"10", "30"}), boost::test_tools::per_element());
    BOOST_TEST(strings("$.a.c[7]").empty());
    BOOST_TEST(strings("$.list[*].t") == (V{"p", "q"}), boost::test_tools::per_element());
    BOOST_TEST(strings("$.ext['https://ex.org/k']") == V{"true"}, boost::test_tools::per_element());
    BOOST_TEST(strings("$.ext[\"https://ex.org/k\"]") == V{"true"}, boost::test_tools::per_element());
    BOOST_TEST(strings("$.a['b','d e']") == (V{"1", "x"}), boost::test_tools::per_element());
    BOOST_TEST(strings("$.a.b | $.list[2].u") == (V{"1", "r"}), boost::test_tools::per_element());
    BOOST_TEST(strings("$.missing.deeper").empty());
    BOOST_TEST(strings("a.b") == V{"1"}, boost::test_tools::per_element()); // "$." may be left out
    BOOST_TEST(JsonPath("$.a.*").evaluate(doc).size() == 3u);
}

BOOST_AUTO_TEST_CASE(refuses_what_profiles_do_not_allow)
{
    for (const char* bad : {"", "$..a", "$.a[?(@.b)]", "$.a[0:2]", "$.a[", "$.a['b", "$.a[x]", "$.a | ", "$.a b"})
        BOOST_CHECK_THROW(JsonPath{bad}, Poco::SyntaxException);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rule_semantics)

/// A one-template profile whose rules are given.
StatementTemplateChecker checkerFor(const std::string& rulesJson)
{
    const std::string doc =
        R"({"@context":"https://w3id.org/xapi/profiles/context","id":"https://ex.org/p","type":"Profile",
        "conformsTo":"https://w3id.org/xapi/profiles#1.0","prefLabel":{"en":"p"},"definition":{"en":"p"},
        "versions":[{"id":"https://ex.org/p/v1","generatedAtTime":"2024-01-01T00:00:00Z"}],
        "author":{"type":"Person","name":"x"},
        "templates":[{"id":"https://ex.org/t","type":"StatementTemplate","inScheme":"https://ex.org/p/v1",
        "prefLabel":{"en":"t"},"definition":{"en":"t"},"rules":)" +
        rulesJson + "}]}";
    const Profile p = Profile::parse(doc);
    BOOST_TEST_REQUIRE(p.checkStructure().empty(), describe(p.checkStructure()));
    return StatementTemplateChecker(p);
}

const std::string kStatement =
    R"({"actor":{"objectType":"Agent","mbox":"mailto:a@ex.org"},"verb":{"id":"https://ex.org/v"},
        "object":{"objectType":"Activity","id":"https://ex.org/a"},
        "result":{"success":true,"score":{"scaled":0.5}},
        "context":{"contextActivities":{"parent":{"id":"https://ex.org/single"},
                   "grouping":[{"id":"https://ex.org/g1","definition":{"type":"https://ex.org/T"}},{"id":"https://ex.org/g2"}]}}})";

bool follows(const std::string& rules)
{
    return checkerFor(rules).check(kStatement, "https://ex.org/t").empty();
}

BOOST_AUTO_TEST_CASE(presence)
{
    BOOST_TEST(follows(R"([{"location":"$.result.success","presence":"included"}])"));
    BOOST_TEST(!follows(R"([{"location":"$.result.completion","presence":"included"}])"));
    BOOST_TEST(follows(R"([{"location":"$.result.completion","presence":"excluded"}])"));
    BOOST_TEST(!follows(R"([{"location":"$.result.success","presence":"excluded"}])"));
    BOOST_TEST(follows(
        R"([{"location":"$.result.completion","presence":"recommended","any":[true]}])")); // absent: not checked
    BOOST_TEST(
        !follows(R"([{"location":"$.result.success","presence":"recommended","any":[false]}])")); // present: checked
}

BOOST_AUTO_TEST_CASE(any_all_none)
{
    BOOST_TEST(follows(R"([{"location":"$.result.score.scaled","any":[0.5,1]}])"));
    BOOST_TEST(!follows(R"([{"location":"$.result.score.scaled","any":[1]}])"));
    BOOST_TEST(!follows(R"([{"location":"$.result.completion","any":[true]}])")); // no presence: strict, nothing found
    BOOST_TEST(follows(
        R"([{"location":"$.context.contextActivities.grouping[*].id","all":["https://ex.org/g1","https://ex.org/g2"]}])"));
    BOOST_TEST(!follows(R"([{"location":"$.context.contextActivities.grouping[*].id","all":["https://ex.org/g1"]}])"));
    BOOST_TEST(follows(R"([{"location":"$.verb.id","none":["https://ex.org/other"]}])"));
    BOOST_TEST(!follows(R"([{"location":"$.verb.id","none":["https://ex.org/v"]}])"));
}

BOOST_AUTO_TEST_CASE(selector_and_unmatchable_values)
{
    // g2 has no definition.type: the selector finds nothing there, which "included" and "all" refuse.
    BOOST_TEST(!follows(
        R"([{"location":"$.context.contextActivities.grouping[*]","selector":"$.definition.type","presence":"included"}])"));
    BOOST_TEST(!follows(
        R"([{"location":"$.context.contextActivities.grouping[*]","selector":"$.definition.type","all":["https://ex.org/T"]}])"));
    BOOST_TEST(follows(
        R"([{"location":"$.context.contextActivities.grouping[*]","selector":"$.definition.type","any":["https://ex.org/T"]}])"));
    BOOST_TEST(
        follows(R"([{"location":"$.context.contextActivities.grouping[*]","selector":"$.id","presence":"included"}])"));
}

BOOST_AUTO_TEST_CASE(single_context_activities_are_treated_as_arrays)
{
    BOOST_TEST(follows(R"([{"location":"$.context.contextActivities.parent[0].id","any":["https://ex.org/single"]}])"));
    BOOST_TEST(follows(R"([{"location":"$.context.contextActivities.parent[*].id","presence":"included"}])"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(structure_check)

/// Our profile with one change applied; the structure check must report `text` at `path`.
void expectProblem(const std::function<void(Object::Ptr&)>& change, const std::string& path, const std::string& text)
{
    Object::Ptr doc = Profile::load(kProfileFile).document();
    change(doc);
    const Problems problems = Profile(doc).checkStructure();
    BOOST_TEST(mentions(problems, path, text),
               "expected " << path << ": ..." << text << "..., got" << describe(problems));
}

Object::Ptr nth(Object::Ptr& doc, const char* list, unsigned i)
{
    return doc->getArray(list)->getObject(i);
}

BOOST_AUTO_TEST_CASE(reports_broken_profiles)
{
    expectProblem([](Object::Ptr& d) { d->set("@context", "https://example.org/ctx"); }, "$.@context",
                  "is not https://w3id.org/xapi/profiles/context");
    expectProblem([](Object::Ptr& d) { d->set("type", "profile"); }, "$.type", "must be \"Profile\"");
    expectProblem([](Object::Ptr& d) { d->remove("conformsTo"); }, "$.conformsTo", "is missing");
    expectProblem([](Object::Ptr& d) { d->set("id", "sfia evidence"); }, "$.id", "is not an IRI");
    expectProblem([](Object::Ptr& d) { d->getObject("prefLabel")->set("en_GB", "x"); }, "$.prefLabel[\"en_GB\"]",
                  "not an RFC 5646 language tag");
    expectProblem([](Object::Ptr& d) { d->remove("author"); }, "$.author", "is missing");
    expectProblem([](Object::Ptr& d) { d->set("versions", Array::Ptr(new Array)); }, "$.versions", "is an empty array");
    expectProblem([](Object::Ptr& d) { nth(d, "concepts", 0)->set("definition", Var()); }, "$.concepts[0].definition",
                  "is null");
    expectProblem([](Object::Ptr& d) { nth(d, "concepts", 0)->remove("prefLabel"); }, "$.concepts[0].prefLabel",
                  "is missing");
    expectProblem(
        [](Object::Ptr& d) { nth(d, "concepts", 1)->set("inScheme", "https://sfia-evidence.org/xapi/profile/v9"); },
        "$.concepts[1].inScheme", "is not one of this profile's versions");
    expectProblem([](Object::Ptr& d) { nth(d, "concepts", 8)->set("inlineSchema", "{\"type\": "); },
                  "$.concepts[8].inlineSchema", "does not parse as JSON");
    expectProblem([](Object::Ptr& d) { nth(d, "concepts", 8)->set("schema", "https://example.org/s.json"); },
                  "$.concepts[8]", "both schema and inlineSchema");
    expectProblem([](Object::Ptr& d) { nth(d, "concepts", 2)->set("type", "Thing"); }, "$.concepts[2].type",
                  "is not a Concept type");
    expectProblem(
        [](Object::Ptr& d) { nth(d, "templates", 0)->set("id", nth(d, "concepts", 0)->getValue<std::string>("id")); },
        "$.templates[0].id", "is also the id of $.concepts[0]");
    expectProblem(
        [](Object::Ptr& d) {
            nth(d, "templates", 3)
                ->set("objectStatementRefTemplate",
                      Poco::JSON::Parser().parse(
                          "[\"https://sfia-evidence.org/xapi/profile/templates/level-achieved\"]"));
        },
        "$.templates[3]", "both objectStatementRefTemplate and objectActivityType");
    expectProblem(
        [](Object::Ptr& d) {
            nth(d, "templates", 5)->getArray("objectStatementRefTemplate")->add("https://example.org/t");
        },
        "$.templates[5].objectStatementRefTemplate[5]", "is not a Statement Template of this profile");
    expectProblem(
        [](Object::Ptr& d) {
            nth(d, "templates", 0)->getArray("rules")->getObject(1)->remove("presence");
            nth(d, "templates", 0)->getArray("rules")->getObject(1)->remove("any");
        },
        "$.templates[0].rules[1]", "has none of presence, any, all, none");
    expectProblem(
        [](Object::Ptr& d) { nth(d, "templates", 0)->getArray("rules")->getObject(1)->set("location", "$..type"); },
        "$.templates[0].rules[1].location", "recursive descent");
    expectProblem(
        [](Object::Ptr& d) { nth(d, "templates", 0)->getArray("rules")->getObject(1)->set("presence", "required"); },
        "$.templates[0].rules[1].presence", "must be \"included\", \"excluded\" or \"recommended\"");
    expectProblem(
        [](Object::Ptr& d) {
            nth(d, "patterns", 1)
                ->getArray("alternates")
                ->add("https://sfia-evidence.org/xapi/profile/templates/missing");
        },
        "$.patterns[1]", "refers to \"https://sfia-evidence.org/xapi/profile/templates/missing\", which is not");
    expectProblem([](Object::Ptr& d) { nth(d, "patterns", 0)->remove("prefLabel"); }, "$.patterns[0].prefLabel",
                  "is missing");
    expectProblem(
        [](Object::Ptr& d) {
            nth(d, "patterns", 0)
                ->set("optional", "https://sfia-evidence.org/xapi/profile/patterns/evidence-statement");
        },
        "$.patterns[0]", "has 2 of alternates, optional, oneOrMore, sequence, zeroOrMore");
    expectProblem(
        [](Object::Ptr& d) {
            nth(d, "patterns", 1)
                ->set("alternates", Poco::JSON::Parser().parse(
                                        "[\"https://sfia-evidence.org/xapi/profile/templates/level-achieved\"]"));
        },
        "$.patterns[1].alternates", "at least two members");
    expectProblem(
        [](Object::Ptr& d) {
            nth(d, "patterns", 1)
                ->getArray("alternates")
                ->add("https://sfia-evidence.org/xapi/profile/patterns/evidence-record");
        },
        "$.patterns[1].alternates", "optional or zeroOrMore pattern");
    expectProblem(
        [](Object::Ptr& d) {
            nth(d, "patterns", 1)
                ->getArray("alternates")
                ->add("https://sfia-evidence.org/xapi/profile/patterns/evidence-record");
        },
        "$.patterns[0]", "contains itself");
}

BOOST_AUTO_TEST_CASE(refuses_documents_that_are_not_profiles)
{
    BOOST_CHECK_THROW(Profile::parse("[1,2]"), Poco::DataFormatException);
    BOOST_CHECK_THROW(Profile::parse("{\"id\":"), Poco::Exception);
    BOOST_CHECK_THROW(Profile::load("/nonexistent/profile.jsonld"), Poco::Exception);
}

BOOST_AUTO_TEST_SUITE_END()
