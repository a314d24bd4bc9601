//
// IntakeTest.cpp
//
// record.statements: xAPI statements an LMS forwards (from H5P, cmi5 or SCORM content) become
// learning evidence when they count, once; the others are reported with their reason; hostile input
// is refused whole, naming the statement's index and the field, with nothing written.
//

#define BOOST_TEST_MODULE sfe_intake
#include "TestHost.h"

#include "sfe.h"
#include "sfe/store/Database.h"
#include "sfe/xapi/Uuid.h"

#include <Poco/Data/Session.h>
#include <Poco/JSON/Array.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <map>

using namespace Poco::Data::Keywords;
using sfe::test::TestPlugin;

namespace {

const std::string kCourse = "https://lms.example.org/activities/course-101"; // course-101's IRI
const std::string kExam = "https://lms.example.org/activities/exam-7";
const std::string kCompleted = "http://adlnet.gov/expapi/verbs/completed";
const std::string kPassed = "http://adlnet.gov/expapi/verbs/passed";
const std::string kFailed = "http://adlnet.gov/expapi/verbs/failed";
const std::string kAnswered = "http://adlnet.gov/expapi/verbs/answered";
const std::string kExperienced = "http://adlnet.gov/expapi/verbs/experienced";
const std::string kVoided = "http://adlnet.gov/expapi/verbs/voided";

std::string account(const std::string& name, const std::string& homePage = "https://lms.example.org")
{
    return R"({"objectType":"Agent","account":{"homePage":")" + homePage + R"(","name":")" + name + R"("}})";
}

/// One statement as an LMS would forward it; `extra` is added to the object's members.
std::string statement(const std::string& id, const std::string& actor, const std::string& verb,
                      const std::string& activity, const std::string& extra = "")
{
    return R"({"id":")" + id + R"(","actor":)" + actor + R"(,"verb":{"id":")" + verb +
           R"(","display":{"en-US":"did"}},"object":{"objectType":"Activity","id":")" + activity +
           R"("},"timestamp":"2026-11-19T08:30:00+01:00")" + (extra.empty() ? "" : "," + extra) + "}";
}

std::string request(const std::vector<std::string>& statements)
{
    std::string list;
    for (const auto& s : statements) list += (list.empty() ? "" : ",") + s;
    return R"({"statements":[)" + list + "]}";
}

struct Mapped: TestPlugin
{
    Mapped()
    {
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"course-101","skill":"CSMG","level":3})");
        ok("map", R"({"activity":"course-101","skill":"CSMG","level":2})");
        ok("map", R"({"activity":"exam-7","type":"assessment","skill":"CSMG","level":4})");
    }

    /// Rows in evidence and lms_events: what a call wrote.
    std::string counts()
    {
        int e = 0, l = 0;
        auto& session = runtime->database().session();
        session << "SELECT COUNT(*) FROM evidence", into(e), now;
        session << "SELECT COUNT(*) FROM lms_events", into(l), now;
        return "evidence " + std::to_string(e) + ", events " + std::to_string(l);
    }

    /// reason by statement id, from a report.
    static std::string reasons(const Poco::JSON::Object::Ptr& report)
    {
        std::map<std::string, std::string> out;
        auto skipped = report->getArray("skipped");
        for (unsigned i = 0; i < skipped->size(); ++i)
            out[skipped->getObject(i)->getValue<std::string>("id")] =
                skipped->getObject(i)->getValue<std::string>("reason");
        return text(out);
    }

    static std::string text(const std::map<std::string, std::string>& reasons)
    {
        std::string out;
        for (const auto& [id, reason] : reasons) out += id + " " + reason + "\n";
        return out;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(record_statements)

BOOST_FIXTURE_TEST_CASE(completions_passes_and_failures_of_mapped_activities_count_once, Mapped)
{
    const std::string c1 = sfe::xapi::Uuid::random(), c2 = sfe::xapi::Uuid::random(), c3 = sfe::xapi::Uuid::random(),
                      c4 = sfe::xapi::Uuid::random();
    const std::string body = request({
        statement(c1, account("anna"), kCompleted, kCourse), // 2 mapped levels
        statement(c2, R"({"mbox":"mailto:bert@example.org"})", kPassed, kExam, R"("result":{"score":{"scaled":0.9}})"),
        statement(c3, account("anna"), kFailed, kExam),
        statement(c4, account("carl"), kAnswered, kExam, R"("result":{"success":true})"), // H5P-style
    });
    auto report = ok("record.statements", body);
    BOOST_TEST(report->getValue<int>("statements") == 4);
    BOOST_TEST(report->getValue<int>("recorded") == 4);
    BOOST_TEST(report->getValue<int>("evidence") == 5);
    BOOST_TEST(report->getArray("skipped")->size() == 0u);
    BOOST_TEST(counts() == "evidence 5, events 4");

    // The statement id is the event id: the learner, verb and time are the statement's.
    auto anna = ok("evidence", R"({"learner":"anna"})")->getArray("evidence");
    BOOST_REQUIRE_EQUAL(anna->size(), 3u);
    std::map<std::string, std::string> verbOfEvent;
    for (unsigned i = 0; i < anna->size(); ++i)
    {
        verbOfEvent[anna->getObject(i)->getValue<std::string>("eventId")] =
            anna->getObject(i)->getValue<std::string>("verb");
        BOOST_TEST(anna->getObject(i)->getValue<std::string>("occurredAt") == "2026-11-19T07:30:00.000Z");
        BOOST_TEST(anna->getObject(i)->getValue<std::string>("kind") == "learning");
    }
    BOOST_TEST(verbOfEvent[c1] == "completed");
    BOOST_TEST(verbOfEvent[c3] == "failed");
    auto bert = ok("evidence", R"({"learner":"bert@example.org"})")->getArray("evidence");
    BOOST_REQUIRE_EQUAL(bert->size(), 1u);
    BOOST_TEST(bert->getObject(0)->getValue<std::string>("verb") == "passed");
    auto carl = ok("evidence", R"({"learner":"carl"})")->getArray("evidence");
    BOOST_REQUIRE_EQUAL(carl->size(), 1u);
    BOOST_TEST(carl->getObject(0)->getValue<std::string>("verb") == "passed");

    // Forwarded again: nothing is written twice.
    auto again = ok("record.statements", body);
    BOOST_TEST(again->getValue<int>("recorded") == 0);
    BOOST_TEST(again->getValue<int>("duplicates") == 4);
    BOOST_TEST(counts() == "evidence 5, events 4");
}

BOOST_FIXTURE_TEST_CASE(statements_that_cannot_count_are_reported_with_their_reason, Mapped)
{
    std::map<std::string, std::string> expected;
    std::vector<std::string> statements;
    auto add = [&](const std::string& reason, const std::string& json) {
        const std::string id = json.substr(7, 36);
        expected[id] = reason;
        statements.push_back(json);
    };
    auto id = [] { return sfe::xapi::Uuid::random(); };
    add("unmapped-activity", statement(id(), account("anna"), kCompleted, "https://elsewhere.example.org/course"));
    add("no-result", statement(id(), account("anna"), kExperienced, kCourse));
    add("unsupported-verb", statement(id(), account("anna"), kAnswered, kCourse, R"("result":{"response":"b"})"));
    add("group-actor", statement(id(), R"({"objectType":"Group","name":"team","member":[)" + account("anna") + "]}",
                                 kCompleted, kCourse));
    add("own",
        statement(
            id(), account("anna"), kCompleted, kCourse,
            R"("context":{"contextActivities":{"category":[{"id":"https://sfia-evidence.org/xapi/profile/v1.0"}]}})"));
    add("unknown-actor", statement(id(), account("anna", "https://other-lms.example.org"), kCompleted, kCourse));
    add("future", R"({"id":")" + id() + R"(","actor":)" + account("anna") + R"(,"verb":{"id":")" + kCompleted +
                      R"("},"object":{"id":")" + kCourse + R"("},"timestamp":"2999-01-01T00:00:00Z"})");
    // A statement and the one voiding it, in the same set: neither counts.
    const std::string target = id();
    add("voided", statement(target, account("anna"), kCompleted, kCourse));
    add("voiding", R"({"id":")" + id() + R"(","actor":)" + account("lms-admin") + R"(,"verb":{"id":")" + kVoided +
                       R"("},"object":{"objectType":"StatementRef","id":")" + target + R"("}})");
    // The voided statement of an LRS's feed is not in it; its voiding statement names it.
    const std::string hidden = id();
    add("voiding", R"({"id":")" + id() + R"(","actor":)" + account("lms-admin") + R"(,"verb":{"id":")" + kVoided +
                       R"("},"object":{"objectType":"StatementRef","id":")" + hidden + R"("}})");
    expected[hidden] = "voided";

    auto report = ok("record.statements", request(statements));
    BOOST_TEST(report->getValue<int>("recorded") == 0);
    BOOST_TEST(reasons(report) == text(expected));
    BOOST_TEST(counts() == "evidence 0, events 0");
}

// Each of these refuses the whole request (SFE_INVALID), naming statements[1] and the field; the
// valid statement before it is not recorded either.
const std::vector<std::pair<std::string, std::string>> kHostile = {
    {R"({"id":"x","actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.org/activities/course-101"}})",
     "statements[1].id"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","actor":{"mbox":"a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.org/activities/course-101"}})",
     "statements[1].actor.mbox"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"completed"},"object":{"id":"https://lms.example.org/activities/course-101"}})",
     "statements[1].verb.id"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.org/activities/course-101"},"result":{"success":"yes"}})",
     "statements[1].result.success"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.org/activities/course-101"},"result":{"score":{"scaled":2}}})",
     "statements[1].result.score.scaled"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.org/activities/course-101"}})",
     "statements[1].actor"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","actor":{"mbox":"mailto:a@example.org","account":{"homePage":"https://lms.example.org","name":"a"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.org/activities/course-101"}})",
     "statements[1].actor"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"objectType":"Banana","id":"x"}})",
     "statements[1].object.objectType"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.org/activities/course-101"},"timestamp":"yesterday"})",
     "statements[1].timestamp"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","actor":{"account":{"homePage":"https://lms.example.org","name":"an\u001bna"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.org/activities/course-101"}})",
     "statements[1].actor.account.name: contains the control character U+001B at character 3"},
    {R"({"id":"6d3ee9e4-2a2f-4f0b-9a53-0d6b2c7b6b01","actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"https://lms.example.org/activities/course-101\u0000"}})",
     "statements[1].object.id: contains the control character U+0000"},
    {R"("just text")", "statements[1]"},
};

BOOST_DATA_TEST_CASE_F(Mapped, hostile_input_is_refused_naming_the_statement_and_the_field,
                       boost::unit_test::data::xrange(kHostile.size()), index)
{
    const auto& [bad, field] = kHostile[index];
    const std::string good = statement(sfe::xapi::Uuid::random(), account("anna"), kCompleted, kCourse);
    const auto r = call("record.statements", R"({"statements":[)" + good + "," + bad + "]}");
    BOOST_TEST(r.status == SFE_INVALID);
    BOOST_TEST(r.message.find("record.statements: " + field) != std::string::npos, r.message);
    BOOST_TEST(counts() == "evidence 0, events 0");
}

BOOST_FIXTURE_TEST_CASE(the_request_is_checked_like_every_other, Mapped)
{
    auto r = call("record.statements", R"({"statements":{"id":"x"}})");
    BOOST_TEST(r.status == SFE_INVALID);
    BOOST_TEST(r.message.find("statements") != std::string::npos, r.message);
    r = call("record.statements", R"({"statements":[],"statement":[]})");
    BOOST_TEST(r.status == SFE_INVALID);
    BOOST_TEST(r.message.find("statement") != std::string::npos, r.message);
    r = call("record.statements", "{}");
    BOOST_TEST(r.status == SFE_INVALID);
    auto empty = ok("record.statements", R"({"statements":[]})");
    BOOST_TEST(empty->getValue<int>("statements") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
