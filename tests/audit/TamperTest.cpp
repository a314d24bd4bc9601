//
// TamperTest.cpp
//
// Records evidence through the plugin, stops it, changes the store directly (as an attacker with
// access to the SQLite file, or to the PostgreSQL database, would), starts it again and runs
// audit.verify. Each kind of tampering must be detected, and the first problem must name the first
// bad entry. The tampering SQL is the same on both stores: plain SQL with literal values (no
// placeholders, whose syntax differs), run through sqlite3 on the file or through
// TestPlugin::storeSession() on PostgreSQL (SFE_TEST_PG).
//

#include "TestHost.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/StringTokenizer.h>

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>

using sfe::test::TestPlugin;

namespace {

struct Tampered : TestPlugin
{
    std::vector<std::string> evidence;      // in recording order
    std::string withdrawnId;

    Tampered()
    {
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"c1","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
        for (int i = 0; i < 3; ++i)
        {
            auto r = ok("attest", "{\"learner\":\"u" + std::to_string(i) +
                                      "\",\"assessor\":\"a1\",\"responsibility\":\"CSMG-3.2\",\"note\":\"gut\"}");
            evidence.push_back(r->getArray("evidence")->getElement<std::string>(0));
            auto c = ok("complete", "{\"learner\":\"u" + std::to_string(i) + "\",\"activity\":\"c1\"}");
            evidence.push_back(c->getArray("evidence")->getElement<std::string>(0));
        }
        withdrawnId = evidence[3];
        ok("withdraw", "{\"evidence\":\"" + withdrawnId + "\",\"reason\":\"wrong learner\"}");
        runtime.reset();    // the plugin stops; the attacker edits the file
    }

    /// Runs `sql` (statements separated by ';', no ';' inside literals) in one transaction; requires
    /// that it changed something.
    void tamper(const std::string& sql)
    {
        if (onPostgreSQL())
        {
            // A PostgreSQL prepared statement holds one SQL statement: run them one by one.
            Poco::Data::Session session = storeSession();
            std::size_t changed = 0;
            session.begin();
            try
            {
                Poco::StringTokenizer statements(sql, ";", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
                for (const auto& text : statements)
                {
                    Poco::Data::Statement statement(session);
                    statement << text;
                    changed += statement.execute();
                }
                session.commit();
            }
            catch (const Poco::Exception& e)
            {
                session.rollback();
                BOOST_FAIL("tampering SQL failed: " << e.displayText() << " in: " << sql);
            }
            BOOST_TEST_REQUIRE(changed > 0, "tampering SQL changed nothing: " << sql);
            return;
        }
        sqlite3* db = nullptr;
        BOOST_REQUIRE_EQUAL(sqlite3_open(dbPath().c_str(), &db), SQLITE_OK);
        char* error = nullptr;
        const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
        const std::string message = error ? error : "";
        sqlite3_free(error);
        BOOST_TEST_REQUIRE(rc == SQLITE_OK, "tampering SQL failed: " << message);
        BOOST_TEST_REQUIRE(sqlite3_changes(db) > 0, "tampering SQL changed nothing: " << sql);
        sqlite3_close(db);
    }

    Poco::JSON::Object::Ptr verify() { return ok("audit.verify"); }

    std::string firstMessage()
    {
        auto r = verify();
        BOOST_TEST(r->getValue<bool>("ok") == false);
        if (r->isNull("firstProblem")) return "";
        return r->getObject("firstProblem")->getValue<std::string>("message");
    }
};

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(tamper)

BOOST_FIXTURE_TEST_CASE(an_untouched_store_verifies, Tampered)
{
    auto r = verify();
    BOOST_TEST(r->getValue<bool>("ok"));
    BOOST_TEST(r->getValue<int>("entries") == 7);            // 6 records + 1 withdrawal
    BOOST_TEST(r->getValue<int>("evidenceRecords") == 6);
    BOOST_TEST(r->getValue<std::string>("head").size() == 64u);
}

BOOST_FIXTURE_TEST_CASE(a_changed_evidence_record_is_named, Tampered)
{
    tamper("UPDATE evidence SET outcome = 'not-demonstrated' WHERE id = '" + evidence[2] + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "entry 3 (record " + evidence[2] + ")"), m);
    BOOST_TEST(contains(m, "differs from what was logged"), m);
}

BOOST_FIXTURE_TEST_CASE(a_changed_score_is_named, Tampered)
{
    tamper("UPDATE evidence SET score_scaled = 0.99 WHERE id = '" + evidence[1] + "'");
    BOOST_TEST(contains(firstMessage(), "entry 2 (record " + evidence[1] + ")"));
}

BOOST_FIXTURE_TEST_CASE(a_changed_note_is_named, Tampered)
{
    tamper("UPDATE evidence SET note = 'sehr gut' WHERE id = '" + evidence[0] + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "the note of evidence " + evidence[0] + " was changed"), m);
}

BOOST_FIXTURE_TEST_CASE(a_changed_learner_is_named, Tampered)
{
    tamper("UPDATE evidence SET learner = 'u2' WHERE id = '" + evidence[0] + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "the learner of evidence " + evidence[0] + " was changed"), m);
}

BOOST_FIXTURE_TEST_CASE(a_changed_assessor_is_named, Tampered)
{
    tamper("UPDATE evidence SET assessor = 'someone.else' WHERE id = '" + evidence[2] + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "the assessor of evidence " + evidence[2] + " was changed"), m);
}

BOOST_FIXTURE_TEST_CASE(a_changed_withdrawal_reason_is_named, Tampered)
{
    tamper("UPDATE evidence SET withdrawn_reason = 'duplicate' WHERE id = '" + withdrawnId + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "entry 7 (withdraw " + withdrawnId + ")"), m);
}

BOOST_FIXTURE_TEST_CASE(a_changed_log_entry_is_named, Tampered)
{
    tamper("UPDATE evidence_log SET content = replace(content, '\"level\":3', '\"level\":4') WHERE seq = 4");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "entry 4 "), m);
    BOOST_TEST(contains(m, "content does not match"), m);
}

BOOST_FIXTURE_TEST_CASE(a_deleted_log_entry_is_named, Tampered)
{
    tamper("DELETE FROM evidence_log WHERE seq = 3");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "entry 4 "), m);
    BOOST_TEST(contains(m, "expected entry 3 here"), m);
}

BOOST_FIXTURE_TEST_CASE(a_deleted_evidence_record_is_named, Tampered)
{
    tamper("DELETE FROM evidence_responsibilities WHERE evidence_id = '" + evidence[4] + "';"
           "DELETE FROM statements WHERE evidence_id = '" + evidence[4] + "';"
           "DELETE FROM evidence WHERE id = '" + evidence[4] + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "entry 5 (record " + evidence[4] + ")"), m);
    BOOST_TEST(contains(m, "is missing (deleted)"), m);
}

BOOST_FIXTURE_TEST_CASE(an_inserted_evidence_record_is_named, Tampered)
{
    tamper("INSERT INTO evidence(id, seq, event_id, kind, learner, skill_code, level_number, definition_sha256,"
           " level_text_sha256, verb, outcome, assessor, occurred_at, recorded_at, learner_ref)"
           " SELECT 'forged-0000', 99, event_id, kind, learner, skill_code, level_number, definition_sha256,"
           " level_text_sha256, verb, outcome, assessor, occurred_at, recorded_at, learner_ref"
           " FROM evidence WHERE id = '" + evidence[0] + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "evidence forged-0000 (seq 99) has no entry in the log"), m);
}

BOOST_FIXTURE_TEST_CASE(an_inserted_log_entry_is_named, Tampered)
{
    // A copy of entry 4 slipped in as entry 5, linked to entry 4; the later entries moved up.
    tamper("UPDATE evidence_log SET seq = seq + 1000 WHERE seq >= 5;"
           "UPDATE evidence_log SET seq = seq - 999 WHERE seq > 1000;"
           "INSERT INTO evidence_log SELECT 5, evidence_id, action, content, content_sha256, chain_hash, chain_hash,"
           " logged_at FROM evidence_log WHERE seq = 4");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "entry 5 "), m);
    BOOST_TEST(contains(m, "chain_hash is not SHA-256"), m);
}

BOOST_FIXTURE_TEST_CASE(reordered_log_entries_are_named, Tampered)
{
    tamper("UPDATE evidence_log SET seq = -2 WHERE seq = 2;"
           "UPDATE evidence_log SET seq = 2 WHERE seq = 3;"
           "UPDATE evidence_log SET seq = 3 WHERE seq = -2");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "entry 2 "), m);
    BOOST_TEST(contains(m, "does not link to the entry before it"), m);
}

BOOST_FIXTURE_TEST_CASE(a_hidden_withdrawal_is_named, Tampered)
{
    tamper("UPDATE evidence SET withdrawn_at = NULL, withdrawn_reason = NULL WHERE id = '" + withdrawnId + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "entry 7 (withdraw " + withdrawnId + ")"), m);
}

BOOST_FIXTURE_TEST_CASE(a_forged_withdrawal_is_named, Tampered)
{
    tamper("UPDATE evidence SET withdrawn_at = '2026-11-20T10:00:00.000Z', withdrawn_reason = 'x' WHERE id = '" +
           evidence[5] + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "evidence " + evidence[5] + " is marked withdrawn but the log has no withdrawal"), m);
}

BOOST_AUTO_TEST_SUITE_END()
