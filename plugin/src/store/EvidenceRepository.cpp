//
// EvidenceRepository.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/BatchInsert.h"
#include "sfe/store/HashColumn.h"
#include "sfe/store/KeyLookup.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

#include <algorithm>
#include <map>
#include <stdexcept>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

template<typename T>
Poco::Nullable<T> nullable(const std::optional<T>& v)
{
    return v ? Poco::Nullable<T>(*v) : Poco::Nullable<T>();
}

Poco::Nullable<int> nullableBool(const std::optional<bool>& v)
{
    return v ? Poco::Nullable<int>(*v ? 1 : 0) : Poco::Nullable<int>();
}

template<typename T>
std::optional<T> optional(Poco::Data::RecordSet& rs, const std::string& column)
{
    if (rs[column].isEmpty()) return std::nullopt;
    return rs[column].convert<T>();
}

/// Responsibility ids sorted byte by byte. ORDER BY would follow the database's collation, and the
/// order is part of the logged content (service::LogContent), so it must not depend on it.
std::vector<std::string> byteOrder(std::vector<std::string> ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

/// A record's state (EvidenceState) as SQL over a row of evidence, so that a filter on it runs in
/// the query; the names are those of stateName().
const char* kState = "(CASE WHEN withdrawn_at IS NOT NULL THEN 'withdrawn'"
                     " WHEN EXISTS (SELECT 1 FROM verifications v WHERE v.evidence_id = evidence.id) THEN 'verified'"
                     " ELSE 'active' END)";

/// The columns fromRow() reads.
std::string columns(const Database& db)
{
    return db.idText("id") +
           ", seq, event_id, kind, learner, skill_code, level_number, definition_sha256, level_text_sha256, activity_id,"
           " mapping_id, verb, score_raw, score_min, score_max, score_scaled, success, assessor, outcome, note, evidence_url,"
           " occurred_at, recorded_at, withdrawn_at, withdrawn_reason, learner_ref, assessor_ref, note_sha256, erased_at, " +
           kState + " AS state";
}

EvidenceRecord fromRow(Poco::Data::RecordSet& rs)
{
    EvidenceRecord r;
    r.id = rs["id"].convert<std::string>();
    r.seq = rs["seq"].convert<Poco::Int64>();
    r.eventId = rs["event_id"].convert<std::string>();
    r.kind = rs["kind"].convert<std::string>();
    r.learner = rs["learner"].convert<std::string>();
    r.skillCode = rs["skill_code"].convert<std::string>();
    r.level = rs["level_number"].convert<int>();
    r.definitionSha256 = rs["definition_sha256"].convert<std::string>();
    r.levelTextSha256 = HashColumn::hexAt(rs, "level_text_sha256").value_or("");
    r.activityId = optional<std::string>(rs, "activity_id");
    r.mappingId = optional<std::string>(rs, "mapping_id");
    r.verb = rs["verb"].convert<std::string>();
    r.scoreRaw = optional<double>(rs, "score_raw");
    r.scoreMin = optional<double>(rs, "score_min");
    r.scoreMax = optional<double>(rs, "score_max");
    r.scoreScaled = optional<double>(rs, "score_scaled");
    if (auto s = optional<int>(rs, "success")) r.success = *s != 0;
    r.assessor = optional<std::string>(rs, "assessor");
    r.outcome = optional<std::string>(rs, "outcome");
    r.note = optional<std::string>(rs, "note");
    r.evidenceUrl = optional<std::string>(rs, "evidence_url");
    r.occurredAt = rs["occurred_at"].convert<std::string>();
    r.recordedAt = rs["recorded_at"].convert<std::string>();
    r.withdrawnAt = optional<std::string>(rs, "withdrawn_at");
    r.withdrawnReason = optional<std::string>(rs, "withdrawn_reason");
    r.learnerRef = HashColumn::hexAt(rs, "learner_ref").value_or("");
    r.assessorRef = HashColumn::hexAt(rs, "assessor_ref");
    r.noteSha256 = HashColumn::hexAt(rs, "note_sha256");
    r.erasedAt = optional<std::string>(rs, "erased_at");
    const std::string state = rs["state"].convert<std::string>();
    if (auto known = stateNamed(state)) r.state = *known;
    else throw std::logic_error("evidence " + r.id + ": the state query gave '" + state + "'");
    return r;
}

} // namespace

const char* stateName(EvidenceState state)
{
    switch (state)
    {
        case EvidenceState::Active:
            return "active";
        case EvidenceState::Verified:
            return "verified";
        case EvidenceState::Withdrawn:
            return "withdrawn";
    }
    return "active";
}

std::optional<EvidenceState> stateNamed(const std::string& name)
{
    for (EvidenceState s : {EvidenceState::Active, EvidenceState::Verified, EvidenceState::Withdrawn})
        if (name == stateName(s)) return s;
    return std::nullopt;
}

EvidenceRepository::EvidenceRepository(Database& db):
    _db(db)
{}

std::set<std::string> EvidenceRepository::knownEvents(const std::vector<std::string>& eventIds)
{
    if (eventIds.empty()) return {};
    std::vector<std::string> found;
    KeyLookup::rows(_db, "SELECT event_id FROM lms_events WHERE event_id = ?", eventIds, found);
    return std::set<std::string>(found.begin(), found.end());
}

void EvidenceRepository::insertEvents(const std::vector<std::string>& eventIds, const std::vector<std::string>& kinds)
{
    if (eventIds.empty()) return;
    BatchInsert::rows(_db, "INSERT INTO lms_events(event_id, kind) VALUES (?, ?)", eventIds, kinds);
}

void EvidenceRepository::insert(const std::vector<EvidenceRecord>& records)
{
    if (records.empty()) return;
    const std::size_t n = records.size();
    std::vector<std::string> id, eventId, kind, learner, skill, defHash, verb, occurred, recorded;
    std::vector<Poco::Int64> seq;
    std::vector<int> level;
    std::vector<Poco::Nullable<std::string>> activity, mapping, assessor, outcome, note, url;
    // Hashes as their bytes (HashColumn).
    std::vector<Poco::Data::BLOB> levelHash;
    std::vector<Poco::Nullable<Poco::Data::BLOB>> learnerRef, assessorRef, noteSha;
    std::vector<Poco::Nullable<double>> raw, min, max, scaled;
    std::vector<Poco::Nullable<int>> success;
    std::vector<std::string> respEvidence, respId;
    levelHash.reserve(n);
    for (auto* v : {&id, &eventId, &kind, &learner, &skill, &defHash, &verb, &occurred, &recorded}) v->reserve(n);
    for (const EvidenceRecord& r : records)
    {
        id.push_back(r.id);
        seq.push_back(r.seq);
        eventId.push_back(r.eventId);
        kind.push_back(r.kind);
        learner.push_back(r.learner);
        skill.push_back(r.skillCode);
        level.push_back(r.level);
        defHash.push_back(r.definitionSha256);
        levelHash.push_back(HashColumn::bytes(r.levelTextSha256));
        activity.push_back(nullable(r.activityId));
        mapping.push_back(nullable(r.mappingId));
        verb.push_back(r.verb);
        raw.push_back(nullable(r.scoreRaw));
        min.push_back(nullable(r.scoreMin));
        max.push_back(nullable(r.scoreMax));
        scaled.push_back(nullable(r.scoreScaled));
        success.push_back(nullableBool(r.success));
        assessor.push_back(nullable(r.assessor));
        outcome.push_back(nullable(r.outcome));
        note.push_back(nullable(r.note));
        url.push_back(nullable(r.evidenceUrl));
        occurred.push_back(r.occurredAt);
        recorded.push_back(r.recordedAt);
        learnerRef.push_back(HashColumn::nullableBytes(r.learnerRef));
        assessorRef.push_back(HashColumn::nullableBytes(r.assessorRef));
        noteSha.push_back(HashColumn::nullableBytes(r.noteSha256));
        for (const auto& resp : r.responsibilities)
        {
            respEvidence.push_back(r.id);
            respId.push_back(resp);
        }
    }
    BatchInsert::rows(_db,
                      "INSERT INTO evidence(id, seq, event_id, kind, learner, skill_code, level_number,"
                      " definition_sha256, level_text_sha256, activity_id, mapping_id, verb, score_raw,"
                      " score_min, score_max, score_scaled, success, assessor, outcome, note, evidence_url,"
                      " occurred_at, recorded_at, learner_ref, assessor_ref, note_sha256)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      id, seq, eventId, kind, learner, skill, level, defHash, levelHash, activity, mapping, verb, raw,
                      min, max, scaled, success, assessor, outcome, note, url, occurred, recorded, learnerRef,
                      assessorRef, noteSha);
    BatchInsert::rows(_db, "INSERT INTO evidence_responsibilities(evidence_id, responsibility_id) VALUES (?, ?)",
                      respEvidence, respId);
}

std::optional<EvidenceRecord> EvidenceRepository::find(const std::string& id)
{
    if (!_db.canHoldId(id)) return std::nullopt;
    std::string key = id;
    Poco::Data::Statement select(_db.session());
    select << _db.sql("SELECT " + columns(_db) + " FROM evidence WHERE id = ?"), use(key), now;
    Poco::Data::RecordSet rs(select);
    if (!rs.moveFirst()) return std::nullopt;
    EvidenceRecord r = fromRow(rs);
    std::vector<std::string> responsibilities;
    _db.session() << _db.sql("SELECT responsibility_id FROM evidence_responsibilities WHERE evidence_id = ?"), use(key),
        into(responsibilities), now;
    r.responsibilities = byteOrder(std::move(responsibilities));
    return r;
}

std::vector<EvidenceRecord> EvidenceRepository::list(const EvidenceFilter& f)
{
    // Each optional criterion is written as (? = 1 OR column = ?) so one prepared text serves all.
    std::string learner = f.learner.value_or(""), skill = f.skillCode.value_or(""), assessor = f.assessor.value_or(""),
                kind = f.kind.value_or(""), from = f.from.value_or(""), to = f.to.value_or(""),
                state = f.state ? stateName(*f.state) : "";
    int anyState = f.state ? 0 : 1;
    int anyLearner = f.learner ? 0 : 1, anySkill = f.skillCode ? 0 : 1, anyLevel = f.level ? 0 : 1,
        anyAssessor = f.assessor ? 0 : 1, anyKind = f.kind ? 0 : 1, anyFrom = f.from ? 0 : 1, anyTo = f.to ? 0 : 1,
        level = f.level.value_or(0), withWithdrawn = f.includeWithdrawn ? 1 : 0;
    // No LIMIT -1 or LIMIT ALL: neither is portable between SQLite and PostgreSQL.
    Poco::Int64 limit = f.limit ? static_cast<Poco::Int64>(f.limit) : Poco::Int64(1) << 62;
    Poco::Int64 offset = static_cast<Poco::Int64>(f.offset), after = f.afterSeq;
    Poco::Data::Statement select(_db.session());
    select << _db.sql("SELECT " + columns(_db) +
                      " FROM evidence"
                      " WHERE (? = 1 OR learner = ?) AND (? = 1 OR skill_code = ?) AND (? = 1 OR level_number = ?)"
                      " AND (? = 1 OR assessor = ?) AND (? = 1 OR kind = ?) AND (? = 1 OR occurred_at >= ?)"
                      " AND (? = 1 OR occurred_at < ?) AND (? = 1 OR withdrawn_at IS NULL)"
                      " AND (? = 1 OR " +
                      kState +
                      " = ?) AND seq > ?"
                      " ORDER BY seq LIMIT ? OFFSET ?"),
        use(anyLearner), use(learner), use(anySkill), use(skill), use(anyLevel), use(level), use(anyAssessor),
        use(assessor), use(anyKind), use(kind), use(anyFrom), use(from), use(anyTo), use(to), use(withWithdrawn),
        use(anyState), use(state), use(after), use(limit), use(offset), now;
    Poco::Data::RecordSet rs(select);
    std::vector<EvidenceRecord> result;
    std::map<std::string, std::size_t> index;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
    {
        index[rs["id"].convert<std::string>()] = result.size();
        result.push_back(fromRow(rs));
    }
    if (result.empty()) return result;

    Poco::Data::Statement responsibilities(_db.session());
    std::string evidenceId;
    std::vector<std::string> ids;
    responsibilities << _db.sql("SELECT responsibility_id FROM evidence_responsibilities WHERE evidence_id = ?"),
        use(evidenceId), into(ids);
    for (auto& r : result)
    {
        evidenceId = r.id;
        ids.clear();
        responsibilities.execute();
        r.responsibilities = byteOrder(ids);
    }
    return result;
}

std::vector<Verification> EvidenceRepository::verifications(const std::string& evidenceId)
{
    if (!_db.canHoldId(evidenceId)) return {};
    std::string key = evidenceId;
    Poco::Data::Statement select(_db.session());
    select << _db.sql("SELECT auditor, verified_at, note FROM verifications WHERE evidence_id = ?"
                      " ORDER BY verified_at, auditor"),
        use(key), now;
    Poco::Data::RecordSet rs(select);
    std::vector<Verification> result;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        result.push_back({rs["auditor"].convert<std::string>(), rs["verified_at"].convert<std::string>(),
                          optional<std::string>(rs, "note")});
    return result;
}

std::vector<long long> EvidenceRepository::logSeqs(const std::string& evidenceId)
{
    if (!_db.canHoldId(evidenceId)) return {};
    std::string key = evidenceId;
    std::vector<Poco::Int64> seqs;
    _db.session() << _db.sql("SELECT seq FROM evidence_log WHERE evidence_id = ? ORDER BY seq"), use(key), into(seqs),
        now;
    return std::vector<long long>(seqs.begin(), seqs.end());
}

bool EvidenceRepository::addVerification(const std::string& evidenceId, const std::string& auditor,
                                         const std::string& at, const std::optional<std::string>& note)
{
    std::string id = evidenceId, who = auditor, when = at;
    Poco::Nullable<std::string> text = nullable(note);
    int already = 0;
    _db.session() << _db.sql("SELECT COUNT(*) FROM verifications WHERE evidence_id = ? AND auditor = ?"), use(id),
        use(who), into(already), now;
    if (already) return false;
    _db.session() << _db.sql("INSERT INTO verifications(evidence_id, auditor, verified_at, note) VALUES (?, ?, ?, ?)"),
        use(id), use(who), use(when), use(text), now;
    return true;
}

bool EvidenceRepository::withdraw(const std::string& id, const std::string& at, const std::string& reason)
{
    if (!_db.canHoldId(id)) return false;
    std::string key = id, when = at, why = reason;
    Poco::Data::Statement update(_db.session());
    update << _db.sql("UPDATE evidence SET withdrawn_at = ?, withdrawn_reason = ?"
                      " WHERE id = ? AND withdrawn_at IS NULL"),
        use(when), use(why), use(key);
    return update.execute() > 0;
}

}
} // namespace sfe::store
