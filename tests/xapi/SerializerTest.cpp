//
// SerializerTest.cpp
//
// Project: sfia-evidence, tests/xapi
//
// StatementSerializer: exact bytes and key order, escaping, normalised form, determinism, 1.0.3 vs 2.0.0.
//

#define BOOST_TEST_MODULE xapi_serializer
#include "Examples.h"
#include "sfe/xapi/JsonWriter.h"
#include "sfe/xapi/StatementSerializer.h"
#include <Poco/Exception.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

using namespace sfe::xapi;
using namespace sfe::test;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::string readGolden(const std::string& name)
{
    Poco::FileInputStream in(std::string(SFE_TEST_DATA_XAPI) + "/" + name);
    std::string text;
    Poco::StreamCopier::copyToString(in, text);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

Object::Ptr parse(const std::string& json)
{
    return Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
}

std::string quoted(const std::string& s)
{
    std::string out;
    JsonWriter::appendQuoted(out, s);
    return out;
}

/// Top-level keys in the order they appear in `json`: strings at depth 1 followed by ':'.
std::vector<std::string> topLevelKeys(const std::string& json)
{
    std::vector<std::string> keys;
    int depth = 0;
    bool inString = false;
    std::string current;
    for (std::size_t i = 0; i < json.size(); ++i)
    {
        const char c = json[i];
        if (inString)
        {
            if (c == '\\')
            {
                current += c;
                current += json[++i];
                continue;
            }
            if (c == '"')
            {
                inString = false;
                if (depth == 1 && i + 1 < json.size() && json[i + 1] == ':') keys.push_back(current);
                continue;
            }
            current += c;
            continue;
        }
        if (c == '"')
        {
            inString = true;
            current.clear();
            continue;
        }
        if (c == '{' || c == '[') ++depth;
        if (c == '}' || c == ']') --depth;
    }
    return keys;
}

} // namespace

BOOST_AUTO_TEST_SUITE(exact_output)

BOOST_AUTO_TEST_CASE(attested_1_0_3_matches_the_hand_written_form)
{
    BOOST_TEST(StatementSerializer().serialize(attested().build()) == readGolden("attested-1.0.3.json"));
}

BOOST_AUTO_TEST_CASE(attested_2_0_0_uses_context_agents_and_version)
{
    SerializerOptions options;
    options.version = SpecVersion::v2_0_0;
    options.instructorRelevantType = iri::kAssessor;
    BOOST_TEST(StatementSerializer(options).serialize(attested().build()) == readGolden("attested-2.0.0.json"));
}

BOOST_AUTO_TEST_CASE(key_order_does_not_depend_on_build_order)
{
    // Same content as attested(), set in a scrambled order.
    StatementBuilder b;
    b.timestamp("2024-05-02T08:30:00.000Z")
        .contextExtension(iri::kExtEvidenceId, "0f8fad5b-d9cb-469f-a165-70867728950e")
        .category(Activity(iri::kProfileVersion))
        .resultExtension(iri::kExtEvidenceUrl, "https://lms.example.org/pluginfile.php/12/report.pdf")
        .response("Hat die Eskalation sauber dokumentiert.")
        .parent(levelActivity())
        .grouping(Activity(kSkill, iri::kTypeSkill))
        .instructor(assessor())
        .scaledScore(1)
        .grouping(Activity(kFramework, iri::kTypeFramework))
        .success(true)
        .object(responsibilityActivity(2))
        .verb(iri::kVerbAttested, {{"en", "attested"}, {"de-DE", "bestätigt"}})
        .actor(learner())
        .id("5a1f7a62-9a2c-4e0b-8d3f-0e1d2c3b4a59");
    BOOST_TEST(StatementSerializer().serialize(b.build()) == readGolden("attested-1.0.3.json"));
}

BOOST_AUTO_TEST_CASE(statement_keys_follow_the_documented_order)
{
    Statement s = learning("passed").build();
    s.version = "1.0.3";
    s.attachments.push_back(Attachment{"http://adlnet.gov/expapi/attachments/signature",
                                       LanguageMap{{"en", "signature"}}, std::nullopt, "application/octet-stream", 10,
                                       std::string(64, 'a'), ""});
    const std::vector<std::string> expected = {"id",      "actor",     "verb",    "object",     "result",
                                               "context", "timestamp", "version", "attachments"};
    BOOST_TEST(topLevelKeys(StatementSerializer().serialize(s)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(result_context_and_attachment_keys_follow_the_documented_order)
{
    Statement s =
        StatementBuilder(learning("failed").build())
            .duration("PT20M")
            .response("b")
            .resultExtension("https://example.org/r", 1)
            .registration("7c9e6679-7425-40de-944b-e07fc1f90ae7")
            .team([] {
                Agent g;
                g.type = Agent::Type::Group;
                g.mbox = "mailto:team@example.org";
                return g;
            }())
            .instructor(assessor())
            .other(Activity("https://example.org/other"))
            .revision("r2")
            .platform("Moodle")
            .contextStatement("0f8fad5b-d9cb-469f-a165-70867728950e")
            .attachment(Attachment{"https://example.org/usage", LanguageMap{{"en", "d"}}, LanguageMap{{"en", "x"}},
                                   "text/plain", 3, std::string(64, 'b'), "https://example.org/f"})
            .build();
    s.result->score->scaled = 0.3;
    const std::string json = StatementSerializer().serialize(s);
    const std::string result = json.substr(json.find("\"result\":"));
    BOOST_TEST(
        result.find(
            "\"result\":{\"score\":{\"scaled\":0.3,\"raw\":3,\"min\":0,\"max\":10},\"success\":false,"
            "\"completion\":true,\"response\":\"b\",\"duration\":\"PT20M\",\"extensions\":{\"https://example.org/r\":1}}") ==
        0u);
    auto at = [&](const std::string& key) { return json.find("\"" + key + "\":"); };
    const std::vector<std::string> contextOrder = {
        "registration", "instructor", "team",     "contextActivities", "parent",    "grouping", "category",
        "other",        "revision",   "platform", "language",          "statement", "timestamp"};
    for (std::size_t i = 1; i < contextOrder.size(); ++i)
        BOOST_TEST(at(contextOrder[i - 1]) < at(contextOrder[i]), contextOrder[i - 1] << " before " << contextOrder[i]);
    BOOST_TEST(
        json.find("\"statement\":{\"objectType\":\"StatementRef\",\"id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}") !=
        std::string::npos);
    BOOST_TEST(json.find("\"attachments\":[{\"usageType\":\"https://example.org/usage\",\"display\":{\"en\":\"d\"},"
                         "\"description\":{\"en\":\"x\"},\"contentType\":\"text/plain\",\"length\":3,\"sha2\":\"" +
                         std::string(64, 'b') + "\",\"fileUrl\":\"https://example.org/f\"}]") != std::string::npos);
    BOOST_TEST(json.find("\"team\":{\"objectType\":\"Group\",\"mbox\":\"mailto:team@example.org\"}") !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(escaping)

BOOST_AUTO_TEST_CASE(escapes_quotes_backslashes_and_control_characters)
{
    BOOST_TEST(quoted("say \"hi\"") == "\"say \\\"hi\\\"\"");
    BOOST_TEST(quoted("C:\\path") == "\"C:\\\\path\"");
    BOOST_TEST(quoted("a\nb\rc\td\be\ff") == "\"a\\nb\\rc\\td\\be\\ff\"");
    BOOST_TEST(quoted(std::string("\x01\x1f\x00z", 4)) == "\"\\u0001\\u001f\\u0000z\"");
    BOOST_TEST(quoted("\x7f/") == "\"\x7f/\""); // DEL and '/' need no escape
}

BOOST_AUTO_TEST_CASE(passes_utf8_through)
{
    BOOST_TEST(quoted("bestätigt ✓ 😀") == "\"bestätigt ✓ 😀\"");
}

BOOST_AUTO_TEST_CASE(escaped_statement_parses_back_to_the_same_text)
{
    const std::string nasty = "Notiz: \"gut\"\n\\ Zeile 2\t\x02 äöü €";
    Statement s = attested().response(nasty).build();
    s.actor.name = "O'Brien \"Bob\"";
    const Object::Ptr parsed = parse(StatementSerializer().serialize(s));
    BOOST_TEST(parsed->getObject("result")->getValue<std::string>("response") == nasty);
    BOOST_TEST(parsed->getObject("actor")->getValue<std::string>("name") == s.actor.name);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(normalised_form)

BOOST_AUTO_TEST_CASE(object_types_are_explicit_and_context_activities_are_arrays)
{
    Statement s = learning("completed").build();
    s.context->contextActivities.parent.resize(1); // a single parent is still an array
    const Object::Ptr j = parse(StatementSerializer().serialize(s));
    BOOST_TEST(j->getObject("actor")->getValue<std::string>("objectType") == "Agent");
    BOOST_TEST(j->getObject("object")->getValue<std::string>("objectType") == "Activity");
    const Object::Ptr ca = j->getObject("context")->getObject("contextActivities");
    for (const char* list : {"parent", "grouping", "category"})
    {
        BOOST_TEST_CONTEXT(list)
        {
            BOOST_REQUIRE(ca->isArray(list));
            const Array::Ptr a = ca->getArray(list);
            for (std::size_t i = 0; i < a->size(); ++i)
                BOOST_TEST(a->getObject(static_cast<unsigned>(i))->getValue<std::string>("objectType") == "Activity");
        }
    }
    BOOST_TEST(ca->getArray("parent")->size() == 1u);
    BOOST_TEST(!ca->has("other")); // empty lists are left out, not written as []
}

BOOST_AUTO_TEST_CASE(statement_ref_and_group_objects_carry_their_object_type)
{
    const Object::Ptr v = parse(StatementSerializer().serialize(voided().build()));
    BOOST_TEST(v->getObject("object")->getValue<std::string>("objectType") == "StatementRef");

    Agent group;
    group.type = Agent::Type::Group;
    group.name = "Team";
    group.members = {Agent::withMbox("mailto:a@example.org"), learner()};
    Statement s = attested().build();
    s.object = group;
    const Object::Ptr g = parse(StatementSerializer().serialize(s))->getObject("object");
    BOOST_TEST(g->getValue<std::string>("objectType") == "Group");
    BOOST_TEST(g->getArray("member")->size() == 2u);
    BOOST_TEST(g->getArray("member")->getObject(1)->getValue<std::string>("objectType") == "Agent");
}

BOOST_AUTO_TEST_CASE(absent_optionals_are_left_out_not_null)
{
    const std::string json = StatementSerializer().serialize(voided().build());
    BOOST_TEST(json.find("null") == std::string::npos);
    BOOST_TEST(json.find("result") == std::string::npos);
    BOOST_TEST(json.find("version") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(values)

BOOST_AUTO_TEST_CASE(extension_values_of_every_kind)
{
    Statement s = achieved().build();
    s.context->extensions = {{"https://example.org/s", "text"},
                             {"https://example.org/i", std::int64_t(-9007199254740993)},
                             {"https://example.org/n", 0.1},
                             {"https://example.org/b", false},
                             {"https://example.org/z", JsonValue()},
                             {"https://example.org/r", JsonValue::raw("{\"a\":[1,2,{\"b\":null}]}")}};
    const std::string json = StatementSerializer().serialize(s);
    BOOST_TEST(json.find("\"extensions\":{\"https://example.org/b\":false,\"https://example.org/i\":-9007199254740993,"
                         "\"https://example.org/n\":0.1,\"https://example.org/r\":{\"a\":[1,2,{\"b\":null}]},"
                         "\"https://example.org/s\":\"text\",\"https://example.org/z\":null}") != std::string::npos);
    BOOST_TEST(
        parse(json)->getObject("context")->getObject("extensions")->getObject("https://example.org/r")->isArray("a"));
}

BOOST_AUTO_TEST_CASE(numbers_are_shortest_round_trip)
{
    Statement s = learning("failed").build();
    s.result->score = Score{1.0 / 3, 2.5, -1e-7, 1e21};
    const std::string json = StatementSerializer().serialize(s);
    BOOST_TEST(json.find("\"score\":{\"scaled\":0.3333333333333333,\"raw\":2.5,\"min\":-1e-07,\"max\":1e+21}") !=
               std::string::npos);
    const Object::Ptr score = parse(json)->getObject("result")->getObject("score");
    BOOST_TEST(score->getValue<double>("scaled") == 1.0 / 3);
}

BOOST_AUTO_TEST_CASE(non_finite_numbers_throw)
{
    Statement s = learning("failed").build();
    s.result->score->raw = std::numeric_limits<double>::quiet_NaN();
    BOOST_CHECK_THROW(StatementSerializer().serialize(s), Poco::InvalidArgumentException);
    s.result->score->raw = std::numeric_limits<double>::infinity();
    BOOST_CHECK_THROW(StatementSerializer().serialize(s), Poco::InvalidArgumentException);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(determinism)

BOOST_AUTO_TEST_CASE(same_statement_gives_same_bytes)
{
    const StatementSerializer serializer;
    const Statement s = learning("passed").build();
    const std::string first = serializer.serialize(s);
    for (int i = 0; i < 5; ++i) BOOST_TEST(serializer.serialize(s) == first);
    BOOST_TEST(StatementSerializer().serialize(learning("passed").build()) == first);
    const Statement copy = s;
    BOOST_TEST(serializer.serialize(copy) == first);
}

BOOST_AUTO_TEST_CASE(extension_and_language_order_is_by_key)
{
    Statement a = achieved().build();
    Statement b = achieved().build();
    b.context->extensions.clear();
    b.context->extensions.emplace(iri::kExtLevelTextSha256, kSha256B); // inserted in the other order
    b.context->extensions.emplace(iri::kExtDefinitionVersion, kSha256A);
    b.verb.display = LanguageMap{{"en", "achieved"}, {"de-DE", "erreicht"}};
    BOOST_TEST(StatementSerializer().serialize(a) == StatementSerializer().serialize(b));
}

BOOST_AUTO_TEST_CASE(array_is_the_statements_joined)
{
    const StatementSerializer serializer;
    const std::vector<Statement> batch = {learning("completed").build(), attested().build(), voided().build()};
    BOOST_TEST(serializer.serializeArray(batch) == "[" + serializer.serialize(batch[0]) + "," +
                                                       serializer.serialize(batch[1]) + "," +
                                                       serializer.serialize(batch[2]) + "]");
    BOOST_TEST(serializer.serializeArray({}) == "[]");
    BOOST_TEST(Poco::JSON::Parser().parse(serializer.serializeArray(batch)).extract<Array::Ptr>()->size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(versions)

BOOST_AUTO_TEST_CASE(v1_0_3_leaves_version_unset_unless_given)
{
    Statement s = attested().build();
    BOOST_TEST(!parse(StatementSerializer().serialize(s))->has("version"));
    s.version = "1.0.3";
    BOOST_TEST(parse(StatementSerializer().serialize(s))->getValue<std::string>("version") == "1.0.3");
}

BOOST_AUTO_TEST_CASE(v1_0_3_writes_instructor_v2_writes_context_agents)
{
    const Statement s = attested().build();
    const Object::Ptr v1 = parse(StatementSerializer().serialize(s))->getObject("context");
    BOOST_TEST(v1->has("instructor"));
    BOOST_TEST(!v1->has("contextAgents"));

    SerializerOptions options;
    options.version = SpecVersion::v2_0_0;
    const Object::Ptr whole = parse(StatementSerializer(options).serialize(s));
    BOOST_TEST(whole->getValue<std::string>("version") == "2.0.0");
    const Object::Ptr v2 = whole->getObject("context");
    BOOST_TEST(!v2->has("instructor"));
    const Object::Ptr agent = v2->getArray("contextAgents")->getObject(0);
    BOOST_TEST(agent->getValue<std::string>("objectType") == "contextAgent");
    BOOST_TEST(agent->getObject("agent")->getObject("account")->getValue<std::string>("name") == "42");
    BOOST_TEST(!agent->has("relevantTypes")); // no instructorRelevantType configured
}

BOOST_AUTO_TEST_CASE(v2_keeps_explicit_context_agents_after_the_instructor)
{
    Statement s = StatementBuilder(attested().build())
                      .contextAgent(Agent::withMbox("mailto:peer@example.org"), {"https://example.org/types/peer"})
                      .build();
    SerializerOptions options;
    options.version = SpecVersion::v2_0_0;
    options.instructorRelevantType = iri::kAssessor;
    const Array::Ptr agents =
        parse(StatementSerializer(options).serialize(s))->getObject("context")->getArray("contextAgents");
    BOOST_REQUIRE(agents->size() == 2u);
    BOOST_TEST(agents->getObject(0)->getArray("relevantTypes")->getElement<std::string>(0) == iri::kAssessor);
    BOOST_TEST(agents->getObject(1)->getObject("agent")->getValue<std::string>("mbox") == "mailto:peer@example.org");
}

BOOST_AUTO_TEST_SUITE_END()
