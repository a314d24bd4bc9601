//
// AuditService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/AuditService.h"

#include "sfe/service/LogContent.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/LearnerRefs.h"

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

    store::EvidenceLog log(_db);
    store::EvidenceRepository evidence(_db);
    store::LearnerRefs refs(_db);
    std::map<long long, std::string> chainAt;        // for checkpoints: seq -> chain hash
    std::set<std::string> recorded, withdrawn;
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

            auto row = evidence.find(e.evidenceId);
            if (!row)
            {
                problem(e.seq, e.evidenceId, at + "evidence record " + e.evidenceId + " is missing (deleted)");
                continue;
            }
            if (e.action == "record")
            {
                recorded.insert(e.evidenceId);
                if (LogContent::record(*row) != e.content)
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
                if (!row->withdrawnAt ||
                    LogContent::withdraw(row->id, *row->withdrawnAt, row->withdrawnReason.value_or("")) != e.content)
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

    // Signed checkpoints.
    std::vector<Poco::Int64> cpSeq;
    std::vector<std::string> cpHash, cpJws;
    _db.session() << "SELECT seq, chain_hash, jws FROM checkpoints ORDER BY seq", into(cpSeq), into(cpHash), into(cpJws),
        now;
    report.checkpoints = static_cast<long long>(cpSeq.size());
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

    // Report in log order so the first problem is the first bad entry.
    std::stable_sort(report.problems.begin(), report.problems.end(), [](const AuditProblem& a, const AuditProblem& b) {
        return (a.seq == 0 ? LLONG_MAX : a.seq) < (b.seq == 0 ? LLONG_MAX : b.seq);
    });
    return report;
}

} } // namespace sfe::service
