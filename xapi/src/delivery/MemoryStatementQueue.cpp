//
// MemoryStatementQueue.cpp
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  MemoryStatementQueue
//
// A StatementQueue held in memory, for tests and for tools that deliver a file of statements.
//

#include "sfe/xapi/delivery/MemoryStatementQueue.h"

#include <Poco/Exception.h>

namespace sfe::xapi::delivery {

void MemoryStatementQueue::add(const std::string& id, const std::string& json, TimePoint dueAt)
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_index.count(id)) throw Poco::ExistsException("statement " + id + " is already in the queue");
    Entry entry;
    entry.id = id;
    entry.json = json;
    entry.nextAttemptAt = dueAt;
    _index.emplace(id, _entries.size());
    _entries.push_back(std::move(entry));
}

MemoryStatementQueue::Entry MemoryStatementQueue::entry(const std::string& id) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    const auto it = _index.find(id);
    if (it == _index.end()) throw Poco::NotFoundException("statement " + id + " is not in the queue");
    return _entries[it->second];
}

std::vector<std::string> MemoryStatementQueue::ids(State state) const
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<std::string> result;
    for (const Entry& entry : _entries)
        if (entry.state == state) result.push_back(entry.id);
    return result;
}

std::size_t MemoryStatementQueue::size() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _entries.size();
}

std::vector<StatementQueue::Pending> MemoryStatementQueue::fetchDue(std::size_t maxCount, TimePoint now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<Pending> due;
    for (const Entry& entry : _entries)
    {
        if (due.size() >= maxCount) break;
        if (entry.state == State::Pending && entry.nextAttemptAt <= now)
            due.push_back(Pending{entry.id, entry.json, {}});
    }
    return due;
}

std::optional<StatementQueue::TimePoint> MemoryStatementQueue::nextAttemptAt()
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::optional<TimePoint> earliest;
    for (const Entry& entry : _entries)
        if (entry.state == State::Pending && (!earliest || entry.nextAttemptAt < *earliest))
            earliest = entry.nextAttemptAt;
    return earliest;
}

MemoryStatementQueue::Entry& MemoryStatementQueue::pendingEntry(const std::string& id, const char* operation)
{
    const auto it = _index.find(id);
    if (it == _index.end())
        throw Poco::NotFoundException(std::string(operation) + ": statement " + id + " is not in the queue");
    Entry& entry = _entries[it->second];
    if (entry.state != State::Pending)
        throw Poco::IllegalStateException(std::string(operation) + ": statement " + id + " is no longer pending");
    return entry;
}

void MemoryStatementQueue::markDelivered(const std::vector<std::string>& ids, TimePoint now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<Entry*> entries;
    for (const std::string& id : ids) entries.push_back(&pendingEntry(id, "markDelivered"));
    for (Entry* entry : entries)
    {
        entry->state = State::Delivered;
        entry->settledAt = now;
    }
}

void MemoryStatementQueue::quarantine(const std::string& id, const std::string& reason, TimePoint now)
{
    std::lock_guard<std::mutex> lock(_mutex);
    Entry& entry = pendingEntry(id, "quarantine");
    entry.state = State::Quarantined;
    entry.quarantineReason = reason;
    entry.settledAt = now;
}

void MemoryStatementQueue::scheduleRetry(const std::vector<std::string>& ids, TimePoint at, const std::string& reason)
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<Entry*> entries;
    for (const std::string& id : ids) entries.push_back(&pendingEntry(id, "scheduleRetry"));
    for (Entry* entry : entries)
    {
        entry->nextAttemptAt = at;
        entry->lastError = reason;
        ++entry->failedAttempts;
    }
}

} // namespace sfe::xapi::delivery
