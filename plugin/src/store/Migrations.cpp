//
// Migrations.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/Migrations.h"

#include "sfe/runtime/Error.h"
#include "sfe/store/Database.h"
#include "sfe/store/StoredText.h"
#include "sfe/store/TextDictionaries.h"

#include "sfe.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/SQLite/Utility.h>

#include <sqlite3.h>

#include <limits>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

// Version 1: definitions. A definition version is one imported document, identified by the
// SHA-256 of its bytes. Versions are never deleted: evidence refers to the version it was
// recorded against. current_skills says which version of each skill is in use.
// Localised texts are stored as JSON objects {"de-DE": "..."}.
Migration definitions()
{
    return {1,
            "definition versions, skills, levels, responsibilities",
            {
                "CREATE TABLE sequences ("
                "  name VARCHAR(32) PRIMARY KEY,"
                "  value BIGINT NOT NULL)",

                "CREATE TABLE definition_versions ("
                "  content_sha256 VARCHAR(64) PRIMARY KEY,"
                "  import_seq BIGINT NOT NULL UNIQUE,"
                "  framework_name TEXT NOT NULL,"
                "  framework_version TEXT NOT NULL,"
                "  language VARCHAR(35) NOT NULL,"
                "  framework_title TEXT NOT NULL,"
                "  source_url TEXT NOT NULL,"
                "  copyright TEXT NOT NULL,"
                "  licence TEXT NOT NULL,"
                "  source_name TEXT NOT NULL,"
                "  document TEXT NOT NULL,"
                "  imported_at VARCHAR(24) NOT NULL)",

                "CREATE TABLE skills ("
                "  definition_sha256 VARCHAR(64) NOT NULL REFERENCES definition_versions(content_sha256),"
                "  code VARCHAR(16) NOT NULL,"
                "  name TEXT NOT NULL,"
                "  description TEXT NOT NULL,"
                "  guidance_notes TEXT NOT NULL,"
                "  activities_intro TEXT NOT NULL,"
                "  activities TEXT NOT NULL,"
                "  development_intro TEXT NOT NULL,"
                "  lower_levels_not_defined TEXT,"
                "  PRIMARY KEY (definition_sha256, code))",

                "CREATE TABLE levels ("
                "  definition_sha256 VARCHAR(64) NOT NULL,"
                "  skill_code VARCHAR(16) NOT NULL,"
                "  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 7),"
                "  defined INTEGER NOT NULL CHECK (defined IN (0, 1)),"
                "  guiding_phrase TEXT NOT NULL,"
                "  essence TEXT NOT NULL,"
                "  development_guidance TEXT NOT NULL,"
                "  not_defined TEXT,"
                "  text_sha256 VARCHAR(64) NOT NULL,"
                "  PRIMARY KEY (definition_sha256, skill_code, number),"
                "  FOREIGN KEY (definition_sha256, skill_code) REFERENCES skills(definition_sha256, code))",

                "CREATE TABLE responsibilities ("
                "  definition_sha256 VARCHAR(64) NOT NULL,"
                "  id VARCHAR(32) NOT NULL,"
                "  skill_code VARCHAR(16) NOT NULL,"
                "  level_number INTEGER NOT NULL,"
                "  position INTEGER NOT NULL,"
                "  text TEXT NOT NULL,"
                "  text_sha256 VARCHAR(64) NOT NULL,"
                "  PRIMARY KEY (definition_sha256, id),"
                "  FOREIGN KEY (definition_sha256, skill_code, level_number)"
                "    REFERENCES levels(definition_sha256, skill_code, number))",

                "CREATE TABLE current_skills ("
                "  code VARCHAR(16) PRIMARY KEY,"
                "  definition_sha256 VARCHAR(64) NOT NULL,"
                "  since VARCHAR(24) NOT NULL,"
                "  FOREIGN KEY (definition_sha256, code) REFERENCES skills(definition_sha256, code))",
            }};
}

// Version 2: mappings, evidence and the statement outbox.
// - An activity is what the LMS offers (course, module, assessment, workplace task), known by its
//   LMS id or IRI. A mapping links it to one level of one skill in one definition version,
//   optionally to some of that level's responsibilities; the responsibility's text hash is kept
//   so a new definition version can flag mappings whose text changed.
// - lms_events makes event delivery idempotent: an event id is recorded once.
// - evidence rows are never deleted; withdrawal marks them.
// - statements is the outbox: a statement is written in the same transaction as its evidence,
//   with its final id and body, and stays after delivery (state 'delivered') for audit.
Migration evidence()
{
    return {2,
            "activities, mappings, LMS events, evidence, statement outbox",
            {
                "CREATE TABLE activities ("
                "  id TEXT PRIMARY KEY,"
                "  iri TEXT NOT NULL UNIQUE,"
                "  name TEXT NOT NULL,"
                "  type VARCHAR(16) NOT NULL CHECK (type IN ('course', 'module', 'assessment', 'task')),"
                "  created_at VARCHAR(24) NOT NULL)",

                "CREATE TABLE mappings ("
                "  id VARCHAR(36) PRIMARY KEY,"
                "  activity_id TEXT NOT NULL REFERENCES activities(id),"
                "  skill_code VARCHAR(16) NOT NULL,"
                "  level_number INTEGER NOT NULL,"
                "  definition_sha256 VARCHAR(64) NOT NULL,"
                "  created_at VARCHAR(24) NOT NULL,"
                "  removed_at VARCHAR(24),"
                "  flagged_at VARCHAR(24),"
                "  flag_reason TEXT,"
                "  FOREIGN KEY (definition_sha256, skill_code, level_number)"
                "    REFERENCES levels(definition_sha256, skill_code, number))",
                "CREATE INDEX mappings_activity ON mappings(activity_id, removed_at)",
                "CREATE INDEX mappings_level ON mappings(skill_code, level_number, removed_at)",

                "CREATE TABLE mapping_responsibilities ("
                "  mapping_id VARCHAR(36) NOT NULL REFERENCES mappings(id),"
                "  responsibility_id VARCHAR(32) NOT NULL,"
                "  text_sha256 VARCHAR(64) NOT NULL,"
                "  PRIMARY KEY (mapping_id, responsibility_id))",

                "CREATE TABLE lms_events ("
                "  event_id TEXT PRIMARY KEY,"
                "  kind VARCHAR(16) NOT NULL,"
                "  received_at VARCHAR(24) NOT NULL)",

                "CREATE TABLE evidence ("
                "  id VARCHAR(36) PRIMARY KEY,"
                "  seq BIGINT NOT NULL UNIQUE,"
                "  event_id TEXT NOT NULL REFERENCES lms_events(event_id),"
                "  kind VARCHAR(16) NOT NULL CHECK (kind IN ('learning', 'demonstrated')),"
                "  learner TEXT NOT NULL,"
                "  skill_code VARCHAR(16) NOT NULL,"
                "  level_number INTEGER NOT NULL,"
                "  definition_sha256 VARCHAR(64) NOT NULL,"
                "  level_text_sha256 VARCHAR(64) NOT NULL,"
                "  activity_id TEXT REFERENCES activities(id),"
                "  mapping_id VARCHAR(36) REFERENCES mappings(id),"
                "  verb VARCHAR(16) NOT NULL,"
                "  score_raw DOUBLE PRECISION,"
                "  score_min DOUBLE PRECISION,"
                "  score_max DOUBLE PRECISION,"
                "  score_scaled DOUBLE PRECISION,"
                "  success INTEGER,"
                "  assessor TEXT,"
                "  outcome VARCHAR(24),"
                "  note TEXT,"
                "  evidence_url TEXT,"
                "  occurred_at VARCHAR(24) NOT NULL,"
                "  recorded_at VARCHAR(24) NOT NULL,"
                "  withdrawn_at VARCHAR(24),"
                "  withdrawn_reason TEXT,"
                "  FOREIGN KEY (definition_sha256, skill_code, level_number)"
                "    REFERENCES levels(definition_sha256, skill_code, number))",
                "CREATE INDEX evidence_learner ON evidence(learner, skill_code, level_number)",
                "CREATE INDEX evidence_event ON evidence(event_id)",

                "CREATE TABLE evidence_responsibilities ("
                "  evidence_id VARCHAR(36) NOT NULL REFERENCES evidence(id),"
                "  responsibility_id VARCHAR(32) NOT NULL,"
                "  PRIMARY KEY (evidence_id, responsibility_id))",

                "CREATE TABLE statements ("
                "  id VARCHAR(36) PRIMARY KEY,"
                "  seq BIGINT NOT NULL UNIQUE,"
                "  evidence_id VARCHAR(36) REFERENCES evidence(id),"
                "  kind VARCHAR(24) NOT NULL,"
                "  learner TEXT NOT NULL,"
                "  body TEXT NOT NULL,"
                "  voids_statement_id VARCHAR(36),"
                "  state VARCHAR(12) NOT NULL DEFAULT 'pending'"
                "    CHECK (state IN ('pending', 'delivered', 'quarantined')),"
                "  attempts INTEGER NOT NULL DEFAULT 0,"
                "  next_attempt_at VARCHAR(24) NOT NULL,"
                "  last_error TEXT,"
                "  created_at VARCHAR(24) NOT NULL,"
                "  delivered_at VARCHAR(24))",
                "CREATE INDEX statements_due ON statements(state, next_attempt_at, seq)",
                "CREATE INDEX statements_learner ON statements(learner, seq)",
                "CREATE INDEX statements_evidence ON statements(evidence_id)",
            }};
}

// Version 3: trust and progress.
// - evidence_log is the tamper-evident hash chain: one entry per recorded, withdrawn or verified
//   evidence record, over a canonical content that holds no personal data (the learner appears as
//   learner_ref, a salted hash; assessor and note likewise), so that erasing a learner keeps the
//   chain valid. chain_hash = SHA-256(prev_hash || content_sha256).
// - checkpoints are signed chain heads (RS256 JWS), one per N entries or per time window.
// - learner_refs holds each learner's salt; erasing a learner deletes it, which unlinks the refs.
// - verifications: an auditor confirmed a demonstrated record ("assessor-verified" evidence).
// - attainments: a level attained under a rule, with its "achieved" statement, voided when
//   withdrawn evidence breaks it.
Migration trust()
{
    return {3,
            "evidence log (hash chain), checkpoints, learner refs, verifications, attainments",
            {
                "CREATE TABLE learner_refs ("
                "  learner TEXT PRIMARY KEY,"
                "  ref VARCHAR(64) NOT NULL UNIQUE,"
                "  salt VARCHAR(64) NOT NULL)",

                "ALTER TABLE evidence ADD COLUMN learner_ref VARCHAR(64)",
                "ALTER TABLE evidence ADD COLUMN assessor_ref VARCHAR(64)",
                "ALTER TABLE evidence ADD COLUMN note_sha256 VARCHAR(64)",
                "ALTER TABLE evidence ADD COLUMN erased_at VARCHAR(24)",
                "CREATE INDEX evidence_learner_ref ON evidence(learner_ref)",

                "CREATE TABLE evidence_log ("
                "  seq BIGINT PRIMARY KEY,"
                "  evidence_id VARCHAR(36) NOT NULL,"
                "  action VARCHAR(12) NOT NULL CHECK (action IN ('record', 'withdraw', 'verify')),"
                "  content TEXT NOT NULL,"
                "  content_sha256 VARCHAR(64) NOT NULL,"
                "  prev_hash VARCHAR(64) NOT NULL,"
                "  chain_hash VARCHAR(64) NOT NULL,"
                "  logged_at VARCHAR(24) NOT NULL)",
                "CREATE INDEX evidence_log_evidence ON evidence_log(evidence_id)",

                "CREATE TABLE checkpoints ("
                "  seq BIGINT PRIMARY KEY,"
                "  chain_hash VARCHAR(64) NOT NULL,"
                "  signed_at VARCHAR(24) NOT NULL,"
                "  key_id VARCHAR(64) NOT NULL,"
                "  jws TEXT NOT NULL)",

                "CREATE TABLE verifications ("
                "  evidence_id VARCHAR(36) NOT NULL REFERENCES evidence(id),"
                "  auditor TEXT NOT NULL,"
                "  verified_at VARCHAR(24) NOT NULL,"
                "  note TEXT,"
                "  PRIMARY KEY (evidence_id, auditor))",

                "CREATE TABLE attainments ("
                "  id VARCHAR(36) PRIMARY KEY,"
                "  learner TEXT NOT NULL,"
                "  skill_code VARCHAR(16) NOT NULL,"
                "  level_number INTEGER NOT NULL,"
                "  rule TEXT NOT NULL,"
                "  attained_at VARCHAR(24) NOT NULL,"
                "  statement_id VARCHAR(36) NOT NULL,"
                "  voided_at VARCHAR(24),"
                "  voiding_statement_id VARCHAR(36))",
                "CREATE INDEX attainments_learner ON attainments(learner, skill_code, level_number)",
            }};
}

// Version 4: signed statements. The JWS of a signed statement is kept beside its body: the body
// carries the signature attachment's metadata, the JWS is the attachment's content, sent as the
// second part of a multipart/mixed request.
Migration signatures()
{
    return {4,
            "statement signatures",
            {
                "ALTER TABLE statements ADD COLUMN signature TEXT",
            }};
}

// Version 5: the progress query reads a learner's evidence from one index. evidence_progress holds
// every evidence column that query reads, in its order (learner, skill, level, recording order),
// so a learner's records are one or two adjacent index pages instead of one table page each, and
// no sort is needed. It leads with evidence_learner's columns, which it replaces.
Migration progressIndex()
{
    return {5,
            "covering index for the progress query",
            {
                "CREATE INDEX evidence_progress ON evidence(learner, skill_code, level_number, seq, id, kind, verb,"
                "  outcome, activity_id, withdrawn_at, occurred_at)",
                "DROP INDEX evidence_learner",
            }};
}

// Version 6: one sender per store. outbox_lease holds at most one row: the sender (a process's
// background sender or a sync, on any node) that may post statements now, and until when. A sender
// takes or renews it in the transaction that fetches due statements and gives it up when nothing is
// due; a killed sender's lease simply expires (lrs.lease_s).
Migration senderLease()
{
    return {6,
            "outbox sender lease",
            {
                "CREATE TABLE outbox_lease ("
                "  name VARCHAR(16) PRIMARY KEY,"
                "  holder VARCHAR(64) NOT NULL,"
                "  expires_at VARCHAR(24) NOT NULL)",
            }};
}

// Version 7: the outbox inside the chain. Each statement is bound by the evidence-log entry written
// in its transaction (its body's and signature's SHA-256 in the entry's "statements"); log_seq
// points a sender at that entry, so it can check a statement before it sends it. Statements made
// before this version have no binding: 'statements_bound_from' is the first statement seq that
// must have one (a sender sends older ones unchecked, and `audit verify` counts them).
Migration statementBinding()
{
    return {
        7,
        "statements bound to the evidence log",
        {
            "ALTER TABLE statements ADD COLUMN log_seq BIGINT",
            "INSERT INTO sequences(name, value) SELECT 'statements_bound_from', COALESCE(MAX(seq), 0) + 1 FROM statements",
        }};
}

// Version 8: a leaner store (issue 12). Statement bodies and log entries are kept compressed
// (StoredText) in body_z and content_z, the text columns left empty ('') for those rows; a row whose
// _z column is NULL is read from its text column as before. content_sha256 stays the hash of the
// text, so the chain, its checkpoints and the statements' bindings are unchanged. Existing rows are
// converted here, a page at a time. Two indexes no query reads go: evidence_event (duplicates are
// found in lms_events, whose rows are never deleted) and evidence_learner_ref.
void convertToStoredText(Database& db, const std::string& table, const std::string& key, const std::string& column)
{
    db.session() << "ALTER TABLE " + table + " ADD COLUMN " + column + "_z " +
                        StoredText::columnType(db.isPostgreSQL()),
        now;
    Poco::Int64 after = std::numeric_limits<Poco::Int64>::min();
    for (;;)
    {
        std::vector<Poco::Int64> keys;
        std::vector<std::string> texts;
        Poco::Int64 page = 1000;
        db.session() << db.sql("SELECT " + key + ", " + column + " FROM " + table + " WHERE " + key + " > ? AND " +
                               column + "_z IS NULL ORDER BY " + key + " LIMIT ?"),
            use(after), use(page), into(keys), into(texts), now;
        if (keys.empty()) return;
        std::vector<Poco::Data::BLOB> blobs;
        for (const std::string& text : texts) blobs.push_back(StoredText::blob(StoredText::encode(text)));
        db.session() << db.sql("UPDATE " + table + " SET " + column + " = '', " + column + "_z = ? WHERE " + key +
                               " = ?"),
            use(blobs), use(keys), now;
        after = keys.back();
    }
}

Migration leanStore()
{
    return {8,
            "statement bodies and log entries compressed; unused indexes dropped",
            {
                "DROP INDEX evidence_event",
                "DROP INDEX evidence_learner_ref",
            },
            [](Database& db) {
                convertToStoredText(db, "statements", "seq", "body");
                convertToStoredText(db, "evidence_log", "seq", "content");
            }};
}

// Version 9: where `pull` left off in each LRS's statement feed (store::PullCursor): the `stored`
// time of the last statement taken in and the ids stored at that same instant (a space-separated
// list), so the next pull neither loses nor repeats statements with equal `stored` times.
Migration pullCursor()
{
    return {9,
            "pull cursor per LRS",
            {
                "CREATE TABLE pull_cursor ("
                "  lrs VARCHAR(512) PRIMARY KEY,"
                "  stored VARCHAR(40) NOT NULL,"
                "  ids TEXT NOT NULL,"
                "  updated_at VARCHAR(24) NOT NULL)",
            }};
}

// Version 10: the store's own compression dictionaries (store::TextDictionaries, StoredText
// version 2), one per skill of each definition version: the built-in dictionary followed by that
// skill's texts. Written once and never changed (values encoded with one name it; an edit would
// change their texts), which triggers enforce. The dictionaries of the definition versions already
// stored are made here; no row is converted: values keep the version they were written with.
Migration textDictionaries()
{
    return {
        10, "compression dictionaries per definition version and skill", {}, [](Database& db) {
            const bool pg = db.isPostgreSQL();
            db.session() << std::string("CREATE TABLE text_dictionaries ("
                                        "  id INTEGER PRIMARY KEY,"
                                        "  definition_sha256 VARCHAR(64) NOT NULL,"
                                        "  skill_code VARCHAR(16) NOT NULL,"
                                        "  bytes ") +
                                StoredText::columnType(pg) +
                                " NOT NULL,"
                                "  UNIQUE (definition_sha256, skill_code))",
                now;
            if (pg)
            {
                db.session()
                    << "CREATE OR REPLACE FUNCTION text_dictionaries_immutable() RETURNS trigger LANGUAGE plpgsql AS"
                       " 'BEGIN RAISE EXCEPTION ''text_dictionaries: a dictionary is never changed or removed"
                       " (values encoded with it name it)''; END'",
                    now;
                db.session()
                    << "CREATE TRIGGER text_dictionaries_immutable BEFORE UPDATE OR DELETE ON text_dictionaries"
                       " FOR EACH ROW EXECUTE FUNCTION text_dictionaries_immutable()",
                    now;
                db.session() << "CREATE TRIGGER text_dictionaries_no_truncate BEFORE TRUNCATE ON text_dictionaries"
                                " FOR EACH STATEMENT EXECUTE FUNCTION text_dictionaries_immutable()",
                    now;
            }
            else
            {
                for (const char* op : {"UPDATE", "DELETE"})
                    db.session()
                        << std::string("CREATE TRIGGER text_dictionaries_no_") + op + " BEFORE " + op +
                               " ON text_dictionaries BEGIN SELECT RAISE(ABORT, 'text_dictionaries: a dictionary"
                               " is never changed or removed (values encoded with it name it)'); END",
                        now;
            }
            std::vector<std::string> versions;
            db.session() << "SELECT content_sha256 FROM definition_versions ORDER BY import_seq", into(versions), now;
            for (const std::string& v : versions) db.textDictionaries().create(v);
        }};
}

// Version 11: an auditor's verifications by their time, in the order privacy.export pages them
// (PrivacyService::verificationPage) and erasure finds them; before, both read the whole table. On
// PostgreSQL the keys in byte order ("C"), as the paging query compares them.
Migration verificationsByAuditor()
{
    return {11, "verifications by auditor", {}, [](Database& db) {
                const std::string bytes = db.byteOrder();
                db.session() << "CREATE INDEX verifications_auditor ON verifications(auditor, verified_at" + bytes +
                                    ", evidence_id" + bytes + ")",
                    now;
            }};
}

/// PostgreSQL: the bytes of a hash stored as 64 hex digits; any other text (someone's edit) as its
/// own bytes, so that it still differs from every hash and verification names it.
std::string unhexPostgreSQL(const std::string& column)
{
    return "CASE WHEN " + column + " ~ '^[0-9a-f]{64}$' THEN DECODE(" + column + ", 'hex') ELSE CONVERT_TO(" + column +
           ", 'UTF8') END";
}

/// SQLite (3.40 has no unhex()): sfe_unhex(x) on this connection, for the migration: the bytes of
/// 64 lower-case hex digits; any other value as its own bytes, as unhexPostgreSQL.
void registerUnhex(Database& db)
{
    const auto unhex = [](sqlite3_context* context, int, sqlite3_value** argv) {
        if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        {
            sqlite3_result_null(context);
            return;
        }
        const auto* text = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
        const int size = sqlite3_value_bytes(argv[0]);
        const auto digit = [](unsigned char c) {
            return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        };
        bool hex = sqlite3_value_type(argv[0]) == SQLITE_TEXT && size == 64;
        for (int i = 0; hex && i < size; ++i) hex = digit(text[i]) >= 0;
        if (!hex)
        {
            sqlite3_result_blob(context, text ? text : reinterpret_cast<const unsigned char*>(""), size,
                                SQLITE_TRANSIENT);
            return;
        }
        unsigned char bytes[32];
        for (int i = 0; i < 32; ++i)
            bytes[i] = static_cast<unsigned char>(digit(text[2 * i]) * 16 + digit(text[2 * i + 1]));
        sqlite3_result_blob(context, bytes, 32, SQLITE_TRANSIENT);
    };
    sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(db.session());
    if (!handle || sqlite3_create_function_v2(handle, "sfe_unhex", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                              +unhex, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw runtime::Error(SFE_STORE, "cannot migrate the store " + db.target() + ": cannot add sfe_unhex");
}

// Version 12: leaner rows (issue 12).
// - The log entry no longer stores prev_hash: it is the chain hash of the entry before (64 zeros
//   before the first), which every reader takes from there (EvidenceLog::prevHashSql), so the chain
//   and what it proves are unchanged.
// - content_sha256 and chain_hash, and the evidence row's level_text_sha256, learner_ref,
//   assessor_ref and note_sha256, are kept as their 32 bytes (HashColumn), not 64 hex digits; the
//   chain is still computed over the hex. (definition_sha256 stays hex: a foreign key names a
//   definition version by it.)
// - lms_events.received_at goes: nothing read it, and it was the time of the evidence (recorded_at)
//   or withdrawal (withdrawn_at) the event led to, again.
// - On SQLite the tables written per event are rebuilt without the rowid or unique index a key
//   already gives: evidence, statements and evidence_log are keyed by their seq (INTEGER PRIMARY
//   KEY: the rowid), lms_events and evidence_responsibilities by their primary key (WITHOUT ROWID).
//   Database::migrate runs it with foreign key enforcement off, and checks every foreign key before
//   it commits.
Migration leanerRows()
{
    return {12, "leaner rows: no prev_hash, hashes as bytes, keys stored once", {}, [](Database& db) {
                auto& session = db.session();
                if (db.isPostgreSQL())
                {
                    const auto toBytes = [](const std::vector<std::string>& columns) {
                        std::string sql;
                        for (const std::string& c : columns)
                            sql += (sql.empty() ? "" : ", ") + std::string("ALTER COLUMN ") + c + " TYPE BYTEA USING " +
                                   unhexPostgreSQL(c);
                        return sql;
                    };
                    session << "ALTER TABLE evidence_log DROP COLUMN prev_hash, " +
                                   toBytes({"content_sha256", "chain_hash"}),
                        now;
                    session << "ALTER TABLE lms_events DROP COLUMN received_at", now;
                    session << "ALTER TABLE evidence " +
                                   toBytes({"level_text_sha256", "learner_ref", "assessor_ref", "note_sha256"}),
                        now;
                    return;
                }
                registerUnhex(db);
                // Each table: created under a new name, filled, the old one dropped (with its
                // indexes), renamed, its indexes made again.
                struct Rebuild
                {
                    const char* table;
                    const char* definition; ///< the columns and constraints, after the name
                    const char* columns;    ///< copied, in the new table's order
                    std::vector<const char*> indexes;
                    const char* values = nullptr; ///< what fills `columns`, if not the same columns
                };
                const std::vector<Rebuild> rebuilds = {
                    {"lms_events",
                     "(event_id TEXT PRIMARY KEY, kind VARCHAR(16) NOT NULL) WITHOUT ROWID",
                     "event_id, kind",
                     {}},
                    {"evidence",
                     "(seq INTEGER PRIMARY KEY, id VARCHAR(36) NOT NULL UNIQUE,"
                     " event_id TEXT NOT NULL REFERENCES lms_events(event_id),"
                     " kind VARCHAR(16) NOT NULL CHECK (kind IN ('learning', 'demonstrated')),"
                     " learner TEXT NOT NULL, skill_code VARCHAR(16) NOT NULL, level_number INTEGER NOT NULL,"
                     " definition_sha256 VARCHAR(64) NOT NULL, level_text_sha256 BLOB NOT NULL,"
                     " activity_id TEXT REFERENCES activities(id), mapping_id VARCHAR(36) REFERENCES mappings(id),"
                     " verb VARCHAR(16) NOT NULL, score_raw DOUBLE PRECISION, score_min DOUBLE PRECISION,"
                     " score_max DOUBLE PRECISION, score_scaled DOUBLE PRECISION, success INTEGER, assessor TEXT,"
                     " outcome VARCHAR(24), note TEXT, evidence_url TEXT, occurred_at VARCHAR(24) NOT NULL,"
                     " recorded_at VARCHAR(24) NOT NULL, withdrawn_at VARCHAR(24), withdrawn_reason TEXT,"
                     " learner_ref BLOB, assessor_ref BLOB, note_sha256 BLOB,"
                     " erased_at VARCHAR(24), FOREIGN KEY (definition_sha256, skill_code, level_number)"
                     " REFERENCES levels(definition_sha256, skill_code, number))",
                     "seq, id, event_id, kind, learner, skill_code, level_number, definition_sha256,"
                     " level_text_sha256, activity_id, mapping_id, verb, score_raw, score_min, score_max,"
                     " score_scaled, success, assessor, outcome, note, evidence_url, occurred_at, recorded_at,"
                     " withdrawn_at, withdrawn_reason, learner_ref, assessor_ref, note_sha256, erased_at",
                     {"CREATE INDEX evidence_progress ON evidence(learner, skill_code, level_number, seq, id, kind,"
                      " verb, outcome, activity_id, withdrawn_at, occurred_at)"},
                     "seq, id, event_id, kind, learner, skill_code, level_number, definition_sha256,"
                     " sfe_unhex(level_text_sha256), activity_id, mapping_id, verb, score_raw, score_min, score_max,"
                     " score_scaled, success, assessor, outcome, note, evidence_url, occurred_at, recorded_at,"
                     " withdrawn_at, withdrawn_reason, sfe_unhex(learner_ref), sfe_unhex(assessor_ref),"
                     " sfe_unhex(note_sha256), erased_at"},
                    {"evidence_responsibilities",
                     "(evidence_id VARCHAR(36) NOT NULL REFERENCES evidence(id),"
                     " responsibility_id VARCHAR(32) NOT NULL, PRIMARY KEY (evidence_id, responsibility_id))"
                     " WITHOUT ROWID",
                     "evidence_id, responsibility_id",
                     {}},
                    {"statements",
                     "(seq INTEGER PRIMARY KEY, id VARCHAR(36) NOT NULL UNIQUE,"
                     " evidence_id VARCHAR(36) REFERENCES evidence(id), kind VARCHAR(24) NOT NULL,"
                     " learner TEXT NOT NULL, body TEXT NOT NULL, voids_statement_id VARCHAR(36),"
                     " state VARCHAR(12) NOT NULL DEFAULT 'pending'"
                     " CHECK (state IN ('pending', 'delivered', 'quarantined')),"
                     " attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at VARCHAR(24) NOT NULL, last_error TEXT,"
                     " created_at VARCHAR(24) NOT NULL, delivered_at VARCHAR(24), signature TEXT, log_seq BIGINT,"
                     " body_z BLOB)",
                     "seq, id, evidence_id, kind, learner, body, voids_statement_id, state, attempts,"
                     " next_attempt_at, last_error, created_at, delivered_at, signature, log_seq, body_z",
                     // seq is the rowid, which every index entry ends with: the same orders as
                     // (state, next_attempt_at, seq) and (learner, seq), without seq twice.
                     {"CREATE INDEX statements_due ON statements(state, next_attempt_at)",
                      "CREATE INDEX statements_learner ON statements(learner)",
                      "CREATE INDEX statements_evidence ON statements(evidence_id)"}},
                    {"evidence_log",
                     "(seq INTEGER PRIMARY KEY, evidence_id VARCHAR(36) NOT NULL,"
                     " action VARCHAR(12) NOT NULL CHECK (action IN ('record', 'withdraw', 'verify')),"
                     " content TEXT NOT NULL, content_sha256 BLOB NOT NULL, chain_hash BLOB NOT NULL,"
                     " logged_at VARCHAR(24) NOT NULL, content_z BLOB)",
                     "seq, evidence_id, action, content, content_sha256, chain_hash, logged_at, content_z",
                     {"CREATE INDEX evidence_log_evidence ON evidence_log(evidence_id)"},
                     "seq, evidence_id, action, content, sfe_unhex(content_sha256), sfe_unhex(chain_hash),"
                     " logged_at, content_z"},
                };
                for (const Rebuild& r : rebuilds)
                {
                    const std::string table = r.table, rebuilt = table + "_v12";
                    session << "CREATE TABLE " + rebuilt + " " + r.definition, now;
                    session << "INSERT INTO " + rebuilt + "(" + r.columns + ") SELECT " +
                                   (r.values ? r.values : r.columns) + " FROM " + table + " ORDER BY 1",
                        now;
                    session << "DROP TABLE " + table, now;
                    session << "ALTER TABLE " + rebuilt + " RENAME TO " + table, now;
                    for (const char* index : r.indexes) session << std::string(index), now;
                }
            }};
}

// Version 13: on PostgreSQL, the ids of the rows written per event are kept as uuid (16 bytes)
// instead of VARCHAR(36) (37 bytes, and more in each index): evidence.id, statements.id and the
// columns that name them (statements.evidence_id and voids_statement_id, evidence_log.evidence_id,
// evidence_responsibilities.evidence_id, verifications.evidence_id). About 280 bytes less per evidence
// record (issue 12). These ids are made by the plugin (xapi::Uuid, lowercase 8-4-4-4-12), and
// PostgreSQL gives a uuid back in that very form, so every read, hash and re-sent statement is byte
// for byte what it was. SQLite keeps its text columns: nothing changes there.
// - A value that is not a UUID in that form (a store someone edited) cannot become a uuid without
//   changing it; the migration then stops, naming the table, the row and the value, and changes
//   nothing: `audit verify` on the store as it is shows what was edited.
// - Lookups of an id that is not in that form find nothing without asking (Database::canHoldId):
//   PostgreSQL would refuse the text and abort the transaction.
// - The foreign keys to evidence(id) and index verifications_auditor (whose evidence_id was compared
//   as bytes, COLLATE "C": a uuid compares as its bytes anyway) are made again around the change.
Migration uuidIds()
{
    return {
        13, "ids as uuid on PostgreSQL", {}, [](Database& db) {
            if (!db.isPostgreSQL()) return;
            auto& session = db.session();
            struct Column
            {
                const char* table;
                const char* column;
                const char* row; ///< what names the row in an error
            };
            const std::vector<Column> columns = {
                {"evidence", "id", "seq"},
                {"evidence_responsibilities", "evidence_id", "responsibility_id"},
                {"statements", "id", "seq"},
                {"statements", "evidence_id", "seq"},
                {"statements", "voids_statement_id", "seq"},
                {"evidence_log", "evidence_id", "seq"},
                {"verifications", "evidence_id", "auditor"},
            };
            for (const Column& c : columns)
            {
                std::vector<std::string> rows, values;
                session << std::string("SELECT CAST(") + c.row + " AS TEXT), " + c.column + " FROM " + c.table +
                               " WHERE " + c.column +
                               " !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' LIMIT 1",
                    into(rows), into(values), now;
                if (!rows.empty())
                    throw runtime::Error(SFE_STORE, "cannot migrate the store " + db.target() +
                                                        " to version 13: " + c.table + "." + c.column +
                                                        " of the row with " + c.row + " " + rows.front() + " is '" +
                                                        runtime::Error::printable(values.front()) +
                                                        "', not a UUID in lowercase 8-4-4-4-12 form; nothing was "
                                                        "changed (audit verify shows what was edited)");
            }
            const std::vector<std::string> referencing = {"evidence_responsibilities", "statements", "verifications"};
            session << "DROP INDEX verifications_auditor", now;
            for (const std::string& table : referencing)
                session << "ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_evidence_id_fkey", now;
            // One ALTER per table (its columns are adjacent in the list): each rewrites the table once.
            for (std::size_t i = 0; i < columns.size();)
            {
                const std::string table = columns[i].table;
                std::string alter;
                for (; i < columns.size() && table == columns[i].table; ++i)
                    alter += std::string(alter.empty() ? " " : ", ") + "ALTER COLUMN " + columns[i].column +
                             " TYPE uuid USING " + columns[i].column + "::uuid";
                session << "ALTER TABLE " + table + alter, now;
            }
            for (const std::string& t : referencing)
                session << "ALTER TABLE " + t + " ADD CONSTRAINT " + t +
                               "_evidence_id_fkey FOREIGN KEY (evidence_id) REFERENCES evidence(id)",
                    now;
            session << "CREATE INDEX verifications_auditor ON verifications(auditor, verified_at" + db.byteOrder() +
                           ", evidence_id)",
                now;
        }};
}

// Version 14: indexes that hold only what their queries read (issue 12).
// - statements_due holds the statements still to send (state 'pending') and nothing else: a statement
//   leaves it once delivered, so on a store in use it holds the backlog instead of an entry for every
//   statement ever made (59 bytes per record on PostgreSQL, 42 on SQLite, in sfe-bench-ingest).
// - statements_held holds the quarantined ones in seq order, which `outbox` lists and `retry --all`
//   takes back: empty while none is held, and those listings no longer read every statement.
// - Every query on a state names it as a literal (`state = 'pending'`): SQLite uses a partial index
//   only for a query whose WHERE has the index's own term.
// - On PostgreSQL, evidence_progress is keyed by (learner, skill) only, about 180 bytes per record
//   less. Its other columns (migration 5) were there for index-only scans, and PostgreSQL reads the
//   table anyway for every row on a page its visibility map does not yet mark all-visible: on a store
//   written all day that is most of the new ones (EXPLAIN of the progress query on a freshly written
//   store: as many heap fetches as rows). Without level and seq, a learner's entries for a skill
//   share one key, which PostgreSQL's B-tree deduplication stores once with a list of row pointers;
//   the progress query sorts the learner's few rows itself. SQLite has no visibility map and no
//   deduplication: its covering index stays.
// - On PostgreSQL, statements_learner is keyed by learner only (deduplicated the same way, about 40
//   bytes per record less); a learner's statements are sorted by seq after they are found. On SQLite
//   it is that already (schema 12), and its entries carry the seq as their rowid.
Migration leanerIndexes()
{
    return {14,
            "partial outbox indexes; deduplicated learner indexes on PostgreSQL",
            {
                "DROP INDEX statements_due",
                "CREATE INDEX statements_due ON statements(next_attempt_at, seq) WHERE state = 'pending'",
                "CREATE INDEX statements_held ON statements(seq) WHERE state = 'quarantined'",
            },
            [](Database& db) {
                if (!db.isPostgreSQL()) return;
                db.session() << "DROP INDEX evidence_progress", now;
                db.session() << "CREATE INDEX evidence_progress ON evidence(learner, skill_code)", now;
                db.session() << "DROP INDEX statements_learner", now;
                db.session() << "CREATE INDEX statements_learner ON statements(learner)", now;
            }};
}

} // namespace

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> all = {
        definitions(),      evidence(),     trust(),      signatures(),       progressIndex(),          senderLease(),
        statementBinding(), leanStore(),    pullCursor(), textDictionaries(), verificationsByAuditor(), leanerRows(),
        uuidIds(),          leanerIndexes()};
    return all;
}

}
} // namespace sfe::store
