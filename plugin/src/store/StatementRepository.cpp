//
// StatementRepository.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/StatementRepository.h"
#include "sfe/store/BatchInsert.h"

#include "sfe/runtime/Error.h"
#include "sfe/store/StoredText.h"
#include "sfe/store/TextDictionaries.h"

#include "sfe.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

Poco::Nullable<std::string> nullable(const std::optional<std::string>& v)
{
    return v ? Poco::Nullable<std::string>(*v) : Poco::Nullable<std::string>();
}

std::optional<std::string> optional(Poco::Data::RecordSet& rs, const std::string& column)
{
    if (rs[column].isEmpty()) return std::nullopt;
    return rs[column].convert<std::string>();
}

/// The body of the row at the record set's position: decoded from body_z, or body when that is NULL.
std::string storedBody(Poco::Data::RecordSet& rs, const std::string& id)
{
    const std::string plain = rs["body"].convert<std::string>();
    if (rs["body_z"].isEmpty()) return plain;
    return StoredText::read(plain, rs["body_z"].extract<Poco::Data::BLOB>(), "statement " + id);
}

} // namespace

StatementRepository::StatementRepository(Database& db):
    _db(db)
{}

void StatementRepository::queueBodies(TextEncoder& encoder, const std::vector<StatementRecord>& statements,
                                      std::size_t from)
{
    TextDictionaries& dictionaries = _db.textDictionaries();
    for (std::size_t i = from; i < statements.size(); ++i)
        encoder.add(statements[i].body, dictionaries.forText(statements[i].body));
}

void StatementRepository::insert(const std::vector<StatementRecord>& statements, std::vector<std::string> encodedBodies)
{
    if (statements.empty()) return;
    if (encodedBodies.size() != statements.size())
        throw runtime::Error(SFE_STORE, "statements: " + std::to_string(encodedBodies.size()) + " encoded bodies for " +
                                            std::to_string(statements.size()) + " statements");
    std::vector<std::string> id, kind, learner, body, state, next, created;
    std::vector<Poco::Data::BLOB> bodyZ;
    std::vector<Poco::Int64> seq;
    std::vector<Poco::Nullable<std::string>> evidence, voids, signature;
    std::vector<Poco::Nullable<Poco::Int64>> logSeq;
    std::vector<int> attempts;
    for (const StatementRecord& s : statements)
    {
        id.push_back(s.id);
        seq.push_back(s.seq);
        evidence.push_back(nullable(s.evidenceId));
        kind.push_back(s.kind);
        learner.push_back(s.learner);
        body.emplace_back();
        bodyZ.push_back(StoredText::blob(encodedBodies[bodyZ.size()]));
        voids.push_back(nullable(s.voidsStatementId));
        state.push_back(s.state);
        attempts.push_back(s.attempts);
        next.push_back(s.nextAttemptAt);
        created.push_back(s.createdAt);
        signature.push_back(nullable(s.signature));
        logSeq.push_back(s.logSeq ? Poco::Nullable<Poco::Int64>(*s.logSeq) : Poco::Nullable<Poco::Int64>());
    }
    // The body is kept compressed in body_z (StoredText), body left empty.
    BatchInsert::rows(_db,
                      "INSERT INTO statements(id, seq, evidence_id, kind, learner, body, body_z, voids_statement_id,"
                      " state, attempts, next_attempt_at, created_at, signature, log_seq)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      id, seq, evidence, kind, learner, body, bodyZ, voids, state, attempts, next, created, signature,
                      logSeq);
}

std::vector<StatementRecord> StatementRepository::list(const std::optional<std::string>& learner,
                                                       const std::optional<std::string>& state, long long afterSeq,
                                                       std::size_t limit)
{
    // Only the filters given, so each can use its index: statements_learner for a learner, and for a
    // state its partial index, which SQLite uses only when the state is a literal in the WHERE.
    std::string where = " WHERE seq > ?";
    if (learner) where += " AND learner = ?";
    if (state)
    {
        if (*state != "pending" && *state != "delivered" && *state != "quarantined")
            return {}; // no statement is in a state that does not exist
        where += " AND state = '" + *state + "'";
    }
    std::string who = learner.value_or("");
    // No LIMIT -1 or LIMIT ALL: neither is portable between SQLite and PostgreSQL.
    Poco::Int64 after = afterSeq, most = limit ? static_cast<Poco::Int64>(limit) : Poco::Int64(1) << 62;
    Poco::Data::Statement select(_db.session());
    select << _db.sql("SELECT " + _db.idText("id") + ", seq, " + _db.idText("evidence_id") +
                      ", kind, learner, body, body_z, " + _db.idText("voids_statement_id") +
                      ", state, attempts, next_attempt_at, last_error, created_at, delivered_at, signature, log_seq"
                      " FROM statements" +
                      where + " ORDER BY seq LIMIT ?");
    select, use(after);
    if (learner) select, use(who);
    select, use(most);
    select.execute();
    Poco::Data::RecordSet rs(select);
    std::vector<StatementRecord> result;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
    {
        StatementRecord s;
        s.id = rs["id"].convert<std::string>();
        s.seq = rs["seq"].convert<Poco::Int64>();
        s.evidenceId = optional(rs, "evidence_id");
        s.kind = rs["kind"].convert<std::string>();
        s.learner = rs["learner"].convert<std::string>();
        s.body = storedBody(rs, s.id);
        s.voidsStatementId = optional(rs, "voids_statement_id");
        s.state = rs["state"].convert<std::string>();
        s.attempts = rs["attempts"].convert<int>();
        s.nextAttemptAt = rs["next_attempt_at"].convert<std::string>();
        s.lastError = optional(rs, "last_error");
        s.createdAt = rs["created_at"].convert<std::string>();
        s.deliveredAt = optional(rs, "delivered_at");
        s.signature = optional(rs, "signature");
        if (!rs["log_seq"].isEmpty()) s.logSeq = rs["log_seq"].convert<Poco::Int64>();
        result.push_back(std::move(s));
    }
    return result;
}

std::vector<std::string> StatementRepository::idsForEvidence(const std::string& evidenceId)
{
    if (!_db.canHoldId(evidenceId)) return {};
    std::string key = evidenceId;
    std::vector<std::string> ids;
    _db.session() << _db.sql("SELECT id FROM statements WHERE evidence_id = ? AND voids_statement_id IS NULL"
                             " ORDER BY seq"),
        use(key), into(ids), now;
    return ids;
}

std::map<std::string, long long> StatementRepository::countByState()
{
    // One statement, so one snapshot on both stores; pending and quarantined come from their partial
    // indexes, delivered is the rest.
    Poco::Int64 all = 0, pending = 0, quarantined = 0;
    _db.session() << "SELECT (SELECT COUNT(*) FROM statements),"
                     " (SELECT COUNT(*) FROM statements WHERE state = 'pending'),"
                     " (SELECT COUNT(*) FROM statements WHERE state = 'quarantined')",
        into(all), into(pending), into(quarantined), now;
    return {{"pending", pending}, {"delivered", all - pending - quarantined}, {"quarantined", quarantined}};
}

}
} // namespace sfe::store
