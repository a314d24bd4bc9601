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
#include "sfe/store/StatementRepository.h"

#include "sfe/xapi/delivery/StatementQueue.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace store {

/// Implements the sender's queue over the statements table: each settle is its own short
/// transaction, so a crash at any moment leaves every statement pending, delivered or quarantined,
/// never lost. Give the sender its own Database (connection); recording goes on in parallel.
///
/// One sender per store: statements are claimed, not scanned. fetchDue() takes or renews the
/// store's sender lease (table outbox_lease) in the transaction that reads the due statements and
/// returns nothing while another sender (another process, node or thread) holds an unexpired lease;
/// the lease is given up as soon as nothing is due, and a killed sender's lease expires after
/// `leaseDuration`. Every settle renews it. [thread-safe: each method leases its own session]
class OutboxQueue: public xapi::delivery::StatementQueue
{
public:
    /// `leaseDuration` is how long a claim lasts without renewal (lrs.lease_s).
    explicit OutboxQueue(Database& db, std::chrono::seconds leaseDuration = std::chrono::seconds(60));

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

    /// Says why a due statement must not be sent (empty: send it). Runs inside fetchDue's
    /// transaction, on this queue's session.
    using Check = std::function<std::string(const StatementRecord& statement)>;

    /// Sets the check every due statement passes before the sender gets it; one that fails is
    /// quarantined with the check's reason instead (`outbox` lists it; it is never sent).
    void setCheck(Check check) { _check = std::move(check); }

    /// How many statements the check refused since this queue was made. [thread-safe]
    std::size_t refused() const { return _refused.load(); }

    /// Gives up this queue's lease, if it holds it (a sender stopping). Never throws.
    void releaseLease();

    /// This queue's holder id in outbox_lease (a UUID, one per queue).
    const std::string& holder() const { return _holder; }

    static std::string format(TimePoint t);
    static TimePoint parse(const std::string& rfc3339);

private:
    /// Inside a write transaction: takes or renews the lease at `now`; false while another holds it.
    bool claim(TimePoint at);
    void renew(TimePoint at);

    Database& _db;
    const std::chrono::seconds _leaseDuration;
    const std::string _holder;
    std::mutex _mutex;
    Check _check;
    std::atomic<std::size_t> _refused{0};
    std::optional<TimePoint> _otherUntil; ///< another sender's lease, as last seen by fetchDue
    TimePoint _lastFetch{};
};

}
} // namespace sfe::store

#endif
