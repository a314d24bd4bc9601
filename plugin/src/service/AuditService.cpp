//
// AuditService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/AuditService.h"

#include "sfe/service/LogContent.h"
#include "sfe/service/StatementBinding.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/LearnerRefs.h"
#include "sfe/store/StatementRepository.h"

#include <Poco/Data/RecordSet.h>

#include <algorithm>
#include <climits>
#include <map>
#include <set>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace service {

namespace {

constexpr std::size_t kPage = 5000;

/// Whether `person` is the one `ref` names: their salt gives that ref, or they were erased and
/// the pseudonym names it.
bool belongsTo(store::LearnerRefs& refs, const std::string& person, const std::string& ref)
{
    if (person.rfind("erased-", 0) == 0) return person == "erased-" + ref;
    auto actual = refs.find(person);
    return actual && *actual == ref;
}

} // namespace

AuditService::AuditService(store::Database& db, CheckpointVerifier verifier):
    _db(db),
    _verifier(std::move(verifier))
{
}

AuditReport AuditService::verify(std::size_t maxProblems)
{
    AuditReport report;
    auto problem = [&](long long seq, const std::string& evidenceId, const std::string& message) {
        if (report.problems.size() < maxProblems) report.problems.push_back({seq, evidenceId, message});
    };

    // The store first: a damaged page can hide in a table no other check reads.
    std::vector<AuditProblem> storeProblems;
    checkStore(report, storeProblems);
    try
    {
        verifyContents(report, problem);
    }
    catch (const Poco::Exception& e)
    {
        // Only a damaged store gets here (tampering is reported, not thrown): say so, with what was found.
        if (storeProblems.empty()) throw;
        problem(0, "", "the store could not be read to the end: " + e.displayText());
    }

    // Report in log order so the first problem is the first bad entry; the store's own damage first.
    std::stable_sort(report.problems.begin(), report.problems.end(), [](const AuditProblem& a, const AuditProblem& b) {
        return (a.seq == 0 ? LLONG_MAX : a.seq) < (b.seq == 0 ? LLONG_MAX : b.seq);
    });
    report.problems.insert(report.problems.begin(), storeProblems.begin(), storeProblems.end());
    if (report.problems.size() > maxProblems) report.problems.resize(maxProblems);
    return report;
}

void AuditService::checkStore(AuditReport& report, std::vector<AuditProblem>& problems)
{
    auto& session = _db.session();
    if (_db.isSQLite())
    {
        report.storeCheck = "SQLite integrity_check";
        std::vector<std::string> lines;
        try
        {
            session << "PRAGMA integrity_check", into(lines), now;
        }
        catch (const Poco::Exception& e)
        {
            problems.push_back({0, "", "the store file is damaged: integrity_check failed: " + e.displayText()});
            return;
        }
        for (const auto& line : lines)
            if (line != "ok")
                problems.push_back({0, "", "the store file is damaged (integrity_check): " + line});
        return;
    }
    // PostgreSQL: read every row of every table of the store's schema in full (TOASTed values
    // included), so a damaged page or value makes the read fail here. (amcheck would also check
    // the indexes; it is an extension the store's user may not have.)
    report.storeCheck = "every table read in full";
    std::vector<std::string> tables;
    session << "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", into(tables),
        now;
    for (const auto& table : tables)
    {
        try
        {
            Poco::Int64 rows = 0;
            session << "SELECT COUNT(*) FROM \"" + table + "\" t WHERE LENGTH(CAST(t AS TEXT)) >= 0", into(rows), now;
        }
        catch (const Poco::Exception& e)
        {
            problems.push_back({0, "", "table " + table + " could not be read in full: " + e.displayText()});
        }
    }
}

void AuditService::verifyContents(AuditReport& report,
                                  const std::function<void(long long, const std::string&, const std::string&)>& problem)
{
    store::EvidenceLog log(_db);
    store::EvidenceRepository evidence(_db);
    store::LearnerRefs refs(_db);
    std::map<long long, std::string> chainAt;        // for checkpoints: seq -> chain hash
    std::set<std::string> recorded, withdrawn;
    struct Bound
    {
        long long seq;
        StatementBinding binding;
    };
    std::map<std::string, Bound> bound;              // statement id -> the entry that binds it
    std::string prev = store::EvidenceLog::kGenesis;
    long long expected = 1;
    long long from = 0;
    for (;;)
    {
        const auto page = log.entries(from, kPage);
        if (page.empty()) break;
        for (const store::LogEntry& e : page)
        {
            ++report.entries;
            const std::string at = "entry " + std::to_string(e.seq) + " (" + e.action + " " + e.evidenceId + "): ";
            if (e.seq != expected)
                problem(e.seq, e.evidenceId,
                        at + "expected entry " + std::to_string(expected) + " here: entries were deleted or inserted");
            if (e.prevHash != prev)
                problem(e.seq, e.evidenceId, at + "does not link to the entry before it (prev_hash differs)");
            if (store::EvidenceLog::sha256(e.content) != e.contentSha256)
                problem(e.seq, e.evidenceId, at + "its content does not match its content_sha256 (the entry was changed)");
            if (store::EvidenceLog::link(e.prevHash, e.contentSha256) != e.chainHash)
                problem(e.seq, e.evidenceId, at + "its chain_hash is not SHA-256(prev_hash || content_sha256)");
            prev = e.chainHash;
            expected = e.seq + 1;
            chainAt[e.seq] = e.chainHash;

            try
            {
                if (auto bindings = StatementBinding::read(e.content))
                    for (auto& b : *bindings)
                        if (!bound.emplace(b.id, Bound{e.seq, b}).second)
                            problem(e.seq, e.evidenceId, at + "statement " + b.id + " is bound by an earlier entry too");
            }
            catch (const Poco::Exception&)
            {
                problem(e.seq, e.evidenceId, at + "its content is not JSON");
            }

            auto row = evidence.find(e.evidenceId);
            if (!row)
            {
                problem(e.seq, e.evidenceId, at + "evidence record " + e.evidenceId + " is missing (deleted)");
                continue;
            }
            const std::string fields = LogContent::withoutStatements(e.content);
            if (e.action == "record")
            {
                recorded.insert(e.evidenceId);
                if (LogContent::record(*row, std::nullopt) != fields)
                    problem(e.seq, e.evidenceId, at + "evidence record " + e.evidenceId + " differs from what was logged");
                if (row->note && row->noteSha256 && store::EvidenceLog::sha256(*row->note) != *row->noteSha256)
                    problem(e.seq, e.evidenceId, at + "the note of evidence " + e.evidenceId + " was changed");
                // People are logged by ref only; their ids must still lead to those refs.
                if (!belongsTo(refs, row->learner, row->learnerRef))
                    problem(e.seq, e.evidenceId, at + "the learner of evidence " + e.evidenceId + " was changed");
                if (row->assessor && (!row->assessorRef || !belongsTo(refs, *row->assessor, *row->assessorRef)))
                    problem(e.seq, e.evidenceId, at + "the assessor of evidence " + e.evidenceId + " was changed");
            }
            else if (e.action == "withdraw")
            {
                withdrawn.insert(e.evidenceId);
                // Erasing the learner or the assessor removes the reason (NULL): the time is still compared; a reason present must be the logged one.
                auto beforeReason = [](const std::string& c) { return c.substr(0, c.rfind(",\"reasonSha256\":")); };
                bool same = false;
                if (row->withdrawnAt && row->withdrawnReason)
                    same = LogContent::withdraw(row->id, *row->withdrawnAt, *row->withdrawnReason, std::nullopt) == fields;
                else if (row->withdrawnAt &&
                         (row->erasedAt || (row->assessor && row->assessor->rfind("erased-", 0) == 0)))
                    same = beforeReason(LogContent::withdraw(row->id, *row->withdrawnAt, "", std::nullopt)) ==
                           beforeReason(fields);
                if (!same)
                    problem(e.seq, e.evidenceId, at + "the withdrawal of " + e.evidenceId + " differs from what was logged");
            }
        }
        from = page.back().seq + 1;
    }
    report.head = prev;

    // Rows the log does not know.
    std::vector<std::string> ids;
    std::vector<Poco::Int64> seqs;
    std::vector<int> isWithdrawn;
    _db.session() << "SELECT id, seq, CASE WHEN withdrawn_at IS NULL THEN 0 ELSE 1 END FROM evidence ORDER BY seq",
        into(ids), into(seqs), into(isWithdrawn), now;
    report.evidenceRecords = static_cast<long long>(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
    {
        if (!recorded.count(ids[i]))
            problem(0, ids[i], "evidence " + ids[i] + " (seq " + std::to_string(seqs[i]) +
                                   ") has no entry in the log (inserted outside the plugin)");
        if (isWithdrawn[i] && !withdrawn.count(ids[i]))
            problem(0, ids[i], "evidence " + ids[i] + " is marked withdrawn but the log has no withdrawal");
    }

    // The outbox against the log: every statement must be the one its entry binds.
    Poco::Nullable<Poco::Int64> boundFrom;
    _db.session() << "SELECT value FROM sequences WHERE name = 'statements_bound_from'", into(boundFrom), now;
    std::set<std::string> present;
    for (const store::StatementRecord& s : store::StatementRepository(_db).list())
    {
        ++report.statements;
        present.insert(s.id);
        const std::string what = "statement " + s.id + " (" + s.state + ", evidence " + s.evidenceId.value_or("none") + ")";
        auto it = bound.find(s.id);
        if (it == bound.end())
        {
            if (!boundFrom.isNull() && s.seq < boundFrom.value())
                ++report.statementsUnbound;     // made before statements were bound: reported, not checked
            else
                problem(0, s.evidenceId.value_or(""), what + " has no entry in the log (inserted outside the plugin)");
            continue;
        }
        std::vector<std::string> people{s.learner};
        std::optional<std::string> note;
        if (s.evidenceId)
            if (auto row = evidence.find(*s.evidenceId))
            {
                people.push_back(row->learner);
                if (row->assessor) people.push_back(*row->assessor);
                note = row->note;
            }
        std::string why;
        switch (it->second.binding.check(s, people, note, why))
        {
        case StatementBinding::Match::Same: ++report.statementsMatched; break;
        case StatementBinding::Match::Erased: ++report.statementsErased; break;
        case StatementBinding::Match::Differs:
            problem(it->second.seq, s.evidenceId.value_or(""),
                    "entry " + std::to_string(it->second.seq) + ": " + what + " was changed after it was logged: " + why);
            break;
        }
    }
    for (const auto& [id, b] : bound)
        if (!present.count(id))
            problem(b.seq, b.binding.evidenceId.value_or(""),
                    "entry " + std::to_string(b.seq) + ": statement " + id + " is bound here but missing from the outbox (deleted)");

    // Signed checkpoints.
    std::vector<Poco::Int64> cpSeq;
    std::vector<std::string> cpHash, cpJws;
    _db.session() << "SELECT seq, chain_hash, jws FROM checkpoints ORDER BY seq", into(cpSeq), into(cpHash), into(cpJws),
        now;
    report.checkpoints = static_cast<long long>(cpSeq.size());
    report.checkpointsUnverified = !cpSeq.empty() && !_verifier;
    for (std::size_t i = 0; i < cpSeq.size(); ++i)
    {
        const std::string at = "checkpoint at entry " + std::to_string(cpSeq[i]) + ": ";
        auto it = chainAt.find(cpSeq[i]);
        if (it == chainAt.end())
            problem(cpSeq[i], "", at + "the log has no such entry (entries were deleted)");
        else if (it->second != cpHash[i])
            problem(cpSeq[i], "", at + "the log's chain hash differs from the signed one (the log was rewritten)");
        if (_verifier)
        {
            std::string why;
            if (_verifier(cpSeq[i], cpHash[i], cpJws[i], why)) ++report.checkpointsVerified;
            else problem(cpSeq[i], "", at + "signature does not verify: " + why);
        }
    }
}

} } // namespace sfe::service
