//
// ValidatorTest.cpp
//
// Project: sfia-evidence, tests/xapi
//
// StatementValidator: every kind of statement we send passes; each broken statement is refused with
// its own path and message.
//

#define BOOST_TEST_MODULE xapi_validator
#include "Examples.h"
#include "sfe/xapi/StatementValidator.h"
#include <boost/test/unit_test.hpp>
#include <functional>
#include <limits>

using namespace sfe::xapi;
using namespace sfe::test;

namespace {

std::string describe(const Problems& problems)
{
    std::string out;
    for (const auto& p : problems) out += "\n  " + p.toString();
    return out.empty() ? " (none)" : out;
}

ValidatorOptions v2()
{
    ValidatorOptions o;
    o.version = SpecVersion::v2_0_0;
    return o;
}

/// One broken statement: start from `base`, apply `breakIt`, expect exactly one problem at `path`
/// whose message contains `message`.
struct Case
{
    const char* name;
    std::function<Statement()> base;
    std::function<void(Statement&)> breakIt;
    std::string path;
    std::string message;
    ValidatorOptions options = {};
};

Statement learningCompleted()
{
    return learning("completed").build();
}
Statement learningPassed()
{
    return learning("passed").build();
}
Statement attestedStatement()
{
    return attested().build();
}
Statement achievedStatement()
{
    return achieved().build();
}
Statement voidedStatement()
{
    return voided().build();
}

Activity& object(Statement& s)
{
    return std::get<Activity>(s.object);
}

const std::vector<Case>& cases()
{
    static const std::vector<Case> all = {
        // IRIs
        {"verb IRI with a space", learningCompleted,
         [](Statement& s) { s.verb.id = "http://adlnet.gov/expapi/verbs/com pleted"; }, "statement.verb.id",
         "\"http://adlnet.gov/expapi/verbs/com pleted\" contains a space at byte 34"},
        {"relative activity id", learningCompleted, [](Statement& s) { object(s).id = "/mod/quiz/view.php?id=12"; },
         "statement.object.id", "is not an absolute IRI: it has no scheme"},
        {"activity type with bad percent-escape", learningCompleted,
         [](Statement& s) { object(s).definition->type = "http://adlnet.gov/expapi/activities/assess%ment"; },
         "statement.object.definition.type", "has an invalid percent-escape at byte 42"},
        {"parent id with control character", learningCompleted,
         [](Statement& s) { s.context->contextActivities.parent[1].id = "https://example.org/r\x07"; },
         "statement.context.contextActivities.parent[1].id", "control character U+0007"},
        {"openid with a bad scheme", attestedStatement,
         [](Statement& s) {
             s.actor = Agent();
             s.actor.openid = "ab=c://should.fail.com";
         },
         "statement.actor.openid", "has '=' in its scheme"},
        {"moreInfo not an IRI", achievedStatement,
         [](Statement& s) { object(s).definition->moreInfo = "www.example.org"; },
         "statement.object.definition.moreInfo", "has no scheme"},
        {"extension key not an IRI", learningCompleted,
         [](Statement& s) { s.context->extensions["evidence-id"] = "x"; },
         "statement.context.extensions[\"evidence-id\"]", "extension key \"evidence-id\" is not an IRI"},
        {"raw extension that is not JSON", learningCompleted,
         [](Statement& s) { s.context->extensions["https://example.org/x"] = JsonValue::raw("{\"a\":"); },
         "statement.context.extensions[\"https://example.org/x\"]", "raw JSON value \"{\\\"a\\\":\" does not parse"},
        // language tags and maps
        {"display tag too long", attestedStatement,
         [](Statement& s) {
             s.verb.display = LanguageMap{{"a12345678", "x"}};
         },
         "statement.verb.display[\"a12345678\"]",
         "\"a12345678\" is not an RFC 5646 language tag: it has subtag 'a12345678' longer than 8 characters"},
        {"display tag with underscore", attestedStatement,
         [](Statement& s) { (*s.verb.display)["en_US"] = "attested"; }, "statement.verb.display[\"en_US\"]",
         "other than ASCII letters and digits"},
        {"name tag with repeated variant", achievedStatement,
         [](Statement& s) {
             object(s).definition->name = LanguageMap{{"de-1996-1996", "x"}};
         },
         "statement.object.definition.name[\"de-1996-1996\"]", "repeats variant subtag '1996'"},
        {"context language malformed", learningCompleted, [](Statement& s) { s.context->language = "de-DE-x"; },
         "statement.context.language",
         "\"de-DE-x\" is not an RFC 5646 language tag: it has a private-use 'x' with no subtag"},
        {"empty display map", attestedStatement, [](Statement& s) { s.verb.display = LanguageMap{}; },
         "statement.verb.display", "is an empty language map"},
        {"missing display", attestedStatement, [](Statement& s) { s.verb.display.reset(); }, "statement.verb.display",
         "is missing; give a language map"},
        {"empty activity name map", learningCompleted, [](Statement& s) { object(s).definition->name = LanguageMap{}; },
         "statement.object.definition.name", "is an empty language map"},
        // timestamps
        {"timestamp without milliseconds", achievedStatement,
         [](Statement& s) { s.timestamp = "2024-05-03T12:00:00Z"; }, "statement.timestamp",
         "\"2024-05-03T12:00:00Z\" has no milliseconds"},
        {"timestamp with offset", achievedStatement,
         [](Statement& s) { s.timestamp = "2024-05-03T12:00:00.000+02:00"; }, "statement.timestamp",
         "has the UTC offset +02:00; it must be UTC, written 'Z'"},
        {"timestamp with -00:00", achievedStatement,
         [](Statement& s) { s.timestamp = "2024-05-03T12:00:00.000-00:00"; }, "statement.timestamp",
         "has the offset -00:00 (unknown local offset), which xAPI refuses"},
        {"timestamp without zone", achievedStatement, [](Statement& s) { s.timestamp = "2024-05-03T12:00:00.000"; },
         "statement.timestamp", "has no time zone"},
        {"timestamp on a day that does not exist", achievedStatement,
         [](Statement& s) { s.timestamp = "2024-04-31T12:00:00.000Z"; }, "statement.timestamp",
         "has day 31, which month 04 of 2024 does not have"},
        {"timestamp missing", achievedStatement, [](Statement& s) { s.timestamp.clear(); }, "statement.timestamp",
         "is missing"},
        // scores
        {"scaled above 1", attestedStatement, [](Statement& s) { s.result->score->scaled = 1.01; },
         "statement.result.score.scaled", "1.01 is outside [-1, 1]"},
        {"scaled below -1", attestedStatement, [](Statement& s) { s.result->score->scaled = -1.00001; },
         "statement.result.score.scaled", "-1.00001 is outside [-1, 1]"},
        {"raw above max", learningPassed,
         [](Statement& s) {
             s.result->score = Score{std::nullopt, 12.0, 0.0, 10.0};
         },
         "statement.result.score.raw", "12 is greater than max (10)"},
        {"raw below min", learningPassed,
         [](Statement& s) {
             s.result->score = Score{std::nullopt, -1.0, 0.0, 10.0};
         },
         "statement.result.score.raw", "-1 is less than min (0)"},
        {"min above max", learningPassed,
         [](Statement& s) {
             s.result->score = Score{std::nullopt, std::nullopt, 10.0, 5.0};
         },
         "statement.result.score", "min (10) must be less than max (5)"},
        {"min equal to max", learningPassed,
         [](Statement& s) {
             s.result->score = Score{std::nullopt, std::nullopt, 5.0, 5.0};
         },
         "statement.result.score", "min (5) must be less than max (5)"},
        {"raw is NaN", learningPassed,
         [](Statement& s) {
             s.result->score =
                 Score{std::nullopt, std::numeric_limits<double>::quiet_NaN(), std::nullopt, std::nullopt};
         },
         "statement.result.score.raw", "is NaN; it must be a finite number"},
        // agents
        {"two identifiers", learningCompleted, [](Statement& s) { s.actor.mbox = "mailto:learner@example.org"; },
         "statement.actor", "has 2 identifiers (mbox, account); exactly one is required"},
        {"no identifier", learningCompleted,
         [](Statement& s) {
             s.actor = Agent();
             s.actor.name = "Anna";
         },
         "statement.actor", "has no identifier; exactly one of mbox, mbox_sha1sum, openid or account is required"},
        {"mailto without @", learningCompleted,
         [](Statement& s) { s.actor = Agent::withMbox("mailto:should.fail.com"); }, "statement.actor.mbox",
         "\"mailto:should.fail.com\" is not a mailto IRI with one '@'"},
        {"mbox without mailto:", learningCompleted,
         [](Statement& s) { s.actor = Agent::withMbox("learner@example.org"); }, "statement.actor.mbox",
         "does not start with \"mailto:\""},
        {"mbox as http IRI", learningCompleted,
         [](Statement& s) { s.actor = Agent::withMbox("http://should.fail.com"); }, "statement.actor.mbox",
         "does not start with \"mailto:\""},
        {"mbox at localhost", learningCompleted, [](Statement& s) { s.actor = Agent::withMbox("mailto:a@localhost"); },
         "statement.actor.mbox", "has domain \"localhost\" without a top-level domain"},
        {"mbox_sha1sum not hex", learningCompleted,
         [](Statement& s) {
             s.actor = Agent();
             s.actor.mboxSha1sum = "xyz";
         },
         "statement.actor.mbox_sha1sum", "is not a SHA-1 in hex"},
        {"account without homePage", learningCompleted, [](Statement& s) { s.actor.account->homePage.clear(); },
         "statement.actor.account.homePage", "is missing; an account needs homePage (an IRL) and name"},
        {"account without name", learningCompleted, [](Statement& s) { s.actor.account->name.clear(); },
         "statement.actor.account.name", "is missing; an account needs homePage (an IRL) and name"},
        {"account homePage not an IRL", learningCompleted,
         [](Statement& s) { s.actor.account->homePage = "lms.example.org"; }, "statement.actor.account.homePage",
         "has no scheme"},
        {"instructor with two identifiers", attestedStatement,
         [](Statement& s) { s.context->instructor->openid = "https://id.example.org/42"; },
         "statement.context.instructor", "has 2 identifiers (openid, account)"},
        {"group member that is a group", attestedStatement,
         [](Statement& s) {
             Agent inner;
             inner.type = Agent::Type::Group;
             inner.mbox = "mailto:inner@example.org";
             Agent team;
             team.type = Agent::Type::Group;
             team.members = {inner};
             s.context->team = team;
         },
         "statement.context.team.member[0]", "is a Group; the members of a Group must be Agents"},
        {"anonymous group without members", learningCompleted,
         [](Statement& s) {
             s.actor = Agent();
             s.actor.type = Agent::Type::Group;
         },
         "statement.actor", "is an anonymous Group (no identifier) without members"},
        {"team that is not a group", attestedStatement, [](Statement& s) { s.context->team = assessor(); },
         "statement.context.team", "must be a Group"},
        // UUIDs
        {"id too long", achievedStatement, [](Statement& s) { s.id = "AA97B177-9383-4934-8543-0F91A7A028368"; },
         "statement.id", "is not a UUID: it has 37 characters, expected 36"},
        {"id uppercase", achievedStatement, [](Statement& s) { s.id = "E4EAAAF2-D142-41EC-8C36-0A5A1C1A3D11"; },
         "statement.id", "has uppercase hex digits; the lowercase form is required"},
        {"id with the wrong variant", achievedStatement,
         [](Statement& s) { s.id = "e4eaaaf2-d142-41ec-cc36-0a5a1c1a3d11"; }, "statement.id",
         "does not have the RFC 4122 variant: character 20 is 'c', it must be 8, 9, a or b"},
        {"id missing", achievedStatement, [](Statement& s) { s.id.clear(); }, "statement.id",
         "is missing; assign a UUID before the first send"},
        {"registration not a UUID", learningCompleted,
         [](Statement& s) { s.context->registration = "MA97B177-9383-4934-8543-0F91A7A02836"; },
         "statement.context.registration", "'M' at position 1 is not a hex digit"},
        {"StatementRef id not a UUID", voidedStatement, [](Statement& s) { s.object = StatementRef{"42"}; },
         "statement.object.id", "\"42\" is not a UUID"},
        // durations
        {"duration PA1H0M0S", learningPassed, [](Statement& s) { s.result->duration = "PA1H0M0S"; },
         "statement.result.duration",
         "\"PA1H0M0S\" is not an ISO 8601 duration: it has 'A' where a number was expected"},
        {"duration P4W1D", learningPassed, [](Statement& s) { s.result->duration = "P4W1D"; },
         "statement.result.duration", "combines weeks with other components"},
        {"negative duration", learningPassed, [](Statement& s) { s.result->duration = "-PT5S"; },
         "statement.result.duration", "is negative"},
        // structure rules
        {"voided without a StatementRef", voidedStatement,
         [](Statement& s) { s.object = Activity("https://example.org/a"); }, "statement.object",
         "must be a StatementRef because the verb is http://adlnet.gov/expapi/verbs/voided"},
        {"contextAgents in 1.0.3", attestedStatement,
         [](Statement& s) {
             s.context->contextAgents.push_back({assessor(), {iri::kAssessor}});
         },
         "statement.context.contextAgents", "is an xAPI 2.0.0 property and is not allowed in 1.0.3"},
        {"contextGroups in 1.0.3", attestedStatement,
         [](Statement& s) {
             Agent g;
             g.type = Agent::Type::Group;
             g.mbox = "mailto:g@example.org";
             s.context->contextGroups.push_back({g, {}});
         },
         "statement.context.contextGroups", "is an xAPI 2.0.0 property and is not allowed in 1.0.3"},
        {"platform with a StatementRef object", voidedStatement, [](Statement& s) { s.context->platform = "Moodle"; },
         "statement.context.platform", "is only allowed when the object is an Activity"},
        {"revision with an Agent object", attestedStatement,
         [](Statement& s) {
             s.object = learner();
             s.context->revision = "2";
         },
         "statement.context.revision", "is only allowed when the object is an Activity"},
        {"version 1.1.0 in 1.0.3", achievedStatement, [](Statement& s) { s.version = "1.1.0"; }, "statement.version",
         "\"1.1.0\" is not a 1.0.x version"},
        {"version 1.0.3 in 2.0.0", achievedStatement, [](Statement& s) { s.version = "1.0.3"; }, "statement.version",
         "contradicts the 2.0.0 output", v2()},
        {"contextAgent with a non-IRI relevant type (2.0.0)", attestedStatement,
         [](Statement& s) {
             s.context->contextAgents.push_back({assessor(), {"assessor"}});
         },
         "statement.context.contextAgents[0].relevantTypes[0]", "\"assessor\" is not an absolute IRI", v2()},
        {"contextAgent that is a group (2.0.0)", attestedStatement,
         [](Statement& s) {
             Agent g;
             g.type = Agent::Type::Group;
             g.mbox = "mailto:g@example.org";
             s.context->contextAgents.push_back({g, {}});
         },
         "statement.context.contextAgents[0].agent", "is a Group; use contextGroups", v2()},
        // text
        {"response that is not UTF-8", attestedStatement, [](Statement& s) { s.result->response = "Notiz \xC3("; },
         "statement.result.response", "is not valid UTF-8 at byte 6"},
        {"display value that is not UTF-8", attestedStatement,
         [](Statement& s) { (*s.verb.display)["de-DE"] = "best\xE4tigt"; }, "statement.verb.display[\"de-DE\"]",
         "is not valid UTF-8 at byte 4"},
        {"extension string that is not UTF-8", learningCompleted,
         [](Statement& s) { s.context->extensions[iri::kExtEvidenceId] = std::string("\xED\xA0\x80"); },
         "statement.context.extensions[\"" + iri::kExtEvidenceId + "\"]", "is not valid UTF-8 at byte 0"},
        // attachments
        {"attachment with a short sha2", attestedStatement,
         [](Statement& s) {
             s.attachments.push_back(
                 {"https://example.org/u", LanguageMap{{"en", "d"}}, std::nullopt, "application/pdf", 1, "abc", ""});
         },
         "statement.attachments[0].sha2", "\"abc\" is not a hex SHA-256, SHA-384 or SHA-512"},
        {"signature attachment with a wrong content type", attestedStatement,
         [](Statement& s) {
             s.attachments.push_back({Attachment::kSignatureUsageType, LanguageMap{{"en", "s"}}, std::nullopt,
                                      "application/json", 1, std::string(64, '0'), ""});
         },
         "statement.attachments[0].contentType", "a signature attachment must be application/octet-stream"},
        {"attachment without display", attestedStatement,
         [](Statement& s) {
             s.attachments.push_back(
                 {"https://example.org/u", std::nullopt, std::nullopt, "application/pdf", 1, std::string(64, '0'), ""});
         },
         "statement.attachments[0].display", "is missing"},
        {"attachment content type not a media type", attestedStatement,
         [](Statement& s) {
             s.attachments.push_back(
                 {"https://example.org/u", LanguageMap{{"en", "d"}}, std::nullopt, "pdf", 1, std::string(64, '0'), ""});
         },
         "statement.attachments[0].contentType", "\"pdf\" is not a media type"},
    };
    return all;
}

} // namespace

BOOST_AUTO_TEST_CASE(every_kind_of_statement_we_send_is_valid)
{
    const std::vector<std::pair<const char*, Statement>> kinds = {{"completed", learning("completed").build()},
                                                                  {"passed", learning("passed").build()},
                                                                  {"failed", learning("failed").build()},
                                                                  {"attested", attested().build()},
                                                                  {"achieved", achieved().build()},
                                                                  {"voided", voided().build()}};
    for (const auto& [name, statement] : kinds)
    {
        const Problems p1 = StatementValidator().validate(statement);
        BOOST_TEST(p1.empty(), name << " (1.0.3):" << describe(p1));
        const Problems p2 = StatementValidator(v2()).validate(statement);
        BOOST_TEST(p2.empty(), name << " (2.0.0):" << describe(p2));
    }
    Statement withAgents = StatementBuilder(attested().build()).contextAgent(assessor(), {iri::kAssessor}).build();
    const Problems p = StatementValidator(v2()).validate(withAgents);
    BOOST_TEST(p.empty(), "contextAgents in 2.0.0:" << describe(p));
}

BOOST_AUTO_TEST_CASE(each_broken_statement_is_refused_with_its_own_message)
{
    BOOST_TEST(cases().size() >= 30u);
    for (const Case& c : cases())
    {
        BOOST_TEST_CONTEXT(c.name)
        {
            Statement s = c.base();
            BOOST_REQUIRE(StatementValidator(c.options).validate(s).empty());
            c.breakIt(s);
            const Problems problems = StatementValidator(c.options).validate(s);
            BOOST_TEST(problems.size() == 1u, "problems:" << describe(problems));
            if (problems.empty()) continue;
            BOOST_TEST(problems[0].path == c.path);
            BOOST_TEST(problems[0].message.find(c.message) != std::string::npos,
                       "message \"" << problems[0].message << "\" lacks \"" << c.message << "\"");
        }
    }
}

BOOST_AUTO_TEST_CASE(the_message_reads_as_path_and_reason)
{
    Statement s = learning("completed").build();
    s.actor.mbox = "mailto:learner@example.org";
    const Problems problems = StatementValidator().validate(s);
    BOOST_REQUIRE(problems.size() == 1u);
    BOOST_TEST(problems[0].toString() == "statement.actor: has 2 identifiers (mbox, account); exactly one is required");
}

BOOST_AUTO_TEST_CASE(every_problem_is_reported_not_just_the_first)
{
    Statement s = learning("passed").build();
    s.id = "nope";
    s.verb.id = "completed";
    s.timestamp = "yesterday";
    s.result->score->scaled = 2;
    s.context->language = "en_GB";
    const Problems problems = StatementValidator().validate(s);
    std::vector<std::string> paths;
    for (const auto& p : problems) paths.push_back(p.path);
    const std::vector<std::string> expected = {"statement.id", "statement.verb.id", "statement.result.score.scaled",
                                               "statement.context.language", "statement.timestamp"};
    BOOST_TEST(paths == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(options_can_waive_id_and_timestamp)
{
    Statement s = achieved().build();
    s.id.clear();
    s.timestamp.clear();
    ValidatorOptions lenient;
    lenient.requireId = false;
    lenient.requireTimestamp = false;
    BOOST_TEST(StatementValidator(lenient).validate(s).empty());
    BOOST_TEST(StatementValidator().validate(s).size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_batch_reports_repeated_ids_and_indexes_its_paths)
{
    std::vector<Statement> batch = {learning("completed").build(), attested().build(), learning("failed").build()};
    batch[1].verb.display = LanguageMap{};
    const Problems problems = StatementValidator().validate(batch);
    BOOST_REQUIRE(problems.size() == 2u);
    BOOST_TEST(problems[0].path == "statements[1].verb.display");
    BOOST_TEST(problems[1].path == "statements[2].id");
    BOOST_TEST(problems[1].message.find("repeats the id of statements[0]") != std::string::npos);
}
