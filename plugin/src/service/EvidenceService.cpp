//
// EvidenceService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/EvidenceService.h"

#include "sfe/runtime/Error.h"
#include "sfe/runtime/Time.h"
#include "sfe/service/LogContent.h"
#include "sfe/service/Vocabulary.h"
#include "sfe/store/CheckpointRepository.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/MappingRepository.h"
#include "sfe/store/ProgressRepository.h"
#include "sfe/store/Transaction.h"
#include "sfe/xapi/Iri.h"
#include "sfe/xapi/Timestamp.h"
#include "sfe/xapi/Uuid.h"

#include <algorithm>
#include <map>
#include <set>

namespace sfe {
namespace service {

namespace {

constexpr std::size_t kMaxIdLength = 256;
constexpr std::size_t kMaxNoteLength = 10000;
// An LMS clock may run a little ahead of ours; xAPI forbids timestamps in the future.
constexpr Poco::Timestamp::TimeDiff kAllowedClockSkew = Poco::Timestamp::TimeDiff(5) * 60 * 1000000;

xapi::SerializerOptions serializerOptions(const runtime::Settings& settings)
{
    xapi::SerializerOptions o;
    o.version = settings.xapiVersion == "2.0.0" ? xapi::SpecVersion::v2_0_0 : xapi::SpecVersion::v1_0_3;
    o.instructorRelevantType = vocabulary::kRelevantTypeAssessor;
    return o;
}

xapi::ValidatorOptions validatorOptions(const runtime::Settings& settings)
{
    xapi::ValidatorOptions o;
    o.version = settings.xapiVersion == "2.0.0" ? xapi::SpecVersion::v2_0_0 : xapi::SpecVersion::v1_0_3;
    return o;
}

std::string formatNumber(double d)
{
    std::string s = std::to_string(d);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

} // namespace

struct EvidenceService::Batch
{
    std::vector<std::string> eventIds;
    std::vector<std::string> eventKinds;
    std::vector<store::EvidenceRecord> evidence;
    std::vector<store::StatementRecord> statements;
    std::vector<RecordResult> results;
    std::map<std::string, std::optional<store::ActivityRecord>> activities;
    std::map<std::string, std::vector<store::MappingRecord>> mappings;
    store::TextEncoder* encoder = nullptr; ///< compresses the statements' bodies as they are made
};

EvidenceService::EvidenceService(store::Database& db, DefinitionCache& definitions, const StatementFactory& statements,
                                 store::LearnerRefs& refs, ProgressService& progress, Checkpointer& checkpoints,
                                 std::shared_ptr<const SigningKeys> keys, const runtime::Settings& settings,
                                 std::function<void()> onRecorded):
    _db(db),
    _definitions(definitions),
    _refs(refs),
    _progress(progress),
    _checkpoints(checkpoints),
    _signer(settings.xapiSign ? std::make_unique<StatementSigner>(std::move(keys)) : nullptr),
    _statements(statements),
    _settings(settings),
    _onRecorded(std::move(onRecorded)),
    _serializer(serializerOptions(settings)),
    _validator(validatorOptions(settings))
{}

void EvidenceService::seal(xapi::Statement statement, const std::string& what, store::StatementRecord& record) const
{
    const xapi::Problems problems = _validator.validate(statement);
    if (!problems.empty())
    {
        std::string message = what + ": the statement would not be valid xAPI:";
        for (const auto& p : problems) message += "\n  " + p.toString();
        throw runtime::Error::invalid(message);
    }
    record.body = _serializer.serialize(statement);
    if (!_signer) return;
    auto signedStatement = _signer->sign(record.body);
    record.body = std::move(signedStatement.body);
    record.signature = std::move(signedStatement.jws);
}

void EvidenceService::checkAndBuild(const LmsEvent& e, std::size_t index, std::size_t count, Batch& batch,
                                    const Poco::Timestamp& now)
{
    // In a batch, name the event as well as the operation.
    const std::string op =
        count > 1 ? "event " + std::to_string(index + 1) + " (" + e.operation() + ")" : e.operation();
    auto invalid = [&](const std::string& message) { return runtime::Error::invalid(op + ": " + message); };

    if (e.learner.empty()) throw invalid("'learner' is required");
    if (e.learner.size() > kMaxIdLength) throw invalid("'learner' is longer than 256 bytes");
    for (unsigned char c : e.learner)
        if (c < 0x20) throw invalid("'learner' contains a control character");
    if (e.eventId.size() > kMaxIdLength) throw invalid("'eventId' is longer than 256 bytes");

    Poco::Timestamp occurred = now;
    if (e.at)
    {
        auto parsed = runtime::parseTime(*e.at);
        if (!parsed) throw invalid("'at' is not an RFC 3339 date-time with a zone: '" + *e.at + "'");
        if (*parsed - now > kAllowedClockSkew) throw invalid("'at' is in the future: " + *e.at);
        occurred = *parsed;
    }

    store::EvidenceRecord base;
    base.learner = e.learner;
    base.occurredAt = xapi::Timestamp::format(occurred);
    base.recordedAt = xapi::Timestamp::format(now);

    // Evidence and statement ids are time-ordered (UUID version 7): the indexes on them append.
    const long long nowMs = now.epochMicroseconds() / 1000;
    RecordResult result;
    result.eventId = e.eventId.empty() ? xapi::Uuid::timeOrdered(nowMs) : e.eventId;
    base.eventId = result.eventId;

    std::vector<std::pair<store::EvidenceRecord, xapi::Statement>> made;
    if (e.type == LmsEvent::Type::Completion)
    {
        if (e.verb != "completed" && e.verb != "passed" && e.verb != "failed")
            throw invalid("'verb' must be completed, passed or failed, not '" + e.verb + "'");
        if (e.scoreScaled && (*e.scoreScaled < -1 || *e.scoreScaled > 1))
            throw invalid("'score.scaled' " + formatNumber(*e.scoreScaled) + " is out of range [-1, 1]");
        if (e.scoreMin && e.scoreMax && *e.scoreMin >= *e.scoreMax)
            throw invalid("'score.min' must be below 'score.max'");
        if (e.scoreRaw && ((e.scoreMin && *e.scoreRaw < *e.scoreMin) || (e.scoreMax && *e.scoreRaw > *e.scoreMax)))
            throw invalid("'score.raw' " + formatNumber(*e.scoreRaw) + " is outside [score.min, score.max]");
        if (e.activity.empty()) throw invalid("'activity' is required");

        store::MappingRepository mappings(_db);
        auto known = batch.activities.find(e.activity);
        if (known == batch.activities.end())
            known = batch.activities.emplace(e.activity, mappings.activity(e.activity)).first;
        if (!known->second)
            throw runtime::Error::notFound(op + ": unknown activity '" + e.activity + "': map it to a level first");
        const store::ActivityRecord& activity = *known->second;
        auto mapped = batch.mappings.find(activity.id);
        if (mapped == batch.mappings.end())
            mapped = batch.mappings.emplace(activity.id, mappings.activeMappings(std::nullopt, activity.id)).first;
        if (mapped->second.empty())
            throw runtime::Error::notFound(op + ": activity '" + e.activity + "' is not mapped to any level");

        for (const store::MappingRecord& m : mapped->second)
        {
            const store::StoredSkill& skill = _definitions.skill(m.skillCode, m.definitionSha256);
            const definition::Level* level = skill.skill.level(m.level);
            store::EvidenceRecord r = base;
            r.id = xapi::Uuid::timeOrdered(nowMs);
            r.kind = "learning"; // SFIA: formal learning develops a level; it does not demonstrate it
            r.skillCode = m.skillCode;
            r.level = m.level;
            r.definitionSha256 = m.definitionSha256;
            r.levelTextSha256 = level ? level->textSha256 : std::string();
            r.activityId = activity.id;
            r.mappingId = m.id;
            r.verb = e.verb;
            // With raw, min and max but no scaled score, scaled is derived, so LRS reports can compare.
            r.scoreScaled = e.scoreScaled;
            if (!r.scoreScaled && e.scoreRaw && e.scoreMin && e.scoreMax)
                r.scoreScaled = (*e.scoreRaw - *e.scoreMin) / (*e.scoreMax - *e.scoreMin);
            r.scoreRaw = e.scoreRaw;
            r.scoreMin = e.scoreMin;
            r.scoreMax = e.scoreMax;
            if (e.verb != "completed") r.success = e.verb == "passed";
            for (const auto& mr : m.responsibilities) r.responsibilities.push_back(mr.id);
            const std::string statementId = xapi::Uuid::timeOrdered(nowMs);
            made.emplace_back(r, _statements.learning(statementId, r, activity, skill));
        }
    }
    else
    {
        if (e.responsibility.empty()) throw invalid("'responsibility' is required");
        if (e.assessor.empty()) throw invalid("'assessor' is required");
        if (e.assessor.size() > kMaxIdLength) throw invalid("'assessor' is longer than 256 bytes");
        if (e.assessor == e.learner) throw invalid("the assessor cannot attest their own demonstration");
        double scaled = 0;
        if (e.outcome == "demonstrated") scaled = 1;
        else if (e.outcome == "partial") scaled = 0.5;
        else if (e.outcome != "not-demonstrated")
            throw invalid("'outcome' must be demonstrated, partial or not-demonstrated, not '" + e.outcome + "'");
        if (e.note && e.note->size() > kMaxNoteLength) throw invalid("'note' is longer than 10000 bytes");
        if (e.evidenceUrl)
        {
            const std::string why = xapi::Iri::check(*e.evidenceUrl);
            if (!why.empty()) throw invalid("'evidenceUrl' '" + *e.evidenceUrl + "' is not an absolute IRI: " + why);
        }
        const store::StoredSkill* skill = _definitions.currentHolding(e.responsibility);
        if (!skill) throw runtime::Error::notFound(op + ": unknown responsibility '" + e.responsibility + "'");
        const definition::Level* level = nullptr;
        for (const auto& l : skill->skill.levels)
            for (const auto& r : l.responsibilities)
                if (r.id == e.responsibility) level = &l;

        store::EvidenceRecord r = base;
        r.id = xapi::Uuid::timeOrdered(nowMs);
        r.kind = "demonstrated";
        r.skillCode = skill->skill.code;
        r.level = level->number;
        r.definitionSha256 = skill->definitionSha256;
        r.levelTextSha256 = level->textSha256;
        r.verb = "attested";
        r.assessor = e.assessor;
        r.outcome = e.outcome;
        r.scoreScaled = scaled;
        r.success = e.outcome == "demonstrated";
        r.note = e.note;
        if (e.note) r.noteSha256 = store::EvidenceLog::sha256(*e.note);
        r.evidenceUrl = e.evidenceUrl;
        r.responsibilities = {e.responsibility};
        const std::string statementId = xapi::Uuid::timeOrdered(nowMs);
        made.emplace_back(r, _statements.attestation(statementId, r, *skill));
    }

    const char* kind = e.type == LmsEvent::Type::Completion ? "completion" : "attestation";
    for (auto& [record, statement] : made)
    {
        store::StatementRecord s;
        s.id = statement.id;
        s.evidenceId = record.id;
        s.kind = statement.verb.id == vocabulary::kVerbAttested ? vocabulary::kKindDemonstrationAttested
                 : record.verb == "passed"                      ? vocabulary::kKindLearningPassed
                 : record.verb == "failed"                      ? vocabulary::kKindLearningFailed
                                                                : vocabulary::kKindLearningCompleted;
        s.learner = record.learner;
        seal(statement, op, s);
        s.nextAttemptAt = record.recordedAt;
        s.createdAt = record.recordedAt;
        result.evidenceIds.push_back(record.id);
        result.statementIds.push_back(s.id);
        batch.evidence.push_back(std::move(record));
        batch.statements.push_back(std::move(s));
        store::StatementRepository(_db).queueBodies(*batch.encoder, batch.statements, batch.statements.size() - 1);
    }
    batch.eventIds.push_back(result.eventId);
    batch.eventKinds.push_back(kind);
    batch.results.push_back(std::move(result));
}

void EvidenceService::settleStatements(std::vector<store::StatementRecord>& statements,
                                       const std::set<std::pair<std::string, std::string>>& affected,
                                       const std::string& at)
{
    auto made = _progress.reevaluate(
        affected, at, [this](const xapi::Statement& st, store::StatementRecord& s) { seal(st, "attainment", s); });
    statements.insert(statements.end(), std::make_move_iterator(made.begin()), std::make_move_iterator(made.end()));
    if (statements.empty()) return;
    long long seq = _db.nextSequence("statements", static_cast<long long>(statements.size()));
    for (auto& s : statements) s.seq = seq++;
}

void EvidenceService::appendLogAndStatements(const std::vector<LogItem>& items,
                                             std::vector<store::StatementRecord>& statements, const std::string& at,
                                             const Poco::Timestamp& now, store::TextEncoder& encoder)
{
    if (items.empty())
    {
        if (!statements.empty()) throw runtime::Error(1, "statements without a log entry to bind them");
        return;
    }
    // The bodies not queued yet (attainment, voiding statements) join those that were.
    store::StatementRepository outbox(_db);
    if (encoder.size() > statements.size())
        throw runtime::Error(1, "the text encoder holds more texts than there are statements");
    outbox.queueBodies(encoder, statements, encoder.size());
    // The outbox is inside the chain: each entry names the statements of its transaction.
    std::map<std::string, std::size_t> itemOf;
    for (std::size_t i = 0; i < items.size(); ++i) itemOf[items[i].evidenceId] = i;
    std::vector<std::vector<StatementBinding>> bound(items.size());
    std::vector<std::size_t> entryOf;
    for (const auto& s : statements)
    {
        auto it = s.evidenceId ? itemOf.find(*s.evidenceId) : itemOf.end();
        const std::size_t i = it == itemOf.end() ? items.size() - 1 : it->second;
        bound[i].push_back(StatementBinding::of(s));
        entryOf.push_back(i);
    }
    std::vector<std::string> ids, actions, contents;
    for (std::size_t i = 0; i < items.size(); ++i)
    {
        ids.push_back(items[i].evidenceId);
        actions.push_back(items[i].action);
        contents.push_back(items[i].content(bound[i]));
    }
    const store::LogEntry head = store::EvidenceLog(_db).append(ids, actions, contents, at, encoder);
    _checkpoints.afterAppend(head, now);
    const long long first = head.seq - static_cast<long long>(items.size()) + 1;
    for (std::size_t j = 0; j < statements.size(); ++j)
        statements[j].logSeq = first + static_cast<long long>(entryOf[j]);
    if (!statements.empty()) outbox.insert(statements, encoder.take(0, statements.size()));
}

std::vector<store::EvidenceRecord> EvidenceService::list(const store::EvidenceFilter& filter)
{
    return store::EvidenceRepository(_db).list(filter);
}

std::vector<store::StatementRecord> EvidenceService::statements(const std::optional<std::string>& learner,
                                                                const std::optional<std::string>& state,
                                                                long long afterSeq, std::size_t limit)
{
    return store::StatementRepository(_db).list(learner, state, afterSeq, limit);
}

std::string EvidenceService::definitionLanguage(const std::string& skillCode)
{
    const store::StoredSkill* skill = _definitions.current(skillCode);
    return skill ? skill->framework.language : std::string();
}

EvidenceView EvidenceService::show(const std::string& evidenceId)
{
    store::EvidenceRepository evidence(_db);
    auto record = evidence.find(evidenceId);
    if (!record) throw runtime::Error::notFound("evidence.show: no evidence with id '" + evidenceId + "'");
    EvidenceView view;
    view.record = *record;
    view.language = _definitions.skill(record->skillCode, record->definitionSha256).framework.language;
    view.verifications = evidence.verifications(evidenceId);
    view.checkpointsEnabled = _checkpoints.enabled();

    // Each entry is checked as audit verify checks it: its content hashes to its content hash,
    // that hash links from the previous entry's chain hash to its own, and a recording's content
    // is the one the stored record gives.
    store::EvidenceLog log(_db);
    store::CheckpointRepository checkpoints(_db);
    std::set<long long> seqs;
    for (long long seq : evidence.logSeqs(evidenceId))
    {
        const auto entries = log.entries(std::max(1LL, seq - 1), 2);
        auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.seq == seq; });
        if (it == entries.end()) continue;
        LoggedEntryView v;
        v.entry = *it;
        v.contentIntact = store::EvidenceLog::sha256(it->content) == it->contentSha256;
        v.linkIntact = store::EvidenceLog::link(it->prevHash, it->contentSha256) == it->chainHash;
        if (seq == 1) v.followsPrevious = it->prevHash == store::EvidenceLog::kGenesis;
        else
            v.followsPrevious =
                it != entries.begin() && (it - 1)->seq == seq - 1 && it->prevHash == (it - 1)->chainHash;
        if (it->action == "record")
        {
            try
            {
                v.matchesRecord = LogContent::record(*record, StatementBinding::read(it->content)) == it->content;
            }
            catch (const Poco::Exception&)
            {
                v.matchesRecord = false; // the content is not JSON
            }
        }
        v.checkpoint = checkpoints.covering(seq);
        seqs.insert(seq);
        view.log.push_back(std::move(v));
    }

    // The record's statements, and those its entries bind (the attainments and voidings made in
    // the same transactions), from the learner's part of the outbox.
    for (store::StatementRecord& s : store::StatementRepository(_db).list(record->learner))
    {
        const bool own = s.evidenceId && *s.evidenceId == evidenceId;
        if (!own && !(s.logSeq && seqs.count(*s.logSeq))) continue;
        StatementProofView p;
        p.bodySha256 = store::EvidenceLog::sha256(s.body);
        p.mismatch = StatementBinding::refusal(_db, s);
        p.statement = std::move(s);
        view.statements.push_back(std::move(p));
    }
    return view;
}

void EvidenceService::verify(const std::string& evidenceId, const std::string& auditor,
                             const std::optional<std::string>& note, const Poco::Timestamp& now)
{
    if (auditor.empty()) throw runtime::Error::invalid("verify: 'auditor' is required");
    // Bounded like learners and assessors: the auditor is a key (verifications, learner_refs), and
    // PostgreSQL refuses index entries over 2704 bytes.
    if (auditor.size() > kMaxIdLength) throw runtime::Error::invalid("verify: 'auditor' is longer than 256 bytes");
    store::EvidenceRepository evidence(_db);
    store::Transaction tx(_db);
    auto record = evidence.find(evidenceId);
    if (!record) throw runtime::Error::notFound("verify: no evidence with id '" + evidenceId + "'");
    if (record->kind != "demonstrated" || record->outcome.value_or("") != "demonstrated")
        throw runtime::Error::invalid("verify: evidence " + evidenceId + " is not an attested demonstration");
    if (record->withdrawnAt) throw runtime::Error::invalid("verify: evidence " + evidenceId + " was withdrawn");
    if (auditor == record->learner || auditor == record->assessor.value_or(""))
        throw runtime::Error::invalid("verify: the auditor must be neither the learner nor the assessor");

    const std::string at = xapi::Timestamp::format(now);
    if (!evidence.addVerification(evidenceId, auditor, at, note))
        throw runtime::Error::conflict("verify: " + auditor + " verified evidence " + evidenceId + " already");
    const std::string auditorRef = _refs.refs({auditor}).at(auditor);
    std::vector<store::StatementRecord> made;
    settleStatements(made, {{record->learner, record->skillCode}}, at);
    store::TextEncoder encoder(false); // a statement or two: this thread compresses them
    appendLogAndStatements({{evidenceId, "verify",
                             [&](const auto& bound) { return LogContent::verify(evidenceId, auditorRef, at, bound); }}},
                           made, at, now, encoder);
    tx.commit();
    if (!made.empty() && _onRecorded) _onRecorded();
}

std::vector<RecordResult> EvidenceService::record(const std::vector<LmsEvent>& events, const Poco::Timestamp& now)
{
    try
    {
        return recordInTransaction(events, now);
    }
    catch (...)
    {
        _refs.clearCache(); // refs made in a rolled-back transaction do not exist
        throw;
    }
}

std::vector<RecordResult> EvidenceService::recordInTransaction(const std::vector<LmsEvent>& events,
                                                               const Poco::Timestamp& now)
{
    store::EvidenceRepository evidence(_db);
    store::Transaction tx(_db);

    // Events recorded before, or twice in this batch, are answered as duplicates and skipped.
    std::vector<std::string> given;
    for (const auto& e : events)
        if (!e.eventId.empty()) given.push_back(e.eventId);
    std::set<std::string> seen = evidence.knownEvents(given);

    // Compresses the statements' bodies on a thread of its own as they are made (TextEncoder).
    store::TextEncoder encoder(events.size() >= store::TextEncoder::kBackgroundFrom);
    Batch batch;
    batch.encoder = &encoder;
    std::vector<RecordResult> results;
    std::vector<std::size_t> recordedIndex;
    for (std::size_t i = 0; i < events.size(); ++i)
    {
        const LmsEvent& e = events[i];
        if (!e.eventId.empty() && !seen.insert(e.eventId).second)
        {
            RecordResult dup;
            dup.eventId = e.eventId;
            dup.duplicate = true;
            results.push_back(dup);
            continue;
        }
        checkAndBuild(e, i, events.size(), batch, now);
        results.push_back(batch.results.back());
    }

    const std::string at = xapi::Timestamp::format(now);
    std::vector<LogItem> log;
    if (!batch.evidence.empty())
    {
        std::vector<std::string> people;
        for (const auto& r : batch.evidence)
        {
            people.push_back(r.learner);
            if (r.assessor) people.push_back(*r.assessor);
        }
        const auto refs = _refs.refs(people);
        long long evidenceSeq = _db.nextSequence("evidence", static_cast<long long>(batch.evidence.size()));
        for (auto& r : batch.evidence)
        {
            r.seq = evidenceSeq++;
            r.learnerRef = refs.at(r.learner);
            if (r.assessor) r.assessorRef = refs.at(*r.assessor);
            log.push_back({r.id, "record", [&r](const auto& bound) { return LogContent::record(r, bound); }});
        }
    }
    // Attainment is re-evaluated only where a new record can change it under the rule.
    std::set<std::pair<std::string, std::string>> affected;
    for (const auto& r : batch.evidence)
        if (_progress.rule().canAttain(r.kind, r.verb, r.outcome.value_or("")))
            affected.emplace(r.learner, r.skillCode);
    evidence.insertEvents(batch.eventIds, batch.eventKinds);
    evidence.insert(batch.evidence);
    settleStatements(batch.statements, affected, at);
    appendLogAndStatements(log, batch.statements, at, now, encoder);
    tx.commit();
    if (!batch.statements.empty() && _onRecorded) _onRecorded();
    return results;
}

WithdrawResult EvidenceService::withdraw(const std::string& evidenceId, const std::string& reason,
                                         const std::optional<std::string>& eventId, const Poco::Timestamp& now)
{
    if (reason.empty()) throw runtime::Error::invalid("withdraw: a reason is required");
    if (eventId && eventId->size() > kMaxIdLength)
        throw runtime::Error::invalid("withdraw: 'eventId' is longer than 256 bytes");
    store::EvidenceRepository evidence(_db);
    store::StatementRepository outbox(_db);
    store::Transaction tx(_db);

    WithdrawResult result;
    result.evidenceId = evidenceId;
    if (eventId && !evidence.knownEvents({*eventId}).empty())
    {
        result.duplicate = true;
        return result;
    }
    auto record = evidence.find(evidenceId);
    if (!record) throw runtime::Error::notFound("withdraw: no evidence with id '" + evidenceId + "'");
    if (record->withdrawnAt)
        throw runtime::Error::conflict("withdraw: evidence " + evidenceId + " was already withdrawn at " +
                                       *record->withdrawnAt);

    result.learner = record->learner;
    result.skillCode = record->skillCode;
    const std::string at = xapi::Timestamp::format(now);
    std::vector<store::StatementRecord> voiding;
    for (const std::string& voided : outbox.idsForEvidence(evidenceId))
    {
        store::StatementRecord s;
        s.id = xapi::Uuid::timeOrdered(now.epochMicroseconds() / 1000);
        s.evidenceId = evidenceId;
        s.kind = vocabulary::kKindVoided;
        s.learner = record->learner;
        seal(_statements.voiding(s.id, voided, at), "withdraw", s);
        s.voidsStatementId = voided;
        s.nextAttemptAt = at;
        s.createdAt = at;
        result.voidingStatementIds.push_back(s.id);
        voiding.push_back(std::move(s));
    }
    evidence.withdraw(evidenceId, at, reason);
    evidence.insertEvents({eventId.value_or(xapi::Uuid::timeOrdered(now.epochMicroseconds() / 1000))}, {"withdrawal"});
    // A level is lost when the re-evaluation voids the "achieved" statement of an attainment.
    std::map<std::string, int> levelOfAchievement;
    {
        store::ProgressRepository progress(_db);
        for (const store::Attainment& a : progress.activeAttainments(record->learner, record->skillCode))
            levelOfAchievement[a.statementId] = a.level;
    }
    settleStatements(voiding, {{record->learner, record->skillCode}}, at);
    store::TextEncoder encoder(voiding.size() >= store::TextEncoder::kBackgroundFrom);
    for (const store::StatementRecord& s : voiding)
    {
        auto lost = s.voidsStatementId ? levelOfAchievement.find(*s.voidsStatementId) : levelOfAchievement.end();
        if (lost != levelOfAchievement.end()) result.levelsLost.push_back(lost->second);
    }
    std::sort(result.levelsLost.begin(), result.levelsLost.end());
    appendLogAndStatements({{evidenceId, "withdraw",
                             [&](const auto& bound) { return LogContent::withdraw(evidenceId, at, reason, bound); }}},
                           voiding, at, now, encoder);
    tx.commit();
    if (!voiding.empty() && _onRecorded) _onRecorded();
    return result;
}

}
} // namespace sfe::service
