//
// StatementQueue.h
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  StatementQueue
//
// The narrow interface through which OutboxSender reads and settles the statements waiting for the LRS.
//

#ifndef SFE_XAPI_DELIVERY_STATEMENTQUEUE_H
#define SFE_XAPI_DELIVERY_STATEMENTQUEUE_H

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace sfe::xapi::delivery {

class StatementQueue
/// The outbox as the sender sees it. Each statement is recorded once, with its final id and JSON, and is
/// then in exactly one state: pending (waiting for its next attempt time), delivered or quarantined.
/// Nothing is ever deleted: delivered and quarantined statements stay, marked, for audit.
///
/// The plugin implements it over its SQL store; MemoryStatementQueue is the in-memory version.
/// Implementations must be thread-safe: one OutboxSender (one thread) settles statements while other
/// threads record new ones. Only one sender may drain a queue at a time. Methods throw on storage
/// failure; the sender lets such exceptions propagate (it never guesses what was stored).
{
public:
    using TimePoint = std::chrono::system_clock::time_point;

    struct Pending
    /// A statement waiting for delivery.
    {
        std::string id;        /// The statement id (the outbox assigned it before the first send).
        std::string json;      /// The complete statement as one JSON object, exactly as it is to be sent.
        std::string signature; /// For a signed statement, its JWS (the signature attachment's content); else empty.
    };

    virtual ~StatementQueue();

    virtual std::vector<Pending> fetchDue(std::size_t maxCount, TimePoint now) = 0;
    /// At most `maxCount` pending statements whose next attempt time is at or before `now`, in the
    /// order they were recorded. Does not change any state: a fetched statement stays pending until it
    /// is settled by one of the three methods below.

    virtual std::optional<TimePoint> nextAttemptAt() = 0;
    /// The earliest next attempt time among pending statements (may lie in the past), or nothing when
    /// no statement is pending.

    virtual void markDelivered(const std::vector<std::string>& ids, TimePoint now) = 0;
    /// Marks these pending statements delivered at `now` (the LRS acknowledged them). Atomic: all or
    /// none. An id that is not pending is a caller error (implementations may throw).

    virtual void quarantine(const std::string& id, const std::string& reason, TimePoint now) = 0;
    /// Takes this pending statement out of delivery for good, keeping `reason` (the LRS's words) so an
    /// operator can see why. An id that is not pending is a caller error (implementations may throw).

    virtual void scheduleRetry(const std::vector<std::string>& ids, TimePoint at, const std::string& reason) = 0;
    /// Keeps these statements pending with next attempt time `at`; records `reason` as their last error
    /// and counts one more failed attempt for each. Atomic: all or none.
};

} // namespace sfe::xapi::delivery

#endif // SFE_XAPI_DELIVERY_STATEMENTQUEUE_H
