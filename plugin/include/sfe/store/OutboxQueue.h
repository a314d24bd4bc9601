//
// OutboxQueue.h
//
// Library: sfe_core
// Package: store
//
// The statement outbox as the LRS sender sees it (xapi::delivery::StatementQueue over SQL).
//

#ifndef SFE_STORE_OUTBOXQUEUE_H
#define SFE_STORE_OUTBOXQUEUE_H

#include "sfe/store/Database.h"

#include "sfe/xapi/delivery/StatementQueue.h"

#include <string>
#include <vector>

namespace sfe {
namespace store {

/// Implements the sender's queue over the statements table: each settle is its own short
/// transaction, so a crash at any moment leaves every statement pending, delivered or quarantined,
/// never lost. Give the sender its own Database (connection); recording goes on in parallel.
class OutboxQueue : public xapi::delivery::StatementQueue
{
public:
    explicit OutboxQueue(Database& db);

    std::vector<Pending> fetchDue(std::size_t maxCount, TimePoint now) override;
    std::optional<TimePoint> nextAttemptAt() override;
    void markDelivered(const std::vector<std::string>& ids, TimePoint now) override;
    void quarantine(const std::string& id, const std::string& reason, TimePoint now) override;
    void scheduleRetry(const std::vector<std::string>& ids, TimePoint at, const std::string& reason) override;

    /// Puts a quarantined statement back into delivery, due at `now`. Returns false if there is no
    /// quarantined statement with that id.
    bool retry(const std::string& id, TimePoint now);

    /// Puts every quarantined statement back into delivery; returns how many.
    std::size_t retryAll(TimePoint now);

    static std::string format(TimePoint t);
    static TimePoint parse(const std::string& rfc3339);

private:
    Database& _db;
};

} } // namespace sfe::store

#endif
