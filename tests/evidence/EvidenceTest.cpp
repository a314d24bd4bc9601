//
// EvidenceTest.cpp
//
// LMS events become evidence and statements in one transaction; duplicates, withdrawal, and the
// events that must be refused with nothing written.
//

#include "TestHost.h"

#include "sfe.h"
#include "sfe/store/Database.h"

#include <Poco/Data/Session.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace Poco::Data::Keywords;
using sfe::test::TestPlugin;

namespace {

struct Recorded: TestPlugin
{
    Recorded()
    {
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"course-101","name":"Servicedesk-Grundlagen","skill":"CSMG","level":3,
                     "responsibilities":["CSMG-3.1","CSMG-3.3"]})");
        ok("map", R"({"activity":"course-101","skill":"CSMG","level":2})");
        ok("map", R"({"activity":"exam-7","type":"assessment","skill":"CSMG","level":4})");
    }

    /// Rows in evidence, statements and lms_events, to prove what a call wrote.
    std::tuple<int, int, int> counts()
    {
        int e = 0, s = 0, l = 0;
        auto& session = runtime->database().session();
        session << "SELECT COUNT(*) FROM evidence", into(e), now;
        session << "SELECT COUNT(*) FROM statements", into(s), now;
        session << "SELECT COUNT(*) FROM lms_events", into(l), now;
        return {e, s, l};
    }

    Poco::JSON::Object::Ptr statement(const std::string& id)
    {
        auto list = ok("statements")->getArray("statements");
        for (unsigned i = 0; i < list->size(); ++i)
            if (list->getObject(i)->getValue<std::string>("id") == id) return list->getObject(i);
        return nullptr;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(evidence)

BOOST_FIXTURE_TEST_CASE(a_completion_contributes_learning_to_every_mapped_level, Recorded)
{
    auto r = ok("complete", R"({"eventId":"ev-1","learner":"u123","activity":"course-101",
                               "at":"2026-11-19T08:30:00+01:00"})");
    BOOST_TEST(r->getValue<bool>("duplicate") == false);
    BOOST_TEST(r->getArray("evidence")->size() == 2u);
    BOOST_TEST(r->getArray("statements")->size() == 2u);

    auto list = ok("evidence", R"({"learner":"u123"})")->getArray("evidence");
    BOOST_REQUIRE_EQUAL(list->size(), 2u);
    for (unsigned i = 0; i < list->size(); ++i)
    {
        auto e = list->getObject(i);
        BOOST_TEST(e->getValue<std::string>("kind") == "learning");
        BOOST_TEST(e->getValue<std::string>("occurredAt") == "2026-11-19T07:30:00.000Z");
        BOOST_TEST(e->getValue<std::string>("eventId") == "ev-1");
    }

    auto s = statement(r->getArray("statements")->getElement<std::string>(0));
    BOOST_REQUIRE(s);
    BOOST_TEST(s->getValue<std::string>("state") == "pending");
    auto body = s->getObject("statement");
    BOOST_TEST(body->getValue<std::string>("id") == s->getValue<std::string>("id"));
    BOOST_TEST(body->getObject("verb")->getValue<std::string>("id") == "http://adlnet.gov/expapi/verbs/completed");
    BOOST_TEST(body->getObject("actor")->getObject("account")->getValue<std::string>("name") == "u123");
    BOOST_TEST(body->getObject("actor")->getObject("account")->getValue<std::string>("homePage") ==
               "https://lms.example.org");
    BOOST_TEST(body->getObject("object")->getValue<std::string>("id") ==
               "https://lms.example.org/activities/course-101");
    BOOST_TEST(body->getValue<std::string>("timestamp") == "2026-11-19T07:30:00.000Z");
    auto category = body->getObject("context")->getObject("contextActivities")->getArray("category");
    BOOST_TEST(category->getObject(0)->getValue<std::string>("id") == "https://sfia-evidence.org/xapi/profile/v1.0");
}

BOOST_FIXTURE_TEST_CASE(the_same_event_twice_is_recorded_once, Recorded)
{
    ok("complete", R"({"eventId":"ev-dup","learner":"u1","activity":"course-101"})");
    auto before = counts();
    auto again = ok("complete", R"({"eventId":"ev-dup","learner":"u1","activity":"course-101"})");
    BOOST_TEST(again->getValue<bool>("duplicate") == true);
    BOOST_TEST(again->getArray("evidence")->size() == 0u);
    BOOST_TEST((counts() == before));

    auto batch = ok("record", R"({"events":[
        {"type":"completion","eventId":"ev-b1","learner":"u2","activity":"exam-7","verb":"passed"},
        {"type":"completion","eventId":"ev-b1","learner":"u2","activity":"exam-7","verb":"passed"},
        {"type":"completion","eventId":"ev-dup","learner":"u1","activity":"course-101"}]})");
    BOOST_TEST(batch->getValue<int>("recorded") == 1);
    BOOST_TEST(batch->getValue<int>("duplicates") == 2);
}

BOOST_FIXTURE_TEST_CASE(passed_and_failed_carry_success_and_score, Recorded)
{
    auto passed = ok("complete", R"({"learner":"u1","activity":"exam-7","verb":"passed",
                                    "score":{"raw":85,"min":0,"max":100,"scaled":0.85}})");
    auto s = statement(passed->getArray("statements")->getElement<std::string>(0))->getObject("statement");
    BOOST_TEST(s->getObject("verb")->getValue<std::string>("id") == "http://adlnet.gov/expapi/verbs/passed");
    BOOST_TEST(s->getObject("result")->getValue<bool>("success") == true);
    BOOST_TEST(s->getObject("result")->getObject("score")->getValue<double>("raw") == 85.0);
    BOOST_TEST(s->getObject("result")->getObject("score")->getValue<double>("scaled") == 0.85);

    auto failed = ok("complete", R"({"learner":"u1","activity":"exam-7","verb":"failed","score":0.2})");
    auto f = statement(failed->getArray("statements")->getElement<std::string>(0))->getObject("statement");
    BOOST_TEST(f->getObject("result")->getValue<bool>("success") == false);
}

BOOST_FIXTURE_TEST_CASE(an_attestation_is_demonstrated_evidence_with_the_assessor_as_instructor, Recorded)
{
    auto r = ok("attest", R"({"eventId":"att-1","learner":"u123","responsibility":"CSMG-3.2","assessor":"a7",
                             "outcome":"partial","note":"Gut, aber Eskalation fehlte.",
                             "evidenceUrl":"https://lms.example.org/files/77"})");
    auto e = ok("evidence", R"({"learner":"u123","kind":"demonstrated"})")->getArray("evidence");
    BOOST_REQUIRE_EQUAL(e->size(), 1u);
    BOOST_TEST(e->getObject(0)->getValue<int>("level") == 3);
    BOOST_TEST(e->getObject(0)->getValue<std::string>("assessor") == "a7");

    auto s = statement(r->getArray("statements")->getElement<std::string>(0))->getObject("statement");
    BOOST_TEST(s->getObject("verb")->getValue<std::string>("id") ==
               "https://sfia-evidence.org/xapi/profile/verbs/attested");
    BOOST_TEST(s->getObject("object")->getValue<std::string>("id") ==
               "https://sfia-evidence.org/xapi/frameworks/sfia/9/skills/CSMG/responsibilities/CSMG-3.2");
    BOOST_TEST(s->getObject("context")->getObject("instructor")->getObject("account")->getValue<std::string>("name") ==
               "a7");
    BOOST_TEST(s->getObject("result")->getValue<bool>("success") == false);
    BOOST_TEST(s->getObject("result")->getObject("score")->getValue<double>("scaled") == 0.5);
    BOOST_TEST(s->getObject("result")->getValue<std::string>("response") == "Gut, aber Eskalation fehlte.");
    auto description = s->getObject("object")->getObject("definition")->getObject("description");
    BOOST_TEST(description->getValue<std::string>("de-DE").find("Reagiert auf unterschiedliche Serviceanfragen") == 0u);
}

BOOST_FIXTURE_TEST_CASE(withdrawal_marks_the_record_and_voids_its_statements, Recorded)
{
    auto r = ok("complete", R"({"learner":"u9","activity":"exam-7"})");
    const std::string evidenceId = r->getArray("evidence")->getElement<std::string>(0);
    const std::string statementId = r->getArray("statements")->getElement<std::string>(0);
    auto w = ok("withdraw", "{\"evidence\":\"" + evidenceId + "\",\"reason\":\"recorded for the wrong learner\"}");
    BOOST_REQUIRE_EQUAL(w->getArray("voidingStatements")->size(), 1u);

    auto e = ok("evidence", R"({"learner":"u9"})")->getArray("evidence")->getObject(0);
    BOOST_TEST(e->getValue<std::string>("withdrawnReason") == "recorded for the wrong learner");
    BOOST_TEST(!e->isNull("withdrawnAt"));
    BOOST_TEST(ok("evidence", R"({"learner":"u9","includeWithdrawn":false})")->getArray("evidence")->size() == 0u);

    auto v = statement(w->getArray("voidingStatements")->getElement<std::string>(0))->getObject("statement");
    BOOST_TEST(v->getObject("verb")->getValue<std::string>("id") == "http://adlnet.gov/expapi/verbs/voided");
    BOOST_TEST(v->getObject("object")->getValue<std::string>("objectType") == "StatementRef");
    BOOST_TEST(v->getObject("object")->getValue<std::string>("id") == statementId);

    auto again = call("withdraw", "{\"evidence\":\"" + evidenceId + "\",\"reason\":\"again\"}");
    BOOST_TEST(again.status == SFE_CONFLICT);
    auto unknown = call("withdraw", R"({"evidence":"nope","reason":"x"})");
    BOOST_TEST(unknown.status == SFE_NOTFOUND);
}

struct BadEvent
{
    const char* name;
    const char* operation;
    const char* request;
    int status;
    const char* message;
};

std::ostream& operator<<(std::ostream& out, const BadEvent& b)
{
    return out << b.name;
}

const BadEvent kBadEvents[] = {
    {"unknown activity", "complete", R"({"learner":"u","activity":"nope"})", SFE_NOTFOUND,
     "complete: unknown activity 'nope': map it to a level first"},
    {"unmapped activity", "complete", R"({"learner":"u","activity":"course-unmapped"})", SFE_NOTFOUND,
     "complete: activity 'course-unmapped' is not mapped to any level"},
    {"unknown responsibility", "attest", R"({"learner":"u","responsibility":"CSMG-3.9","assessor":"a"})", SFE_NOTFOUND,
     "attest: unknown responsibility 'CSMG-3.9'"},
    {"responsibility of unknown skill", "attest", R"({"learner":"u","responsibility":"ABCD-1.1","assessor":"a"})",
     SFE_NOTFOUND, "attest: unknown responsibility 'ABCD-1.1'"},
    {"outcome out of range", "attest",
     R"({"learner":"u","responsibility":"CSMG-3.2","assessor":"a","outcome":"excellent"})", SFE_INVALID,
     "attest: 'outcome' must be demonstrated, partial or not-demonstrated, not 'excellent'"},
    {"self attestation", "attest", R"({"learner":"u","responsibility":"CSMG-3.2","assessor":"u"})", SFE_INVALID,
     "attest: the assessor cannot attest their own demonstration"},
    {"evidence url not an IRI", "attest",
     R"({"learner":"u","responsibility":"CSMG-3.2","assessor":"a","evidenceUrl":"files/77"})", SFE_INVALID, nullptr},
    {"evidence url with a space", "attest",
     R"({"learner":"u","responsibility":"CSMG-3.2","assessor":"a","evidenceUrl":"https://x.org/a b"})", SFE_INVALID,
     nullptr},
    {"no assessor", "attest", R"({"learner":"u","responsibility":"CSMG-3.2"})", SFE_INVALID,
     "attest: 'assessor' is required"},
    {"no learner", "complete", R"({"activity":"course-101"})", SFE_INVALID, "complete: 'learner' is required"},
    {"learner not a string", "complete", R"({"learner":42,"activity":"course-101"})", SFE_INVALID,
     "complete: 'learner' must be a string"},
    {"learner with control character", "complete", "{\"learner\":\"u\\u0001\",\"activity\":\"course-101\"}",
     SFE_INVALID,
     "complete: 'learner' contains the control character U+0001 at character 2; only free text (notes, reasons) "
     "may hold tabs and line breaks"},
    // A NUL was stored, read back cut short, and failed audit verify for the whole store (issue 9).
    {"NUL in an assessor id", "attest",
     "{\"learner\":\"u\",\"responsibility\":\"CSMG-3.2\",\"assessor\":\"a\\u0000b\"}", SFE_INVALID,
     "attest: 'assessor' contains the control character U+0000 at character 2; only free text (notes, reasons) "
     "may hold tabs and line breaks"},
    {"NUL in a note", "attest",
     "{\"learner\":\"u\",\"responsibility\":\"CSMG-3.2\",\"assessor\":\"a\",\"note\":\"ok\\u0000\"}", SFE_INVALID,
     "attest: 'note' contains the control character U+0000 at character 3"},
    {"NUL in an event id", "complete", "{\"eventId\":\"e\\u0000\",\"learner\":\"u\",\"activity\":\"exam-7\"}",
     SFE_INVALID,
     "complete: 'eventId' contains the control character U+0000 at character 2; only free text (notes, reasons) "
     "may hold tabs and line breaks"},
    {"terminal escape in a note", "attest",
     "{\"learner\":\"u\",\"responsibility\":\"CSMG-3.2\",\"assessor\":\"a\",\"note\":\"a\\tb\\n\\u001b[2J\"}",
     SFE_INVALID, "attest: 'note' contains the control character U+001B at character 5"},
    {"C1 control in a learner", "complete", "{\"learner\":\"u\\u009b\",\"activity\":\"exam-7\"}", SFE_INVALID,
     "complete: 'learner' contains the control character U+009B at character 2; only free text (notes, reasons) "
     "may hold tabs and line breaks"},
    {"invalid UTF-8", "complete", "{\"learner\":\"u\xff\",\"activity\":\"exam-7\"}", SFE_INVALID,
     "complete: the request is not valid JSON: not valid UTF-8 at byte 13"},
    {"field given twice", "complete", R"({"learner":"u","learner":"v","activity":"exam-7"})", SFE_INVALID,
     "complete: 'learner' is given twice"},
    {"unknown field in record", "record", R"({"events":[],"event":[]})", SFE_INVALID, "record: unknown field 'event'"},
    {"scaled score above 1", "complete", R"({"learner":"u","activity":"exam-7","score":1.5})", SFE_INVALID,
     "complete: 'score.scaled' 1.5 is out of range [-1, 1]"},
    {"raw score above max", "complete", R"({"learner":"u","activity":"exam-7","score":{"raw":120,"min":0,"max":100}})",
     SFE_INVALID, "complete: 'score.raw' 120 is outside [score.min, score.max]"},
    {"min not below max", "complete", R"({"learner":"u","activity":"exam-7","score":{"min":10,"max":10}})", SFE_INVALID,
     "complete: 'score.min' must be below 'score.max'"},
    {"score as string", "complete", R"({"learner":"u","activity":"exam-7","score":"85"})", SFE_INVALID,
     "complete: 'score' must be a number or an object"},
    {"unknown verb", "complete", R"({"learner":"u","activity":"exam-7","verb":"attempted"})", SFE_INVALID,
     "complete: 'verb' must be completed, passed or failed, not 'attempted'"},
    {"time without zone", "complete", R"({"learner":"u","activity":"exam-7","at":"2026-11-19T08:30:00"})", SFE_INVALID,
     "complete: 'at' is not an RFC 3339 date-time with a zone: '2026-11-19T08:30:00'"},
    {"time not a date", "complete", R"({"learner":"u","activity":"exam-7","at":"19.11.2026"})", SFE_INVALID,
     "complete: 'at' is not an RFC 3339 date-time with a zone: '19.11.2026'"},
    {"time in the future", "complete", R"({"learner":"u","activity":"exam-7","at":"2027-01-01T00:00:00Z"})",
     SFE_INVALID, "complete: 'at' is in the future: 2027-01-01T00:00:00Z"},
    {"request not JSON", "complete", "{learner:u}", SFE_INVALID, nullptr},
    {"request an array", "complete", "[1,2]", SFE_INVALID, "complete: the request must be a JSON object"},
    {"batch with one bad event", "record",
     R"({"events":[{"type":"completion","learner":"u","activity":"exam-7"},
                   {"type":"attestation","learner":"u","responsibility":"CSMG-9.9","assessor":"a"}]})",
     SFE_NOTFOUND, "event 2 (attest): unknown responsibility 'CSMG-9.9'"},
    {"batch with unknown type", "record", R"({"events":[{"type":"enrolled","learner":"u"}]})", SFE_INVALID,
     "event 1: 'type' must be completion or attestation, not 'enrolled'"},
    {"batch naming the bad event", "record",
     R"({"events":[{"type":"completion","learner":"u","activity":"exam-7"},{"type":"attestation","learner":"u"}]})",
     SFE_INVALID, "event 2 (attest): 'responsibility' is required"},
    {"misspelt field", "complete", R"({"learner":"u","activity":"exam-7","scroe":0.5})", SFE_INVALID,
     "complete: unknown field 'scroe'"},
    {"misspelt score field", "complete", R"({"learner":"u","activity":"exam-7","score":{"scale":0.5}})", SFE_INVALID,
     "complete score: unknown field 'scale'"},
    {"withdraw without reason", "withdraw", R"({"evidence":"x"})", SFE_INVALID, "withdraw: 'reason' is required"},
    {"unknown operation", "enrol", "{}", SFE_MISUSE, "unknown operation 'enrol'"},
    {"unknown operation, not UTF-8", "en\xffrol\x1b", "{}", SFE_MISUSE, "unknown operation 'en?rol?'"},
};

BOOST_DATA_TEST_CASE_F(Recorded, a_bad_event_is_refused_and_writes_nothing, boost::unit_test::data::make(kBadEvents),
                       bad)
{
    ok("map", R"({"activity":"course-unmapped","skill":"CSMG","level":3})");
    ok("unmap", R"({"activity":"course-unmapped"})");
    auto before = counts();
    auto r = call(bad.operation, bad.request);
    BOOST_TEST(r.status == bad.status);
    if (bad.message) BOOST_TEST(r.message == bad.message);
    BOOST_TEST(!r.message.empty());
    BOOST_TEST((counts() == before));
}

BOOST_FIXTURE_TEST_CASE(a_large_record_is_written_in_chunks_and_a_retry_records_only_the_rest, Recorded)
{
    // 2,500 events: three transactions of at most 1,000. An unknown activity in the third is found
    // only when that chunk is written: the first two stay, the error says so, and the same request
    // sent again (after the fix) records only the rest, by event id.
    auto request = [](const std::string& activityOf2101) {
        std::string json = R"({"events":[)";
        for (int i = 0; i < 2500; ++i)
            json += std::string(i ? "," : "") + R"({"type":"completion","eventId":"e)" + std::to_string(i) +
                    R"(","learner":"u)" + std::to_string(i % 7) + R"(","activity":")" +
                    (i == 2100 ? activityOf2101 : std::string("exam-7")) + "\"}";
        return json + "]}";
    };
    auto failed = call("record", request("no-such-course"));
    BOOST_TEST(failed.status == SFE_NOTFOUND);
    BOOST_TEST(failed.message.find("event 2101 (complete): unknown activity 'no-such-course'") == 0u, failed.message);
    BOOST_TEST(failed.message.find("events 1 to 2000 were recorded before it") != std::string::npos, failed.message);
    BOOST_TEST(std::get<0>(counts()) == 2000);

    auto done = ok("record", request("exam-7"));
    BOOST_TEST(done->getValue<int>("recorded") == 500);
    BOOST_TEST(done->getValue<int>("duplicates") == 2000);
    auto results = done->getArray("results");
    BOOST_REQUIRE_EQUAL(results->size(), 2500u);
    for (unsigned i = 0; i < results->size(); i += 499)
    {
        BOOST_TEST(results->getObject(i)->getValue<std::string>("eventId") == "e" + std::to_string(i));
        BOOST_TEST(results->getObject(i)->getValue<bool>("duplicate") == (i < 2000));
    }
    BOOST_TEST(std::get<0>(counts()) == 2500);
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));
}

BOOST_FIXTURE_TEST_CASE(a_request_over_door_max_request_bytes_is_refused_before_parsing, Recorded)
{
    runtime.reset();
    host.settings().setString("door.max_request_bytes", "1024");
    const std::string big = R"({"learner":"u","activity":"exam-7","eventId":")" + std::string(1100, 'x') + "\"}";
    auto r = call("complete", big);
    BOOST_TEST(r.status == SFE_INVALID);
    BOOST_TEST(r.message == "complete: the request is " + std::to_string(big.size()) +
                                " bytes, more than door.max_request_bytes (1024); send fewer events per call, or "
                                "raise door.max_request_bytes");
    BOOST_TEST(std::get<0>(counts()) == 0);
}

BOOST_FIXTURE_TEST_CASE(xapi_2_0_0_names_the_assessor_as_a_context_agent, TestPlugin)
{
    host.settings().setString("xapi.version", "2.0.0");
    ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
    auto r = ok("attest", R"({"learner":"u","responsibility":"CSMG-3.2","assessor":"a"})");
    auto list = ok("statements")->getArray("statements");
    auto s = list->getObject(0)->getObject("statement");
    BOOST_TEST(s->getValue<std::string>("version") == "2.0.0");
    BOOST_TEST(!s->getObject("context")->has("instructor"));
    auto agents = s->getObject("context")->getArray("contextAgents");
    BOOST_REQUIRE(agents);
    BOOST_TEST(agents->getObject(0)->getObject("agent")->getObject("account")->getValue<std::string>("name") == "a");
}

BOOST_FIXTURE_TEST_CASE(mbox_actors_when_configured, TestPlugin)
{
    host.settings().setString("xapi.actor", "mbox");
    host.settings().setString("lms.mbox_domain", "example.org");
    ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
    ok("attest", R"({"learner":"jane","responsibility":"CSMG-1.1","assessor":"bob"})");
    auto s = ok("statements")->getArray("statements")->getObject(0)->getObject("statement");
    BOOST_TEST(s->getObject("actor")->getValue<std::string>("mbox") == "mailto:jane@example.org");
    BOOST_TEST(!s->getObject("actor")->has("account"));
}

BOOST_AUTO_TEST_SUITE_END()
