//
// EvidenceLog.h
//
// Library: sfe_core
// Package: store
//
// The tamper-evident log of evidence: a SHA-256 hash chain over canonical entries.
//

#ifndef SFE_STORE_EVIDENCELOG_H
#define SFE_STORE_EVIDENCELOG_H

#include "sfe/store/Database.h"
#include "sfe/store/TextEncoder.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sfe {
namespace store {

/// One link of the chain. chainHash = SHA-256 over the bytes of prevHash (hex) followed by
/// contentSha256 (hex); prevHash is the chain hash of the entry before, and the first entry's is 64
/// zeros.
struct LogEntry
{
    long long seq = 0;
    std::string evidenceId;
    std::string action;  ///< record | withdraw | verify
    std::string content; ///< canonical JSON (see service::LogContent); no personal data
    std::string contentSha256;
    std::string prevHash;
    std::string chainHash;
    std::string loggedAt;
};

/// Appends to and reads the chain. Appends happen inside the caller's Transaction, in the same
/// transaction as the evidence they describe.
///
/// The chain stays one linear chain because appends are serialised: a Transaction takes the
/// store's write lock when it begins (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-level
/// advisory lock every writer takes), so on both stores no other writer, in this process or
/// another, on this node or another, can append between reading the head and committing.
class EvidenceLog
{
public:
    explicit EvidenceLog(Database& db);

    static const std::string kGenesis; ///< 64 zeros
    static std::string sha256(const std::string& bytes);
    static std::string link(const std::string& prevHash, const std::string& contentSha256);

    /// SQL for the stored chain hash of the entry before the one `alias` names (NULL when there is
    /// none), which prevHash() turns into that entry's prev_hash. The store does not keep prev_hash
    /// (schema 12): it is the previous entry's chain hash, and keeping it again cost 64 bytes per entry.
    static std::string prevHashSql(const std::string& alias);

    /// The prev_hash of entry `seq`, given the hex of the chain hash stored before it (prevHashSql):
    /// that hash; 64 zeros for entry 1; '' when the entry before is missing.
    static std::string prevHash(long long seq, const std::optional<std::string>& chainHashBefore);

    /// Appends entries with these (evidenceId, action, content), chained after the current head.
    /// Returns the new head. The contents are compressed through `encoder`, after the texts it
    /// already holds: this thread compresses those still waiting when it needs them (TextEncoder::take).
    LogEntry append(const std::vector<std::string>& evidenceIds, const std::vector<std::string>& actions,
                    const std::vector<std::string>& contents, const std::string& at, TextEncoder& encoder);

    /// The last entry; empty when the log is empty.
    std::optional<LogEntry> head();

    /// What append() links to: the last entry's seq and chain hash (hex), nothing else read (head()
    /// also reads its content and inflates it); 0 and 64 zeros when the log is empty.
    std::pair<long long, std::string> headLink();

    /// Entries with seq >= fromSeq in seq order, at most `limit`.
    std::vector<LogEntry> entries(long long fromSeq, std::size_t limit);

private:
    Database& _db;
};

}
} // namespace sfe::store

#endif
