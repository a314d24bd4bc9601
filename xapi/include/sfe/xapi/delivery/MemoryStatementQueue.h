//
// MemoryStatementQueue.h
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  MemoryStatementQueue
//
// A StatementQueue held in memory, for tests and for tools that deliver a file of statements.
//

#ifndef SFE_XAPI_DELIVERY_MEMORYSTATEMENTQUEUE_H
#define SFE_XAPI_DELIVERY_MEMORYSTATEMENTQUEUE_H

#include "sfe/xapi/delivery/StatementQueue.h"

#include <mutex>
#include <unordered_map>

namespace sfe::xapi::delivery {

class MemoryStatementQueue final: public StatementQueue
/// StatementQueue in memory, thread-safe. It is strict about the contract: settling a statement that is
/// not pending throws Poco::IllegalStateException, so a sender that would deliver twice fails loudly.
{
public:
    enum class State
    {
        Pending,
        Delivered,
        Quarantined
    };

    struct Entry
    /// Everything the queue knows about one statement.
    {
        std::string id;
        std::string json;
        State state = State::Pending;
        TimePoint nextAttemptAt{};
        unsigned failedAttempts = 0;
        std::string lastError;        /// From scheduleRetry().
        std::string quarantineReason; /// From quarantine().
        TimePoint settledAt{};        /// When delivered or quarantined.
    };

    void add(const std::string& id, const std::string& json, TimePoint dueAt = TimePoint{});
    /// Records a statement, pending and due at `dueAt` (by default: at once).
    /// Throws Poco::ExistsException if the id is already recorded.

    Entry entry(const std::string& id) const;
    /// Throws Poco::NotFoundException for an unknown id.

    std::vector<std::string> ids(State state) const;
    /// Ids in this state, in the order they were recorded.

    std::size_t size() const;
    /// All statements recorded, whatever their state.

    // StatementQueue
    std::vector<Pending> fetchDue(std::size_t maxCount, TimePoint now) override;
    std::optional<TimePoint> nextAttemptAt() override;
    void markDelivered(const std::vector<std::string>& ids, TimePoint now) override;
    void quarantine(const std::string& id, const std::string& reason, TimePoint now) override;
    void scheduleRetry(const std::vector<std::string>& ids, TimePoint at, const std::string& reason) override;

private:
    Entry& pendingEntry(const std::string& id, const char* operation);

    mutable std::mutex _mutex;
    std::vector<Entry> _entries;                         // in recording order
    std::unordered_map<std::string, std::size_t> _index; // id -> position in _entries
};

} // namespace sfe::xapi::delivery

#endif // SFE_XAPI_DELIVERY_MEMORYSTATEMENTQUEUE_H
