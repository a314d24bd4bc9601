//
// OutboxQueue.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/OutboxQueue.h"

#include "sfe/runtime/Time.h"
#include "sfe/store/Transaction.h"
#include "sfe/xapi/Timestamp.h"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

OutboxQueue::OutboxQueue(Database& db): _db(db)
{
}

std::string OutboxQueue::format(TimePoint t)
{
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
    return xapi::Timestamp::format(Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(micros)));
}

OutboxQueue::TimePoint OutboxQueue::parse(const std::string& rfc3339)
{
    auto t = runtime::parseTime(rfc3339);
    if (!t) return TimePoint{};
    return TimePoint(std::chrono::microseconds(t->epochMicroseconds()));
}

std::vector<OutboxQueue::Pending> OutboxQueue::fetchDue(std::size_t maxCount, TimePoint at)
{
    std::string due = format(at);
    Poco::Int64 limit = static_cast<Poco::Int64>(maxCount);
    std::vector<std::string> ids, bodies, signatures;
    std::lock_guard<std::recursive_mutex> lock(_db.writeMutex());
    // The subquery picks the due statements from the index statements_due (state, next_attempt_at,
    // seq) alone; only the rows picked are read. Sorting whole rows instead had SQLite copy the body
    // of every due statement into its sorter on each fetch (16 ms a batch with 10k pending).
    _db.session() << "SELECT id, body, COALESCE(signature, '') FROM statements WHERE seq IN"
                     " (SELECT seq FROM statements WHERE state = 'pending' AND next_attempt_at <= ?"
                     " ORDER BY seq LIMIT ?) ORDER BY seq",
        use(due), use(limit), into(ids), into(bodies), into(signatures), now;
    std::vector<Pending> result;
    result.reserve(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) result.push_back({ids[i], bodies[i], signatures[i]});
    return result;
}

std::optional<OutboxQueue::TimePoint> OutboxQueue::nextAttemptAt()
{
    Poco::Nullable<std::string> next;
    std::lock_guard<std::recursive_mutex> lock(_db.writeMutex());
    _db.session() << "SELECT MIN(next_attempt_at) FROM statements WHERE state = 'pending'", into(next), now;
    if (next.isNull()) return std::nullopt;
    return parse(next.value());
}

void OutboxQueue::markDelivered(const std::vector<std::string>& ids, TimePoint at)
{
    if (ids.empty()) return;
    std::vector<std::string> keys = ids;
    std::vector<std::string> when(keys.size(), format(at));    // bound row by row with the ids
    Transaction tx(_db);
    _db.session() << "UPDATE statements SET state = 'delivered', delivered_at = ?, attempts = attempts + 1"
                     " WHERE id = ? AND state = 'pending'", use(when), use(keys), now;
    tx.commit();
}

void OutboxQueue::quarantine(const std::string& id, const std::string& reason, TimePoint)
{
    std::string key = id, why = reason;
    Transaction tx(_db);
    _db.session() << "UPDATE statements SET state = 'quarantined', last_error = ?, attempts = attempts + 1"
                     " WHERE id = ? AND state = 'pending'", use(why), use(key), now;
    tx.commit();
}

void OutboxQueue::scheduleRetry(const std::vector<std::string>& ids, TimePoint at, const std::string& reason)
{
    if (ids.empty()) return;
    std::vector<std::string> keys = ids;
    std::vector<std::string> when(keys.size(), format(at)), why(keys.size(), reason);
    Transaction tx(_db);
    _db.session() << "UPDATE statements SET next_attempt_at = ?, last_error = ?, attempts = attempts + 1"
                     " WHERE id = ? AND state = 'pending'", use(when), use(why), use(keys), now;
    tx.commit();
}

bool OutboxQueue::retry(const std::string& id, TimePoint at)
{
    std::string key = id, when = format(at);
    Transaction tx(_db);
    Poco::Data::Statement update(_db.session());
    update << "UPDATE statements SET state = 'pending', next_attempt_at = ? WHERE id = ? AND state = 'quarantined'",
        use(when), use(key);
    const std::size_t changed = update.execute();
    tx.commit();
    return changed > 0;
}

std::size_t OutboxQueue::retryAll(TimePoint at)
{
    std::string when = format(at);
    Transaction tx(_db);
    Poco::Data::Statement update(_db.session());
    update << "UPDATE statements SET state = 'pending', next_attempt_at = ? WHERE state = 'quarantined'", use(when);
    const std::size_t changed = update.execute();
    tx.commit();
    return changed;
}

} } // namespace sfe::store
