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
    long long seq = 0; ///< the log entry (0 when the problem is an evidence row alone)
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
    long long statements = 0;           ///< statements in the outbox (pending, delivered, quarantined)
    long long statementsMatched = 0;    ///< body and signature as logged
    long long statementsErased = 0;     ///< rewritten by an erasure, as erasure rewrites
    long long statementsUnbound = 0;    ///< made before statements were bound to the log: not checked
    bool checkpointsUnverified = false; ///< checkpoints exist but no certificate or key was given to check them
    std::string storeCheck; ///< what checked the store itself (SQLite integrity_check, or reading every table)
    std::vector<AuditProblem> problems; ///< in log order; the first is the first bad entry
    long long problemsOmitted = 0;      ///< found beyond maxProblems: counted, not listed
    long long storeProblems = 0;        ///< how many of `problems` (the first ones) are the store's own damage
    long long from = 1, to = 0;         ///< the entries this run covered (to < from: none)
    long long last = 0;                 ///< the log's last seq when the run read it
    long long statementsBound = 0;      ///< statements whose log_seq entry, in [from, to], binds them
    bool ok() const { return problems.empty() && problemsOmitted == 0; }
    /// True when something could not be checked (unverified checkpoints, unbound statements).
    bool incomplete() const { return checkpointsUnverified || statementsUnbound > 0; }
};

/// Verifies the evidence log against itself and against the evidence tables:
///  - the chain: entries numbered 1..N without gaps, each prev_hash the previous chain_hash,
///    content_sha256 and chain_hash recomputed (finds changed, deleted, inserted, reordered entries);
///  - the records: each entry rebuilt from the current row (service::LogContent) must equal the
///    logged content (finds changed or deleted evidence); every evidence row must have its
///    "record" entry, every withdrawn row its "withdraw" entry (finds inserted rows, hidden withdrawals);
///    a note that is present must match its hash;
///  - the statements: each statement the outbox holds (pending or delivered) must be the one its
///    log entry binds (service::StatementBinding: same body and signature, or an erasure's
///    rewrite); statements made before binding existed are counted, not passed silently;
///  - the checkpoints: each signed head must equal the chain at its position, and its signature
///    must verify (checkpointVerifier; without one, checkpoints are counted but not verified, and
///    the report says so);
///  - the store itself: SQLite's integrity_check, or on PostgreSQL every table read in full, so a
///    damaged page is reported even where no other check reads it.
///
/// A verification can be run in parts, so that a caller can show progress and each response stays
/// bounded (VerifyScope): parts over consecutive ranges of entries, the first also checking the
/// store itself and the last also the rows no entry names, check together exactly what one full
/// run checks. A part links its first entry to the chain hash stored at the entry before it (which
/// the part before checked).
class AuditService
{
public:
    /// Which part of a verification to run.
    struct VerifyScope
    {
        long long from = 1;          ///< the first entry to check
        std::optional<long long> to; ///< the last (default: the log's last entry)
        bool store = true;           ///< check the store itself (quick_check or integrity_check / every table read)
        /// With `store`, on SQLite: integrity_check (also every index against its table, UNIQUE) instead of
        /// quick_check (every page of every table and index read, b-tree structure, records, NOT NULL and
        /// CHECK constraints). The entries are checked the same either way. PostgreSQL: no difference.
        bool fullStoreCheck = false;
        bool rest = true; ///< check what no entry in [from, to] names: evidence rows
                          ///< without entries, statements naming no entry, checkpoints
                          ///< past the log's end
        /// With `rest` when entries before `from` were checked by other parts: how many statements
        /// those parts found bound (their statementsBound, summed). Without it, `rest` counts from `from`.
        long long boundBefore = 0;
        /// Start after this signed checkpoint (`audit verify --from checkpoint+1`): it must exist, its
        /// signature verify and its chain hash equal the log's at its seq, else runtime::Error
        /// (SFE_INPUT). `rest` then covers only the evidence rows and statements added after it.
        std::optional<long long> checkpoint;
    };

    /// Returns true when `jws` is a valid signature over a checkpoint of (seq, chainHash).
    using CheckpointVerifier =
        std::function<bool(long long seq, const std::string& chainHash, const std::string& jws, std::string& why)>;

    explicit AuditService(store::Database& db, CheckpointVerifier verifier = {});

    /// Reads everything as a stream (store::LogCursor); never throws for tampering, only for store
    /// failures. Lists at most `maxProblems` problems and counts the rest (problemsOmitted).
    AuditReport verify(std::size_t maxProblems = 100);

    /// One part of a verification (see VerifyScope).
    AuditReport verify(const VerifyScope& scope, std::size_t maxProblems = 100);

private:
    using Problem = std::function<void(long long, const std::string&, const std::string&)>;

    /// SQLite's quick_check (integrity_check when `full`), or every PostgreSQL table read in full.
    void checkStore(AuditReport& report, std::vector<AuditProblem>& problems, bool full);
    /// Throws SFE_INPUT unless `seq` is a signed checkpoint that verifies and matches the log.
    void requireCheckpoint(long long seq);
    /// The entries in [from, to]: the chain, the records, the statements they bind, the checkpoints.
    void verifyEntries(AuditReport& report, long long from, long long to, const Problem& problem);
    /// Evidence rows without entries, statements naming no entry, checkpoints past the log's end.
    void verifyRest(AuditReport& report, const VerifyScope& scope, const Problem& problem);

    store::Database& _db;
    CheckpointVerifier _verifier;
};

}
} // namespace sfe::service

#endif
