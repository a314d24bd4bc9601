//
// LeanStoreTest.cpp
//
// Schema 8 (issue 12): statement bodies and log entries are kept compressed (store::StoredText),
// and a store written before it is converted in place when the plugin opens it: it still verifies,
// lists the same evidence and statements, and re-sends byte-identical bodies.
//

#include "PlainText.h"
#include "TestHost.h"

#include "sfe.h"
#include "sfe/runtime/Error.h"
#include "sfe/store/Database.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/OutboxQueue.h"
#include "sfe/store/StoredText.h"
#include "sfe/store/TextEncoder.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/String.h>

#include <boost/test/unit_test.hpp>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <sstream>
#include <thread>

using namespace Poco::Data::Keywords;
using sfe::store::StoredText;
using sfe::test::TestPlugin;

namespace {

std::string text(const Poco::Dynamic::Var& v)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(v, out);
    return out.str();
}

/// What this process writes to its stderr (file descriptor 2) while it lives, kept from the terminal.
class StderrCapture
{
public:
    StderrCapture():
        _file(std::tmpfile()),
        _saved(dup(2))
    {
        std::fflush(stderr);
        dup2(fileno(_file), 2);
    }
    ~StderrCapture()
    {
        restore();
        std::fclose(_file);
    }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;

    /// Everything written so far; stderr is the process's own again from here on.
    std::string text()
    {
        restore();
        std::string written;
        std::rewind(_file);
        for (int c; (c = std::fgetc(_file)) != EOF;) written += static_cast<char>(c);
        return written;
    }

private:
    void restore()
    {
        if (_saved < 0) return;
        std::fflush(stderr);
        dup2(_saved, 2);
        close(_saved);
        _saved = -1;
    }

    std::FILE* _file;
    int _saved;
};

struct Recorded: TestPlugin
{
    Recorded()
    {
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"c1","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
        for (int i = 0; i < 4; ++i)
        {
            ok("attest", "{\"learner\":\"u" + std::to_string(i) +
                             "\",\"assessor\":\"a1\",\"responsibility\":\"CSMG-3.2\",\"note\":\"gut\"}");
            auto c = ok("complete", "{\"learner\":\"u" + std::to_string(i) + "\",\"activity\":\"c1\"}");
            completions.push_back(c->getArray("evidence")->getElement<std::string>(0));
        }
        ok("withdraw", "{\"evidence\":\"" + completions[1] + "\",\"reason\":\"wrong learner\"}");
    }

    /// What a user sees: the evidence list and every statement (id, state, body) in outbox order.
    std::pair<std::string, std::string> listings()
    {
        return {text(ok("evidence")->get("evidence")), text(ok("statements")->get("statements"))};
    }

    /// The bodies the sender would post now, by statement id.
    std::map<std::string, std::string> due()
    {
        sfe::store::OutboxQueue queue(runtime->database());
        std::map<std::string, std::string> bodies;
        for (const auto& p : queue.fetchDue(1000, std::chrono::system_clock::now() + std::chrono::hours(1)))
            bodies[p.id] = p.json + "\n" + p.signature;
        queue.releaseLease();
        return bodies;
    }

    long long count(const std::string& sql)
    {
        Poco::Int64 n = 0;
        runtime->database().session() << sql, into(n), now;
        return n;
    }

    /// Turns the store into the one the plugin before schema 8 wrote: the same texts in the text
    /// columns, no _z columns, the two dropped indexes back, prev_hash stored, no later table or index, schema
    /// version 7.
    void downgradeToVersion7()
    {
        runtime.reset();
        Poco::Data::Session session = storeSession();
        indexesBeforeVersion14(session);
        sfe::test::storeAsPlainText(session, [this](const std::string& s) { return sql(s); });
        for (const char* statement :
             {"ALTER TABLE statements DROP COLUMN body_z", "ALTER TABLE evidence_log DROP COLUMN content_z",
              "CREATE INDEX evidence_event ON evidence(event_id)",
              "CREATE INDEX evidence_learner_ref ON evidence(learner_ref)", "DROP TABLE pull_cursor",
              "DROP TABLE text_dictionaries", "DROP INDEX verifications_auditor",
              "DELETE FROM schema_migrations WHERE version >= 8"})
            session << statement, now;
        // The hashes as hex digits again (schema 12 keeps their bytes), prev_hash and received_at stored.
        const std::vector<std::pair<const char*, std::vector<const char*>>> hashes = {
            {"evidence_log", {"content_sha256", "chain_hash"}},
            {"evidence", {"level_text_sha256", "learner_ref", "assessor_ref", "note_sha256"}}};
        for (const auto& [table, columns] : hashes)
            for (const std::string column : columns)
                session << (onPostgreSQL() ? "ALTER TABLE " + std::string(table) + " ALTER COLUMN " + column +
                                                 " TYPE VARCHAR(64) USING ENCODE(" + column + ", 'hex')"
                                           : "UPDATE " + std::string(table) + " SET " + column + " = LOWER(HEX(" +
                                                 column + ")) WHERE " + column + " IS NOT NULL"),
                    now;
        if (onPostgreSQL()) idsAsText(session);
        session << "ALTER TABLE lms_events ADD COLUMN received_at VARCHAR(24) NOT NULL DEFAULT ''", now;
        session << "ALTER TABLE evidence_log ADD COLUMN prev_hash VARCHAR(64) NOT NULL DEFAULT ''", now;
        session << "UPDATE evidence_log SET prev_hash = COALESCE((SELECT p.chain_hash FROM evidence_log p"
                   " WHERE p.seq = evidence_log.seq - 1), '" +
                       std::string(64, '0') + "')",
            now;
    }

    /// The indexes as before schema 14: statements_due over every statement, no statements_held, and
    /// on PostgreSQL the covering evidence_progress of schema 5 and statements_learner by (learner, seq).
    void indexesBeforeVersion14(Poco::Data::Session& session)
    {
        for (const char* statement : {"DROP INDEX statements_held", "DROP INDEX statements_due",
                                      "CREATE INDEX statements_due ON statements(state, next_attempt_at, seq)"})
            session << statement, now;
        if (onPostgreSQL())
            for (const char* statement :
                 {"DROP INDEX evidence_progress",
                  "CREATE INDEX evidence_progress ON evidence(learner, skill_code, level_number, seq, id, kind, verb,"
                  " outcome, activity_id, withdrawn_at, occurred_at)",
                  "DROP INDEX statements_learner", "CREATE INDEX statements_learner ON statements(learner, seq)"})
                session << statement, now;
    }

    /// PostgreSQL: the id columns as VARCHAR(36) again, as before schema 13 (which makes them uuid),
    /// with the foreign keys to evidence(id) made again around the change.
    static void idsAsText(Poco::Data::Session& session)
    {
        const std::vector<std::string> referencing = {"evidence_responsibilities", "statements", "verifications"};
        for (const std::string& t : referencing)
            session << "ALTER TABLE " + t + " DROP CONSTRAINT " + t + "_evidence_id_fkey", now;
        for (const char* alter :
             {"evidence ALTER COLUMN id TYPE VARCHAR(36)",
              "evidence_responsibilities ALTER COLUMN evidence_id TYPE VARCHAR(36)",
              "statements ALTER COLUMN id TYPE VARCHAR(36), ALTER COLUMN evidence_id TYPE VARCHAR(36),"
              " ALTER COLUMN voids_statement_id TYPE VARCHAR(36)",
              "evidence_log ALTER COLUMN evidence_id TYPE VARCHAR(36)",
              "verifications ALTER COLUMN evidence_id TYPE VARCHAR(36)"})
            session << "ALTER TABLE " + std::string(alter), now;
        for (const std::string& t : referencing)
            session << "ALTER TABLE " + t + " ADD CONSTRAINT " + t +
                           "_evidence_id_fkey FOREIGN KEY (evidence_id) REFERENCES evidence(id)",
                now;
    }

    std::vector<std::string> completions;
};

} // namespace

BOOST_AUTO_TEST_SUITE(lean_store)

BOOST_AUTO_TEST_CASE(stored_text_round_trips_byte_for_byte_and_its_dictionary_never_changes)
{
    for (const std::string& s : {std::string(), std::string("{\"a\":\"\xc3\xa4\\u0000\"}"), std::string(100000, 'x'),
                                 std::string("\x00\x01\xff", 3)})
        BOOST_TEST(StoredText::decode(StoredText::encode(s), "test") == s);
    // Rows encoded with version 1 must decode for ever: its dictionary is pinned.
    BOOST_TEST(sfe::store::EvidenceLog::sha256(StoredText::dictionary(1)) ==
               "b7824fbd67f2a09c47e2c17fd838ef40c0a5eae91cb53e88e5c1a0e595cb6abd");
    BOOST_CHECK_THROW(StoredText::decode(std::string("\x02xyz"), "test"), std::exception);
    BOOST_CHECK_THROW(StoredText::decode(std::string("\x01garbage"), "test"), std::exception);
}

BOOST_AUTO_TEST_CASE(a_text_encoder_gives_the_bytes_encode_gives_in_the_order_added)
{
    // On a thread of its own or on the caller's: the same bytes, taken in parts, texts added while
    // earlier ones are encoded; the caller's copies may change after add().
    auto known = StoredText::dictionary(9, StoredText::dictionary(1) + "\"Kundenservice 4: Ermöglichen\"");
    for (bool background : {true, false})
    {
        sfe::store::TextEncoder encoder(background);
        std::vector<std::string> texts;
        for (std::size_t i = 0; i < 60; ++i)
        {
            texts.push_back("{\"id\":\"" + std::to_string(i) + "\",\"name\":\"Kundenservice " +
                            std::string(i % 7, 'x') + "\"}");
            std::string copy = texts.back();
            BOOST_TEST(encoder.add(copy, i % 2 ? known.get() : nullptr) == i);
            copy.assign("changed");
        }
        BOOST_TEST(encoder.size() == 60u);
        std::vector<std::string> encoded = encoder.take(0, 25);
        for (std::size_t i = 60; i < 70; ++i)
        {
            texts.push_back(std::string(i, 'y'));
            encoder.add(texts.back(), nullptr);
        }
        for (std::string& bytes : encoder.take(25, 70)) encoded.push_back(std::move(bytes));
        BOOST_TEST_REQUIRE(encoded.size() == texts.size());
        for (std::size_t i = 0; i < texts.size(); ++i)
            BOOST_TEST(encoded[i] == StoredText::encode(texts[i], i < 60 && i % 2 ? known.get() : nullptr));
        BOOST_CHECK_THROW(encoder.take(60, 71), std::exception); // past what was added
        BOOST_TEST(encoder.take(3, 3).empty());
    }
    // Destroyed with texts still waiting: it stops without them.
    sfe::store::TextEncoder unfinished(true);
    for (int i = 0; i < 200; ++i) unfinished.add(std::string(5000, 'z'), nullptr);
}

BOOST_AUTO_TEST_CASE(encode_gives_what_a_fresh_zlib_stream_gives_whichever_dictionaries_came_before)
{
    // encode() starts each text from a copy of a stream primed with its dictionary, kept per thread
    // for the last few dictionaries used: the bytes must be those of a stream set up for that text
    // alone, whatever was encoded before, with more dictionaries in turn than it keeps, on any thread.
    const auto fresh = [](const std::string& text, const std::string& dictionary) {
        z_stream z{};
        BOOST_TEST_REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
        deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()),
                             static_cast<uInt>(dictionary.size()));
        std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
        z.avail_in = static_cast<uInt>(text.size());
        z.next_out = reinterpret_cast<Bytef*>(&out[0]);
        z.avail_out = static_cast<uInt>(out.size());
        BOOST_TEST_REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
        out.resize(out.size() - z.avail_out);
        deflateEnd(&z);
        return out;
    };
    std::vector<std::shared_ptr<const StoredText::Dictionary>> dictionaries;
    for (int i = 0; i < 7; ++i)
        dictionaries.push_back(StoredText::dictionary(
            20 + i, StoredText::dictionary(1) + "\"Kundenservice " + std::to_string(i) + ": " +
                        std::string(static_cast<std::size_t>(600 * i), static_cast<char>('a' + i)) + "\""));
    const auto check = [&] {
        for (int round = 0; round < 3; ++round)
            for (std::size_t i = 0; i < dictionaries.size() + 1; ++i)
            {
                // The last turn of each round uses the built-in dictionary (version 1).
                const StoredText::Dictionary* d = i < dictionaries.size() ? dictionaries[i].get() : nullptr;
                const std::string body = "{\"text\":\"Kundenservice " + std::to_string(i) + ": " +
                                         std::string(40 * (i + 1), static_cast<char>('a' + i)) +
                                         "\",\"round\":" + std::to_string(round) + "}";
                const std::string encoded = StoredText::encode(body, d);
                const std::string expected = fresh(body, d ? d->bytes : StoredText::dictionary(1));
                BOOST_TEST_REQUIRE(encoded.size() > expected.size());
                BOOST_TEST(encoded.substr(encoded.size() - expected.size()) == expected);
                BOOST_TEST(encoded.size() - expected.size() == (d ? 6u : 1u)); // version, id, CRC-32
            }
    };
    check();
    std::thread other(check); // a thread with no primed stream yet
    other.join();
}

BOOST_AUTO_TEST_CASE(a_cut_or_padded_stored_text_is_refused_and_the_next_one_still_decodes)
{
    // decode() reuses one inflate stream per thread: a damaged value must not leave it unusable.
    const std::string text = "{\"action\":\"record\",\"evidence\":\"" + std::string(3000, 'e') + "\"}";
    const std::string encoded = StoredText::encode(text);
    BOOST_CHECK_THROW(StoredText::decode(encoded.substr(0, encoded.size() / 2), "test"), std::exception);
    BOOST_CHECK_THROW(StoredText::decode(encoded + "x", "test"), std::exception);
    BOOST_TEST(StoredText::decode(encoded, "test") == text);
    std::string into(10, 'z');
    StoredText::decode(encoded.data(), encoded.size(), into, [] { return std::string("test"); });
    BOOST_TEST(into == text);
}

BOOST_FIXTURE_TEST_CASE(new_statements_and_log_entries_are_stored_compressed, Recorded)
{
    // Every row's text is in its _z column, at well under half its size.
    BOOST_TEST(count("SELECT COUNT(*) FROM statements WHERE body_z IS NULL OR body <> ''") == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM evidence_log WHERE content_z IS NULL OR content <> ''") == 0);
    std::vector<Poco::Data::BLOB> blobs;
    runtime->database().session() << "SELECT body_z FROM statements", into(blobs), now;
    BOOST_TEST_REQUIRE(!blobs.empty());
    for (const auto& b : blobs)
    {
        const std::string body =
            StoredText::decode(std::string(reinterpret_cast<const char*>(b.rawContent()), b.size()), "s");
        BOOST_TEST(b.size() * 2 < body.size());
    }
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));
}

BOOST_FIXTURE_TEST_CASE(a_batch_whose_bodies_are_compressed_on_another_thread_keeps_each_body_with_its_statement,
                        Recorded)
{
    // 30 events in one call: their bodies are encoded on a thread of their own as they are made,
    // and half the log entries too (store::TextEncoder); each row must hold its own statement's body.
    // Four learners demonstrate all of level 3 in it: their "achieved" statements are made after the
    // others (attainment is settled last) and queued then.
    std::string events;
    for (int i = 0; i < 10; ++i)
        events += std::string(events.empty() ? "" : ",") + "{\"type\":\"completion\",\"eventId\":\"batch-" +
                  std::to_string(i) + "\",\"learner\":\"b" + std::to_string(i) + "\",\"activity\":\"c1\"}";
    for (int i = 0; i < 4; ++i)
        for (int r = 1; r <= 5; ++r)
            events += ",{\"type\":\"attestation\",\"eventId\":\"batch-" + std::to_string(i) + "-" + std::to_string(r) +
                      "\",\"learner\":\"b" + std::to_string(i) + "\",\"assessor\":\"a1\",\"responsibility\":\"CSMG-3." +
                      std::to_string(r) + "\"}";
    ok("record", "{\"events\":[" + events + "]}");
    BOOST_TEST(count("SELECT COUNT(*) FROM statements WHERE kind = 'level-achieved' AND learner LIKE 'b%'") == 4);
    std::vector<std::string> ids;
    std::vector<Poco::Data::BLOB> blobs;
    runtime->database().session() << "SELECT id, body_z FROM statements ORDER BY seq", into(ids), into(blobs), now;
    BOOST_TEST_REQUIRE(ids.size() >= 34 + sfe::store::TextEncoder::kBackgroundFrom);
    for (std::size_t i = 0; i < ids.size(); ++i)
    {
        const std::string body =
            StoredText::decode(std::string(reinterpret_cast<const char*>(blobs[i].rawContent()), blobs[i].size()), "s");
        BOOST_TEST(body.find("\"id\":\"" + ids[i] + "\"") != std::string::npos, "statement " << ids[i]);
    }
    // The log bound each statement by the hash of the body it was made with.
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));
}

BOOST_FIXTURE_TEST_CASE(texts_use_the_stores_dictionary_which_never_changes_and_old_versions_still_decode, Recorded)
{
    // The import wrote one dictionary (one skill); every body and log entry of a record uses it.
    BOOST_TEST(count("SELECT COUNT(*) FROM text_dictionaries") == 1);
    auto& db = runtime->database();
    auto firstBytes = [&db](const std::string& column, const std::string& table) {
        std::vector<Poco::Data::BLOB> blobs;
        db.session() << "SELECT " + column + " FROM " + table, into(blobs), now;
        std::set<int> versions;
        for (const auto& b : blobs) versions.insert(b.size() ? b.rawContent()[0] : -1);
        return versions;
    };
    // (A voiding statement names no skill: it keeps the built-in dictionary.)
    BOOST_TEST((firstBytes("body_z", "statements WHERE voids_statement_id IS NULL") == std::set<int>{2}));
    BOOST_TEST((firstBytes("body_z", "statements WHERE voids_statement_id IS NOT NULL") == std::set<int>{1}));
    BOOST_TEST(firstBytes("content_z", "evidence_log").count(2) == 1);

    // The plugin cannot change or remove a dictionary once written (rows name it).
    BOOST_CHECK_THROW((db.session() << "UPDATE text_dictionaries SET bytes = bytes", now), std::exception);
    BOOST_CHECK_THROW((db.session() << "DELETE FROM text_dictionaries", now), std::exception);
    BOOST_TEST(count("SELECT COUNT(*) FROM text_dictionaries") == 1);

    // Values written with version 1 (before schema 10) read as before, next to version 2 ones.
    const auto before = listings();
    const auto dueBefore = due();
    for (const auto& [table, column, text] :
         {std::make_tuple("statements", "body_z", "body"), std::make_tuple("evidence_log", "content_z", "content")})
    {
        std::vector<Poco::Int64> seqs;
        std::vector<Poco::Data::BLOB> blobs;
        db.session() << std::string("SELECT seq, ") + column + " FROM " + table + " ORDER BY seq", into(seqs),
            into(blobs), now;
        BOOST_TEST_REQUIRE(seqs.size() >= 2);
        for (std::size_t i = 0; i < seqs.size(); i += 2)
        {
            const std::string plain = StoredText::decode(
                std::string(reinterpret_cast<const char*>(blobs[i].rawContent()), blobs[i].size()), text);
            Poco::Data::BLOB v1 = StoredText::blob(StoredText::encode(plain));
            BOOST_TEST_REQUIRE(v1.rawContent()[0] == 1);
            db.session() << db.sql(std::string("UPDATE ") + table + " SET " + column + " = ? WHERE seq = ?"), use(v1),
                use(seqs[i]), now;
        }
    }
    BOOST_TEST(firstBytes("body_z", "statements").count(1) == 1);
    BOOST_TEST((listings() == before));
    BOOST_TEST((due() == dueBefore));
    auto verified = ok("audit.verify");
    BOOST_TEST(verified->getValue<bool>("ok"), text(verified));
}

BOOST_AUTO_TEST_CASE(a_value_names_its_dictionary_and_decodes_only_with_that_one)
{
    const std::string body = R"({"skill":"X","definition":"d","text":"Kundenservice 3: Anwenden"})";
    auto known = StoredText::dictionary(7, StoredText::dictionary(1) + "\"Kundenservice 3: Anwenden\"");
    StoredText::remember(known);
    const std::string encoded = StoredText::encode(body, known.get());
    BOOST_TEST(static_cast<int>(encoded[0]) == 2);
    BOOST_TEST(static_cast<int>(encoded[1]) == 7);
    BOOST_TEST(StoredText::decode(encoded, "test") == body);
    BOOST_TEST(encoded.size() < StoredText::encode(body).size());
    // A dictionary this process was never given is named, not guessed.
    auto unknown = StoredText::dictionary(8, "never remembered");
    BOOST_CHECK_THROW(StoredText::decode(StoredText::encode(body, unknown.get()), "test"), std::exception);
}

BOOST_FIXTURE_TEST_CASE(a_store_written_before_schema_8_is_converted_and_keeps_every_guarantee, Recorded)
{
    const auto before = listings();
    const auto dueBefore = due();
    BOOST_TEST_REQUIRE(!dueBefore.empty());
    downgradeToVersion7();

    {
        // The host's stderr is the host's: the migrations write nothing there (PostgreSQL's notices,
        // such as "relation schema_migrations already exists, skipping", went there through libpq).
        StderrCapture stderrDuring;
        start(); // opens the store: migrations 8 to the last run
        BOOST_TEST(stderrDuring.text() == "");
    }
    BOOST_TEST(runtime->database().schemaVersion() >= 8);
    BOOST_TEST(count("SELECT COUNT(*) FROM statements WHERE body_z IS NULL OR body <> ''") == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM evidence_log WHERE content_z IS NULL OR content <> ''") == 0);
    // Schema 12: the hashes the store computed are kept as their 32 bytes.
    BOOST_TEST(count("SELECT COUNT(*) FROM evidence_log WHERE LENGTH(content_sha256) <> 32 OR"
                     " LENGTH(chain_hash) <> 32") == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM evidence WHERE LENGTH(level_text_sha256) <> 32 OR"
                     " LENGTH(learner_ref) <> 32") == 0);
    auto verified = ok("audit.verify");
    BOOST_TEST(verified->getValue<bool>("ok"), text(verified));
    const auto after = listings();
    BOOST_TEST(after.first == before.first);
    BOOST_TEST(after.second == before.second);
    BOOST_TEST(due() == dueBefore); // the sender posts the very bytes recorded

    // The converted store takes new evidence on the same chain, and a repeated event still counts once.
    ok("complete", R"({"eventId":"late-1","learner":"u9","activity":"c1"})");
    auto again = ok("complete", R"({"eventId":"late-1","learner":"u9","activity":"c1"})");
    BOOST_TEST(again->getValue<bool>("duplicate"));
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));
}

BOOST_FIXTURE_TEST_CASE(a_hash_edited_before_schema_12_is_still_named_after_the_migration, Recorded)
{
    downgradeToVersion7();
    storeSession() << "UPDATE evidence_log SET chain_hash = 'edited' WHERE seq = 2", now;

    start(); // migrations 8 to 12: the hex hashes become bytes; a value that is not one keeps its own
    BOOST_TEST(count("SELECT COUNT(*) FROM evidence_log WHERE LENGTH(chain_hash) <> 32") == 1);
    auto r = ok("audit.verify");
    BOOST_TEST(!r->getValue<bool>("ok"));
    const std::string m = r->getObject("firstProblem")->getValue<std::string>("message");
    BOOST_TEST(m.rfind("entry 2 (", 0) == 0, m);
    BOOST_TEST(m.find("does not link to the entry before it") != std::string::npos, m);
}

// On PostgreSQL the ids of evidence and statements are of type uuid (schema 13), which refuses other
// text; an id given from outside that cannot be one is simply not found, on either store, and the
// session goes on.
BOOST_FIXTURE_TEST_CASE(an_id_that_cannot_be_stored_is_not_found_and_the_session_goes_on, Recorded)
{
    const std::string upper = Poco::toUpper(completions[0]);
    for (const std::string& id : {std::string("not-a-uuid"), std::string(), upper, completions[0] + "0"})
    {
        // Not found; an empty id may also be refused as invalid input. Never a store error.
        const auto notFound = [&id](const sfe::plugin::EvidencePlugin::Result& r) {
            return r.status == SFE_NOTFOUND || (id.empty() && r.status == SFE_INVALID);
        };
        auto shown = call("evidence.show", "{\"evidence\":\"" + id + "\"}");
        BOOST_TEST(notFound(shown), id << ": " << shown.status << " " << shown.message);
        auto withdrawn = call("withdraw", "{\"evidence\":\"" + id + "\",\"reason\":\"x\"}");
        BOOST_TEST(notFound(withdrawn), id << ": " << withdrawn.status << " " << withdrawn.message);
        auto retried = call("retry", "{\"id\":\"" + id + "\"}");
        BOOST_TEST(notFound(retried), id << ": " << retried.status << " " << retried.message);
    }
    // A privacy.export cursor naming a record id no page gave is refused as input, never a store error.
    auto paged = call("privacy.export", R"({"person":"a1","limit":1,"after":"v2025-01-01T00:00:00.000Z,not-a-uuid"})");
    BOOST_TEST(paged.status == SFE_INVALID, paged.status << " " << paged.message);
    // The same session still reads and writes.
    BOOST_TEST(ok("evidence.show", "{\"evidence\":\"" + completions[0] + "\"}")
                   ->getObject("evidence")
                   ->getValue<std::string>("id") == completions[0]);
    ok("complete", R"({"eventId":"after-bad-ids","learner":"u9","activity":"c1"})");
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));
    if (onPostgreSQL())
        BOOST_TEST(count("SELECT COUNT(*) FROM information_schema.columns WHERE data_type = 'uuid' AND"
                         " table_name IN ('evidence', 'statements', 'evidence_log', 'evidence_responsibilities',"
                         " 'verifications')") == 7);
}

// A store someone edited so that an id is no UUID cannot be converted without changing the value:
// migration 13 stops, names the value and where it is, and leaves the store as it was.
BOOST_FIXTURE_TEST_CASE(an_edited_id_stops_the_uuid_migration_and_names_the_row, Recorded)
{
    if (!onPostgreSQL()) return; // SQLite keeps its ids as text: nothing to convert
    runtime.reset();
    {
        Poco::Data::Session session = storeSession();
        indexesBeforeVersion14(session);
        idsAsText(session);
        session << "DELETE FROM schema_migrations WHERE version >= 13", now;
        session << "UPDATE evidence_log SET evidence_id = 'edited' WHERE seq = 3", now;
    }
    BOOST_CHECK_EXCEPTION(start(), sfe::runtime::Error, [](const sfe::runtime::Error& e) {
        const std::string m = e.message();
        BOOST_TEST(e.status() == SFE_STORE);
        BOOST_TEST(m.find("to version 13: evidence_log.evidence_id of the row with seq 3 is 'edited'") !=
                       std::string::npos,
                   m);
        return true;
    });
    runtime.reset();
    Poco::Int64 version = 0, text = 0;
    Poco::Data::Session session = storeSession();
    session << "SELECT MAX(version) FROM schema_migrations", into(version), now;
    session << "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'evidence' AND column_name = 'id'"
               " AND data_type = 'character varying'",
        into(text), now;
    BOOST_TEST(version == 12);
    BOOST_TEST(text == 1); // nothing was changed
}

// Schema 14: statements_due holds the statements still to send and statements_held the quarantined
// ones. What the outbox and the listings say is as before, and the sender's and `outbox`'s queries
// can use those indexes (on SQLite only a query naming the state as a literal can).
BOOST_FIXTURE_TEST_CASE(the_outbox_indexes_hold_statements_to_send_or_held_and_the_counts_stay_right, Recorded)
{
    const long long all = count("SELECT COUNT(*) FROM statements");
    {
        sfe::store::OutboxQueue queue(runtime->database());
        const auto now = std::chrono::system_clock::now();
        auto due = queue.fetchDue(1000, now + std::chrono::hours(1));
        BOOST_REQUIRE_EQUAL(static_cast<long long>(due.size()), all);
        queue.markDelivered({due[0].id, due[1].id}, now);
        queue.quarantine(due[2].id, "held by the test", now);
        queue.releaseLease();
        auto outbox = ok("outbox");
        auto counts = outbox->getObject("counts");
        BOOST_TEST(counts->getValue<long long>("pending") == all - 3);
        BOOST_TEST(counts->getValue<long long>("delivered") == 2);
        BOOST_TEST(counts->getValue<long long>("quarantined") == 1);
        auto held = outbox->getArray("quarantined");
        BOOST_REQUIRE_EQUAL(held->size(), 1u);
        BOOST_TEST(held->getObject(0)->getValue<std::string>("id") == due[2].id);
        BOOST_TEST(held->getObject(0)->getValue<std::string>("reason") == "held by the test");
        BOOST_TEST(ok("statements", R"({"state":"delivered"})")->getArray("statements")->size() == 2u);
        // A learner and a state together: u3's pending statements (the first three were u0's and u1's), a page
        // at a time.
        const long long u3 = count("SELECT COUNT(*) FROM statements WHERE learner = 'u3' AND state = 'pending'");
        BOOST_REQUIRE(u3 >= 2);
        auto first = ok("statements", R"({"learner":"u3","state":"pending","limit":1})");
        BOOST_TEST(first->getArray("statements")->size() == 1u);
        const std::string next = first->getValue<std::string>("next");
        auto rest = ok("statements", R"({"learner":"u3","state":"pending","after":")" + next + "\"}");
        BOOST_TEST(static_cast<long long>(rest->getArray("statements")->size()) == u3 - 1);
        BOOST_TEST(ok("statements", R"({"state":"quarantined"})")->getArray("statements")->size() == 1u);
    }
    BOOST_TEST(ok("retry", R"({"all":true})")->getValue<int>("retried") == 1);
    auto counts = ok("outbox")->getObject("counts");
    BOOST_TEST(counts->getValue<long long>("pending") == all - 2);
    BOOST_TEST(counts->getValue<long long>("quarantined") == 0);

    Poco::Data::Session session = storeSession();
    if (onPostgreSQL())
    {
        std::vector<std::string> names, definitions;
        session << "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN"
                   " ('statements_due', 'statements_held', 'evidence_progress', 'statements_learner')"
                   " ORDER BY indexname",
            into(names), into(definitions), now;
        BOOST_REQUIRE_EQUAL(names.size(), 4u);
        BOOST_TEST(definitions[0].find("(learner, skill_code)") != std::string::npos, definitions[0]);
        BOOST_TEST(definitions[1].find("(next_attempt_at, seq) WHERE ((state)::text = 'pending'::text)") !=
                       std::string::npos,
                   definitions[1]);
        BOOST_TEST(definitions[2].find("(seq) WHERE ((state)::text = 'quarantined'::text)") != std::string::npos,
                   definitions[2]);
        BOOST_TEST(definitions[3].find("(learner)") != std::string::npos, definitions[3]);
        return;
    }
    // SQLite: the indexes are partial, and the plans of the state queries name them.
    std::string due;
    session << "SELECT sql FROM sqlite_master WHERE name = 'statements_due'", into(due), now;
    BOOST_TEST(due.find("(next_attempt_at, seq) WHERE state = 'pending'") != std::string::npos, due);
    const std::vector<std::pair<std::string, std::string>> plans = {
        {"SELECT seq FROM statements WHERE state = 'pending' AND next_attempt_at <= '9' ORDER BY seq LIMIT 10",
         "statements_due"},
        {"SELECT MIN(next_attempt_at) FROM statements WHERE state = 'pending'", "statements_due"},
        {"SELECT seq FROM statements WHERE seq > 0 AND state = 'quarantined' ORDER BY seq LIMIT 10", "statements_held"},
        {"SELECT COUNT(*) FROM statements WHERE state = 'quarantined'", "statements_held"},
    };
    for (const auto& [query, index] : plans)
    {
        std::vector<int> ids, parents, unused;
        std::vector<std::string> details;
        session << "EXPLAIN QUERY PLAN " + query, into(ids), into(parents), into(unused), into(details), now;
        std::string plan;
        for (const auto& d : details) plan += d + "; ";
        BOOST_TEST(plan.find("INDEX " + index) != std::string::npos, query << ": " << plan);
    }
}

BOOST_AUTO_TEST_SUITE_END()
