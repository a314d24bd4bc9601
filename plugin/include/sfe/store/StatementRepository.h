//
// StatementRepository.h
//
// Library: sfe_core
// Package: store
//
// The statement outbox: every xAPI statement the plugin made, with its delivery state.
//

#ifndef SFE_STORE_STATEMENTREPOSITORY_H
#define SFE_STORE_STATEMENTREPOSITORY_H

#include "sfe/store/Database.h"
#include "sfe/store/TextEncoder.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace store {

/// One statement, with the exact body that is sent. It is written in the same transaction as
/// its evidence and never deleted; delivery only changes its state.
struct StatementRecord
{
    std::string id;    ///< the statement id (UUID), fixed at recording
    long long seq = 0; ///< outbox order
    std::optional<std::string> evidenceId;
    std::string kind; ///< the profile template it follows
    std::string learner;
    std::string body; ///< the serialised statement
    std::optional<std::string> voidsStatementId;
    std::string state = "pending"; ///< pending | delivered | quarantined
    int attempts = 0;
    std::string nextAttemptAt;
    std::optional<std::string> lastError;
    std::string createdAt;
    std::optional<std::string> deliveredAt;
    std::optional<std::string> signature; ///< the JWS, when the statement is signed
    std::optional<long long> logSeq;      ///< the evidence-log entry that binds it (none before binding)
};

/// Reads and writes the outbox. Writes happen inside the caller's Transaction unless noted.
class StatementRepository
{
public:
    explicit StatementRepository(Database& db);

    /// Writes the statements, with their bodies as queueBodies() had them compressed
    /// (TextEncoder::take), in the same order.
    void insert(const std::vector<StatementRecord>& statements, std::vector<std::string> encodedBodies);

    /// Queues the bodies of statements[from, end) on `encoder`, to be compressed as insert() stores
    /// them (with the store's dictionary) while the caller goes on.
    void queueBodies(TextEncoder& encoder, const std::vector<StatementRecord>& statements, std::size_t from = 0);

    /// Statements in outbox order, optionally of one learner and/or in one state; a page of them
    /// with `limit` (0: all): those with seq > `afterSeq`, so the next page starts after the last
    /// seq of this one (keyset paging, stable while statements are added).
    std::vector<StatementRecord> list(const std::optional<std::string>& learner = std::nullopt,
                                      const std::optional<std::string>& state = std::nullopt, long long afterSeq = 0,
                                      std::size_t limit = 0);

    /// The ids of the statements made for an evidence record, voiding statements excepted.
    std::vector<std::string> idsForEvidence(const std::string& evidenceId);

    /// Statement counts by state.
    std::map<std::string, long long> countByState();

private:
    Database& _db;
};

}
} // namespace sfe::store

#endif
