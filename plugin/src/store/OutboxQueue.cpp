//
// OutboxQueue.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/OutboxQueue.h"

#include "sfe/runtime/Time.h"
#include "sfe/store/StoredText.h"
#include "sfe/store/Transaction.h"
#include "sfe/xapi/Timestamp.h"

#include <Poco/Data/Statement.h>
#include <Poco/UUIDGenerator.h>

#include <algorithm>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

OutboxQueue::OutboxQueue(Database& db, std::chrono::seconds leaseDuration):
    _db(db),
    _leaseDuration(leaseDuration),
    _holder(Poco::UUIDGenerator::defaultGenerator().createRandom().toString())
{}

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

bool OutboxQueue::claim(TimePoint at)
{
    const std::string atText = format(at);
    Poco::Nullable<std::string> holder, expires;
    _db.session() << _db.sql("SELECT holder, expires_at FROM outbox_lease WHERE name = 'sender'"), into(holder),
        into(expires), now;
    if (!holder.isNull() && holder.value() != _holder && expires.value() > atText)
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _otherUntil = parse(expires.value());
        return false;
    }
    std::string me = _holder, until = format(at + _leaseDuration);
    if (holder.isNull())
        _db.session() << _db.sql("INSERT INTO outbox_lease(name, holder, expires_at) VALUES ('sender', ?, ?)"), use(me),
            use(until), now;
    else
        _db.session() << _db.sql("UPDATE outbox_lease SET holder = ?, expires_at = ? WHERE name = 'sender'"), use(me),
            use(until), now;
    std::lock_guard<std::mutex> lock(_mutex);
    _otherUntil.reset();
    return true;
}

void OutboxQueue::renew(TimePoint at)
{
    std::string me = _holder, until = format(at + _leaseDuration);
    _db.session() << _db.sql("UPDATE outbox_lease SET expires_at = ? WHERE name = 'sender' AND holder = ?"), use(until),
        use(me), now;
}

std::vector<OutboxQueue::Pending> OutboxQueue::fetchDue(std::size_t maxCount, TimePoint at)
{
    std::string due = format(at);
    Poco::Int64 limit = static_cast<Poco::Int64>(maxCount);
    std::vector<std::string> ids, bodies, signatures;
    Database::Lease lease(_db);
    Transaction tx(_db);
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _lastFetch = at;
    }
    if (!claim(at))
    {
        tx.commit();
        return {};
    }
    // The subquery picks the due statements from the index statements_due (state, next_attempt_at,
    // seq) alone; only the rows picked are read. Sorting whole rows instead had SQLite copy the body
    // of every due statement into its sorter on each fetch (16 ms a batch with 10k pending).
    std::vector<Pending> result;
    for (;;)
    {
        std::vector<std::string> learners;
        std::vector<Poco::Nullable<std::string>> evidence;
        std::vector<Poco::Nullable<Poco::Int64>> logSeqs;
        std::vector<Poco::Int64> seqs;
        std::vector<Poco::Nullable<Poco::Data::BLOB>> bodiesZ;
        ids.clear();
        bodies.clear();
        signatures.clear();
        _db.session() << _db.sql("SELECT id, body, body_z, COALESCE(signature, ''), seq, evidence_id, learner, log_seq"
                                 " FROM statements WHERE seq IN"
                                 " (SELECT seq FROM statements WHERE state = 'pending' AND next_attempt_at <= ?"
                                 " ORDER BY seq LIMIT ?) ORDER BY seq"),
            use(due), use(limit), into(ids), into(bodies), into(bodiesZ), into(signatures), into(seqs), into(evidence),
            into(learners), into(logSeqs), now;
        for (std::size_t i = 0; i < ids.size(); ++i)
            bodies[i] = StoredText::read(bodies[i], bodiesZ[i], "statement " + ids[i]);
        std::size_t refusedNow = 0;
        for (std::size_t i = 0; i < ids.size(); ++i)
        {
            if (_check)
            {
                StatementRecord s;
                s.id = ids[i];
                s.seq = seqs[i];
                if (!evidence[i].isNull()) s.evidenceId = evidence[i].value();
                s.learner = learners[i];
                s.body = bodies[i];
                if (!signatures[i].empty()) s.signature = signatures[i];
                if (!logSeqs[i].isNull()) s.logSeq = logSeqs[i].value();
                std::string why = _check(s);
                if (!why.empty())
                {
                    // Never sent: kept, and listed by `outbox` with the reason.
                    std::string id = ids[i], when = format(at);
                    _db.session() << _db.sql("UPDATE statements SET state = 'quarantined', last_error = ?,"
                                             " next_attempt_at = ? WHERE id = ?"),
                        use(why), use(when), use(id), now;
                    ++refusedNow;
                    continue;
                }
            }
            result.push_back({ids[i], bodies[i], signatures[i]});
        }
        _refused += refusedNow;
        // All of this page refused: look at the next, so a refused statement holds nothing up.
        if (!result.empty() || refusedNow == 0) break;
    }
    // Nothing due: let another sender (a sync elsewhere) have the outbox until something is.
    if (result.empty())
    {
        std::string me = _holder;
        _db.session() << _db.sql("DELETE FROM outbox_lease WHERE name = 'sender' AND holder = ?"), use(me), now;
    }
    tx.commit();
    return result;
}

std::optional<OutboxQueue::TimePoint> OutboxQueue::nextAttemptAt()
{
    Poco::Nullable<std::string> next;
    {
        Database::Lease lease(_db);
        _db.session() << "SELECT MIN(next_attempt_at) FROM statements WHERE state = 'pending'", into(next), now;
    }
    if (next.isNull()) return std::nullopt;
    TimePoint due = parse(next.value());
    std::lock_guard<std::mutex> lock(_mutex);
    // Another sender holds the outbox: look again shortly (it gives the lease up when it is done)
    // and at the latest when its lease runs out.
    if (_otherUntil) due = std::max(due, std::min(*_otherUntil, _lastFetch + std::chrono::milliseconds(250)));
    return due;
}

void OutboxQueue::releaseLease()
{
    try
    {
        Database::Lease lease(_db);
        Transaction tx(_db);
        std::string me = _holder;
        _db.session() << _db.sql("DELETE FROM outbox_lease WHERE name = 'sender' AND holder = ?"), use(me), now;
        tx.commit();
    }
    catch (...)
    {
        // It expires by itself.
    }
}

void OutboxQueue::markDelivered(const std::vector<std::string>& ids, TimePoint at)
{
    if (ids.empty()) return;
    std::vector<std::string> keys = ids;
    std::vector<std::string> when(keys.size(), format(at)); // bound row by row with the ids
    Database::Lease lease(_db);
    Transaction tx(_db);
    _db.session() << _db.sql("UPDATE statements SET state = 'delivered', delivered_at = ?, attempts = attempts + 1"
                             " WHERE id = ? AND state = 'pending'"),
        use(when), use(keys), now;
    renew(at);
    tx.commit();
}

void OutboxQueue::quarantine(const std::string& id, const std::string& reason, TimePoint at)
{
    std::string key = id, why = reason;
    Database::Lease lease(_db);
    Transaction tx(_db);
    _db.session() << _db.sql("UPDATE statements SET state = 'quarantined', last_error = ?, attempts = attempts + 1"
                             " WHERE id = ? AND state = 'pending'"),
        use(why), use(key), now;
    renew(at);
    tx.commit();
}

void OutboxQueue::scheduleRetry(const std::vector<std::string>& ids, TimePoint at, const std::string& reason)
{
    if (ids.empty()) return;
    std::vector<std::string> keys = ids;
    std::vector<std::string> when(keys.size(), format(at)), why(keys.size(), reason);
    Database::Lease lease(_db);
    Transaction tx(_db);
    _db.session() << _db.sql("UPDATE statements SET next_attempt_at = ?, last_error = ?, attempts = attempts + 1"
                             " WHERE id = ? AND state = 'pending'"),
        use(when), use(why), use(keys), now;
    tx.commit();
}

bool OutboxQueue::retry(const std::string& id, TimePoint at)
{
    if (!_db.canHoldId(id)) return false;
    std::string key = id, when = format(at);
    Database::Lease lease(_db);
    Transaction tx(_db);
    Poco::Data::Statement update(_db.session());
    update << _db.sql(
        "UPDATE statements SET state = 'pending', next_attempt_at = ? WHERE id = ? AND state = 'quarantined'"),
        use(when), use(key);
    const std::size_t changed = update.execute();
    tx.commit();
    return changed > 0;
}

std::size_t OutboxQueue::retryAll(TimePoint at)
{
    std::string when = format(at);
    Database::Lease lease(_db);
    Transaction tx(_db);
    Poco::Data::Statement update(_db.session());
    update << _db.sql("UPDATE statements SET state = 'pending', next_attempt_at = ? WHERE state = 'quarantined'"),
        use(when);
    const std::size_t changed = update.execute();
    tx.commit();
    return changed;
}

}
} // namespace sfe::store
