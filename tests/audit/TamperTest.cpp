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

#include "PlainText.h"
#include "TestHost.h"

#include "sfe/service/LogContent.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/HashColumn.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/StringTokenizer.h>

#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include <boost/test/unit_test.hpp>

using sfe::test::TestPlugin;

namespace {

struct Tampered: TestPlugin
{
    std::vector<std::string> evidence; // in recording order
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
        runtime.reset(); // the plugin stops; the attacker edits the file
    }

    /// Runs `sql` (statements separated by ';', no ';' inside literals) in one transaction; requires
    /// that it changed something.
    void tamper(const std::string& sql)
    {
        // In plain text: the compressed bodies and entries (schema 8) are read as plain when so.
        sfe::test::storeAsPlainText(storeSession(), [this](const std::string& s) { return this->sql(s); });
        if (onPostgreSQL())
        {
            // A PostgreSQL prepared statement holds one SQL statement: run them one by one.
            Poco::Data::Session session = storeSession();
            std::size_t changed = 0;
            session.begin();
            try
            {
                Poco::StringTokenizer statements(
                    sql, ";", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
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

    /// The id of the statement made for an evidence record.
    std::string statementOf(const std::string& evidenceId)
    {
        start();
        auto list = ok("statements");
        runtime.reset();
        auto statements = list->getArray("statements");
        for (std::size_t i = 0; i < statements->size(); ++i)
        {
            auto s = statements->getObject(static_cast<unsigned>(i));
            if (!s->isNull("evidence") && s->getValue<std::string>("evidence") == evidenceId && s->isNull("voids"))
                return s->getValue<std::string>("id");
        }
        BOOST_FAIL("no statement for evidence " << evidenceId);
        return {};
    }

    /// Edits the statement made for evidence[record] (`set`: the UPDATE's SET clause); returns its id.
    std::string tamperStatement(std::size_t record, const std::string& set)
    {
        const std::string id = statementOf(evidence[record]);
        tamper("UPDATE statements SET " + set + " WHERE id = '" + id + "'");
        return id;
    }

    /// What audit verify says of the statement `id` of evidence[record], in `state`, once edited.
    std::string changed(const std::string& id, const std::string& state, std::size_t record) const
    {
        return "statement " + id + " (" + state + ", evidence " + evidence[record] + ") was changed";
    }

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
    BOOST_TEST(r->getValue<int>("entries") == 7); // 6 records + 1 withdrawal
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
    tamper("DELETE FROM evidence_responsibilities WHERE evidence_id = '" + evidence[4] +
           "';"
           "DELETE FROM statements WHERE evidence_id = '" +
           evidence[4] +
           "';"
           "DELETE FROM evidence WHERE id = '" +
           evidence[4] + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "entry 5 (record " + evidence[4] + ")"), m);
    BOOST_TEST(contains(m, "is missing (deleted)"), m);
}

BOOST_FIXTURE_TEST_CASE(an_inserted_evidence_record_is_named, Tampered)
{
    tamper(
        "INSERT INTO evidence(id, seq, event_id, kind, learner, skill_code, level_number, definition_sha256,"
        " level_text_sha256, verb, outcome, assessor, occurred_at, recorded_at, learner_ref)"
        " SELECT 'f0f0f0f0-0000-4000-8000-000000000099', 99, event_id, kind, learner, skill_code, level_number, definition_sha256,"
        " level_text_sha256, verb, outcome, assessor, occurred_at, recorded_at, learner_ref"
        " FROM evidence WHERE id = '" +
        evidence[0] + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "evidence f0f0f0f0-0000-4000-8000-000000000099 (seq 99) has no entry in the log"), m);
}

BOOST_FIXTURE_TEST_CASE(an_inserted_log_entry_is_named, Tampered)
{
    // A copy of entry 4 slipped in as entry 5, linked to entry 4; the later entries moved up.
    tamper(
        "UPDATE evidence_log SET seq = seq + 1000 WHERE seq >= 5;"
        "UPDATE evidence_log SET seq = seq - 999 WHERE seq > 1000;"
        "INSERT INTO evidence_log(seq, evidence_id, action, content, content_z, content_sha256, chain_hash, logged_at)"
        " SELECT 5, evidence_id, action, content, content_z, content_sha256, chain_hash, logged_at"
        " FROM evidence_log WHERE seq = 4");
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

// The outbox is inside the chain: a statement edited in the store, pending or delivered, is named
// with its evidence (issue 9: it passed audit verify and was delivered with its old signature).

BOOST_FIXTURE_TEST_CASE(an_untouched_store_checks_every_statement, Tampered)
{
    auto r = verify();
    BOOST_TEST(r->getValue<bool>("ok"));
    BOOST_TEST(r->getValue<int>("statements") > 6); // 6 records, 1 voiding, attainments
    BOOST_TEST(r->getValue<int>("statementsMatched") == r->getValue<int>("statements"));
    BOOST_TEST(r->getValue<int>("statementsUnbound") == 0);
}

BOOST_FIXTURE_TEST_CASE(a_pending_statement_with_another_actor_is_named, Tampered)
{
    const std::string id = tamperStatement(2, "body = replace(body, '\"name\":\"u1\"', '\"name\":\"mallory\"')");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, changed(id, "pending", 2)), m);
    BOOST_TEST(contains(m, "entry 3: "), m);
}

BOOST_FIXTURE_TEST_CASE(a_pending_statement_with_another_result_is_named, Tampered)
{
    const std::string id =
        tamperStatement(1, "body = replace(body, '\"completion\":true', '\"completion\":true,\"success\":true')");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, changed(id, "pending", 1)), m);
    BOOST_TEST(contains(m, "its body is not the one logged"), m);
}

BOOST_FIXTURE_TEST_CASE(a_delivered_statement_edited_is_named, Tampered)
{
    const std::string id = tamperStatement(0, "state = 'delivered', delivered_at = '2026-11-20T10:00:00.000Z',"
                                              " body = replace(body, '\"scaled\":1', '\"scaled\":0.99')");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, changed(id, "delivered", 0)), m);
}

BOOST_FIXTURE_TEST_CASE(statements_swapped_between_records_are_named, Tampered)
{
    const std::string first = statementOf(evidence[0]), second = statementOf(evidence[2]);
    // Two updates: a CASE of two literals would be text, which PostgreSQL's uuid column refuses.
    tamper("UPDATE statements SET evidence_id = '" + evidence[2] + "' WHERE id = '" + first + "'");
    tamper("UPDATE statements SET evidence_id = '" + evidence[0] + "' WHERE id = '" + second + "'");
    auto r = verify();
    BOOST_TEST(!r->getValue<bool>("ok"));
    std::string all;
    auto problems = r->getArray("problems");
    for (std::size_t i = 0; i < problems->size(); ++i)
        all += problems->getObject(static_cast<unsigned>(i))->getValue<std::string>("message") + "\n";
    BOOST_TEST(contains(all, "statement " + first + " (pending, evidence " + evidence[2] + ") was changed"), all);
    BOOST_TEST(contains(all, "statement " + second + " (pending, evidence " + evidence[0] + ") was changed"), all);
}

BOOST_FIXTURE_TEST_CASE(a_deleted_statement_is_named, Tampered)
{
    const std::string id = statementOf(evidence[4]);
    tamper("DELETE FROM statements WHERE id = '" + id + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "statement " + id + " is bound here but missing from the outbox"), m);
}

BOOST_FIXTURE_TEST_CASE(an_inserted_statement_is_named, Tampered)
{
    const std::string id = statementOf(evidence[0]);
    tamper(
        "INSERT INTO statements(id, seq, evidence_id, kind, learner, body, state, attempts, next_attempt_at,"
        " created_at) SELECT 'f0f0f0f0-0000-4000-8000-000000000999', 999, evidence_id, kind, learner, body, state, attempts,"
        " next_attempt_at, created_at FROM statements WHERE id = '" +
        id + "'");
    const std::string m = firstMessage();
    BOOST_TEST(contains(m, "statement f0f0f0f0-0000-4000-8000-000000000999 (pending, evidence " + evidence[0] +
                               ") has no entry in the log"),
               m);
}

BOOST_FIXTURE_TEST_CASE(an_erased_learners_statements_still_verify_but_not_edited_ones, Tampered)
{
    start();
    ok("privacy.erase", R"({"person":"u1"})");
    auto r = verify();
    BOOST_TEST(r->getValue<bool>("ok"));
    BOOST_TEST(r->getValue<int>("statementsErased") > 0);
    runtime.reset();
    const std::string id = tamperStatement(2, "body = replace(body, '\"scaled\":1', '\"scaled\":0.5')");
    BOOST_TEST(contains(firstMessage(), changed(id, "pending", 2)));
}

BOOST_FIXTURE_TEST_CASE(statements_made_before_binding_are_counted_not_passed_in_silence, Tampered)
{
    // A store written before statements were bound: no "statements" in its entries, no log_seq.
    start();
    {
        auto& db = runtime->database();
        auto& session = db.session();
        std::string prev = sfe::store::EvidenceLog::kGenesis;
        for (auto& e : sfe::store::EvidenceLog(db).entries(0, 1000))
        {
            std::string content = sfe::service::LogContent::withoutStatements(e.content);
            std::string hash = sfe::store::EvidenceLog::sha256(content);
            std::string chain = sfe::store::EvidenceLog::link(prev, hash);
            Poco::Int64 seq = e.seq;
            session << db.sql(
                "UPDATE evidence_log SET content = ?, content_z = NULL, content_sha256 = ?, chain_hash = ? WHERE seq = ?"),
                Poco::Data::Keywords::use(content), Poco::Data::Keywords::bind(sfe::store::HashColumn::bytes(hash)),
                Poco::Data::Keywords::bind(sfe::store::HashColumn::bytes(chain)), Poco::Data::Keywords::use(seq),
                Poco::Data::Keywords::now;
            prev = chain;
        }
        session << "UPDATE statements SET log_seq = NULL", Poco::Data::Keywords::now;
        session << "UPDATE sequences SET value = 1000 WHERE name = 'statements_bound_from'", Poco::Data::Keywords::now;
    }
    auto r = verify();
    BOOST_TEST(r->getValue<bool>("ok"));
    BOOST_TEST(!r->getValue<bool>("complete"));
    BOOST_TEST(r->getValue<int>("statementsUnbound") == r->getValue<int>("statements"));
    const std::string warning = r->getArray("warnings")->getElement<std::string>(0);
    BOOST_TEST(contains(warning, " statement(s) predate statement binding"), warning);
}

BOOST_FIXTURE_TEST_CASE(a_withdrawn_record_whose_assessor_was_erased_still_verifies, Tampered)
{
    // The withdrawn record (evidence[3]) is u1's completion; withdraw u1's attestation by a1 too,
    // then erase a1: the erasure removes the reason, the log keeps its hash.
    start();
    ok("withdraw", "{\"evidence\":\"" + evidence[2] + "\",\"reason\":\"assessed by mistake\"}");
    ok("privacy.erase", R"({"person":"a1"})");
    auto r = verify();
    BOOST_TEST(r->getValue<bool>("ok"), r->getArray("problems")->size());
    runtime.reset();
    tamper("UPDATE evidence SET withdrawn_reason = NULL WHERE id = '" + withdrawnId + "'");
    BOOST_TEST(contains(firstMessage(), "the withdrawal of " + withdrawnId + " differs"));
}

// A damaged page of the statements table (issue 9: audit verify said OK). SQLite: bytes of the
// table's root page overwritten in the file; PostgreSQL reads every table in full instead.
BOOST_FIXTURE_TEST_CASE(a_damaged_statements_page_is_reported, Tampered)
{
    if (onPostgreSQL())
    {
        BOOST_TEST(verify()->getValue<std::string>("storeCheck") == "every table read in full");
        return;
    }
    sqlite3* db = nullptr;
    BOOST_REQUIRE_EQUAL(sqlite3_open(dbPath().c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master"
                       " WHERE name = 'statements'",
                       -1, &st, nullptr);
    BOOST_REQUIRE_EQUAL(sqlite3_step(st), SQLITE_ROW);
    const long long page = sqlite3_column_int64(st, 0), size = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    {
        std::fstream file(dbPath(), std::ios::in | std::ios::out | std::ios::binary);
        file.seekp((page - 1) * size + 8);
        const std::string garbage(static_cast<std::size_t>(size) - 16, '\x5a');
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
        BOOST_REQUIRE(file.good());
    }
    auto r = verify();
    BOOST_TEST(!r->getValue<bool>("ok"));
    const std::string m = r->getObject("firstProblem")->getValue<std::string>("message");
    BOOST_TEST(contains(m, "the store file is damaged"), m);
}

// Verification in parts (issue 12): audit.verify over consecutive ranges of entries, as `audit
// verify` asks for them to show progress. Together the parts must check exactly what one run does.

namespace {

/// The parts in order, as AuditVerifyCommand asks for them: the first checks the store too, each
/// next one starts after the one before, and the last (past the log's end) checks the rows no
/// entry names, told how many statements the parts before found bound.
std::vector<Poco::JSON::Object::Ptr> verifyInParts(TestPlugin& plugin, long long size, long long first = 1,
                                                   std::optional<long long> checkpoint = std::nullopt)
{
    std::vector<Poco::JSON::Object::Ptr> parts;
    long long from = first, last = 0, bound = 0;
    for (;;)
    {
        Poco::JSON::Object request;
        request.set("from", from);
        if (checkpoint) request.set("checkpoint", *checkpoint);
        const bool rest = !parts.empty() && from > last;
        if (rest)
        {
            request.set("rest", true);
            request.set("boundBefore", bound);
        }
        else
        {
            request.set("to", from + size - 1);
            if (parts.empty() && !checkpoint) request.set("store", true);
        }
        std::ostringstream json;
        request.stringify(json);
        auto r = plugin.ok("audit.verify", json.str());
        parts.push_back(r);
        bound += r->getValue<long long>("statementsBound");
        last = r->getValue<long long>("last");
        if (rest) return parts;
        from = r->getValue<long long>("to") + 1;
    }
}

/// Every problem message of every part, in order.
std::vector<std::string> messagesOf(const std::vector<Poco::JSON::Object::Ptr>& parts)
{
    std::vector<std::string> messages;
    for (const auto& part : parts)
    {
        auto problems = part->getArray("problems");
        for (std::size_t i = 0; i < problems->size(); ++i)
            messages.push_back(problems->getObject(static_cast<unsigned>(i))->getValue<std::string>("message"));
    }
    return messages;
}

bool anyContains(const std::vector<std::string>& messages, const std::string& part)
{
    return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) { return contains(m, part); });
}

} // namespace

BOOST_FIXTURE_TEST_CASE(parts_of_any_size_check_what_one_run_checks, Tampered)
{
    const auto full = verify();
    BOOST_TEST_REQUIRE(full->getValue<bool>("ok"));
    for (long long size = 1; size <= 8; ++size)
    {
        const auto parts = verifyInParts(*this, size);
        long long entries = 0, statements = 0, matched = 0;
        for (const auto& p : parts)
        {
            // The message is built even when the check passes: no front() of an empty list.
            const auto messages = messagesOf({p});
            BOOST_TEST(p->getValue<bool>("ok"),
                       "size " << size << ": " << (messages.empty() ? "no problem listed" : messages.front()));
            entries += p->getValue<long long>("entries");
            statements += p->getValue<long long>("statements");
            matched += p->getValue<long long>("statementsMatched");
        }
        BOOST_TEST(parts.front()->getValue<long long>("entries") == std::min(size, 7LL), "size " << size);
        BOOST_TEST(entries == 7, "size " << size);
        BOOST_TEST(statements == full->getValue<long long>("statements"), "size " << size);
        BOOST_TEST(matched == full->getValue<long long>("statementsMatched"), "size " << size);
        BOOST_TEST(parts.back()->getValue<long long>("evidenceRecords") == 6, "size " << size);
        BOOST_TEST(parts.back()->getValue<std::string>("head") == full->getValue<std::string>("head"), "size " << size);
        BOOST_TEST(parts.front()->getValue<std::string>("storeCheck") == full->getValue<std::string>("storeCheck"));
    }
}

BOOST_FIXTURE_TEST_CASE(a_changed_entry_is_found_by_the_part_that_holds_it, Tampered)
{
    tamper("UPDATE evidence_log SET content = replace(content, '\"level\":3', '\"level\":4') WHERE seq = 4");
    for (long long size = 1; size <= 7; ++size)
    {
        const auto parts = verifyInParts(*this, size);
        for (const auto& p : parts)
        {
            const long long from = p->getValue<long long>("from"), to = p->getValue<long long>("to");
            const bool holds = from <= 4 && 4 <= to;
            BOOST_TEST(p->getValue<bool>("ok") == !holds, "size " << size << ", part " << from << ".." << to);
            if (holds) BOOST_TEST(contains(p->getObject("firstProblem")->getValue<std::string>("message"), "entry 4 "));
        }
    }
}

BOOST_FIXTURE_TEST_CASE(a_broken_link_at_a_part_boundary_is_found_on_both_sides, Tampered)
{
    tamper("UPDATE evidence_log SET chain_hash = '" + std::string(64, 'f') + "' WHERE seq = 3");
    const auto parts = verifyInParts(*this, 3); // 1..3, 4..6, 7, the rest
    BOOST_TEST_REQUIRE(parts.size() >= 2u);
    BOOST_TEST(contains(parts[0]->getObject("firstProblem")->getValue<std::string>("message"),
                        "entry 3 (record " + evidence[2] + "): does not link to the entry before it"));
    BOOST_TEST(contains(parts[1]->getObject("firstProblem")->getValue<std::string>("message"),
                        "entry 4 (record " + evidence[3] + "): does not link to the entry before it"));
}

BOOST_FIXTURE_TEST_CASE(statements_naming_the_wrong_entry_are_found_in_parts, Tampered)
{
    // A statement moved to another entry (log_seq), and one inserted with none.
    const std::string moved = statementOf(evidence[4]);
    const std::string other = statementOf(evidence[0]);
    tamper(
        "UPDATE statements SET log_seq = 2 WHERE id = '" + moved +
        "';"
        "INSERT INTO statements(id, seq, evidence_id, kind, learner, body, state, attempts, next_attempt_at,"
        " created_at) SELECT 'f0f0f0f0-0000-4000-8000-000000000999', 999, evidence_id, kind, learner, body, state, attempts,"
        " next_attempt_at, created_at FROM statements WHERE id = '" +
        other + "'");
    const auto full = verify();
    BOOST_TEST(!full->getValue<bool>("ok"));
    for (long long size : {1LL, 2LL, 7LL})
    {
        const auto parts = verifyInParts(*this, size);
        const auto messages = messagesOf(parts);
        BOOST_TEST(anyContains(messages, "statement " + moved + " (pending, evidence " + evidence[4] +
                                             ") is bound here, but the outbox names entry 2"),
                   "size " << size);
        BOOST_TEST(anyContains(messages, "statement " + moved + " (pending, evidence " + evidence[4] +
                                             ") names entry 2, which does not bind it"),
                   "size " << size);
        BOOST_TEST(anyContains(messages, "statement f0f0f0f0-0000-4000-8000-000000000999 (pending, evidence " +
                                             evidence[0] + ") has no entry in the log"),
                   "size " << size);
        // The same problems as one run finds.
        auto problems = full->getArray("problems");
        BOOST_TEST(messages.size() == problems->size(), "size " << size);
    }
}

BOOST_FIXTURE_TEST_CASE(problems_beyond_the_limit_are_counted_not_dropped, Tampered)
{
    tamper("UPDATE evidence SET outcome = 'not-demonstrated'");
    const auto r = ok("audit.verify", R"({"maxProblems":1})");
    BOOST_TEST(!r->getValue<bool>("ok"));
    BOOST_TEST(r->getArray("problems")->size() == 1u);
    BOOST_TEST(r->getValue<long long>("problemsOmitted") >= 2);
}

BOOST_AUTO_TEST_SUITE_END()
