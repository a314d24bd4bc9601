//
// AuditService.h
//
// Library: sfe_core
// Package: service
//
// Use case for auditors: check that the evidence and its log are what was recorded.
//

#ifndef SFE_SERVICE_AUDITSERVICE_H
#define SFE_SERVICE_AUDITSERVICE_H

#include "sfe/store/Database.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// One thing `audit verify` found wrong, located by log entry and/or evidence record.
struct AuditProblem
{
    long long seq = 0;              ///< the log entry (0 when the problem is an evidence row alone)
    std::string evidenceId;
    std::string message;
};

/// What `audit verify` found.
struct AuditReport
{
    long long entries = 0;
    long long evidenceRecords = 0;
    long long checkpoints = 0;
    long long checkpointsVerified = 0;
    std::string head;                   ///< the last chain hash
    std::vector<AuditProblem> problems; ///< in log order; the first is the first bad entry
    bool ok() const { return problems.empty(); }
};

/// Verifies the evidence log against itself and against the evidence tables:
///  - the chain: entries numbered 1..N without gaps, each prev_hash the previous chain_hash,
///    content_sha256 and chain_hash recomputed (finds changed, deleted, inserted, reordered entries);
///  - the records: each entry rebuilt from the current row (service::LogContent) must equal the
///    logged content (finds changed or deleted evidence); every evidence row must have its
///    "record" entry, every withdrawn row its "withdraw" entry (finds inserted rows, hidden withdrawals);
///    a note that is present must match its hash;
///  - the checkpoints: each signed head must equal the chain at its position, and its signature
///    must verify (checkpointVerifier; without one, checkpoints are counted but not verified).
class AuditService
{
public:
    /// Returns true when `jws` is a valid signature over a checkpoint of (seq, chainHash).
    using CheckpointVerifier = std::function<bool(long long seq, const std::string& chainHash, const std::string& jws,
                                                  std::string& why)>;

    explicit AuditService(store::Database& db, CheckpointVerifier verifier = {});

    /// Reads everything in pages; never throws for tampering, only for store failures.
    AuditReport verify(std::size_t maxProblems = 100);

private:
    store::Database& _db;
    CheckpointVerifier _verifier;
};

} } // namespace sfe::service

#endif
