//
// Transaction.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/Transaction.h"

#include "sfe/runtime/Error.h"
#include "sfe/store/PgStatement.h"
#include "sfe/store/WriterLock.h"

#include "sfe.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/SQLiteException.h>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

/// The key of the transaction-level advisory lock every PostgreSQL write transaction takes
/// ("sfe-writ" in ASCII): one writer at a time per database, on whatever node it runs.
const char* const kPgWriteLock = "SELECT pg_advisory_xact_lock(8315156054467834996)";

} // namespace

Transaction::Transaction(Database& db):
    _db(db),
    _lock(db.writeMutex(), std::defer_lock)
{
    const auto started = std::chrono::steady_clock::now();
    auto waited = [&] {
        return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    };
    // A store opened read-only (an auditor's copy) can be read, not written: say so, instead of
    // SQLite's "attempt to write a readonly database" halfway through.
    if (_db.readOnly())
        throw runtime::Error(SFE_STORE, "the store " + _db.target() +
                                            " is open read-only (the file or its folder is "
                                            "not writable by this user): it can be read and verified, not changed");
    _lock.lock(); // this process's other threads first, then other processes, then the store's lock
    if (WriterLock* queue = _db.writerLock())
    {
        if (!queue->lock(std::chrono::milliseconds(_db.busyTimeoutMs())))
        {
            _db.recordLockWait(waited(), true);
            throw busy("cannot begin a transaction on " + _db.target());
        }
        _queued = true;
    }
    try
    {
        // SQLite: IMMEDIATE takes the write lock now, waiting up to the busy timeout. A deferred
        // transaction would read first and fail at once when it tries to write (SQLite does not
        // wait when a reader upgrades to a writer).
        if (_db.isSQLite()) _db.session() << "BEGIN IMMEDIATE", now;
        else
        {
            // Through libpq: one round trip each (Poco::Data's connector makes four; PgStatement).
            PgStatement(_db, "BEGIN").execute();
            PgStatement(_db, kPgWriteLock).execute();
        }
    }
    catch (const Poco::Exception& e)
    {
        _db.recordLockWait(waited(), isBusy(e));
        if (_db.isPostgreSQL()) rollbackQuietly();
        leaveQueue();
        throw translate(e, "cannot begin a transaction on " + _db.target());
    }
    _db.recordLockWait(waited(), false);
    _open = true;
    try
    {
        // Under the write lock: what other processes changed is visible, and nothing changes it
        // until commit, so caches refreshed here are exact for this transaction.
        _db.refreshIfChanged();
    }
    catch (const Poco::Exception& e)
    {
        rollbackQuietly();
        throw translate(e, "cannot read the store " + _db.target());
    }
}

Transaction::~Transaction()
{
    if (_open) rollbackQuietly();
    leaveQueue();
}

void Transaction::commit()
{
    _open = false;
    try
    {
        if (_db.isSQLite()) _db.session() << "COMMIT", now;
        else PgStatement(_db, "COMMIT").execute();
        leaveQueue();
    }
    catch (const Poco::Exception& e)
    {
        rollbackQuietly();
        throw translate(e, "cannot commit to " + _db.target());
    }
}

void Transaction::rollbackQuietly()
{
    _open = false;
    try
    {
        if (_db.isSQLite()) _db.session() << "ROLLBACK", now;
        else PgStatement(_db, "ROLLBACK").execute();
    }
    catch (...)
    {}
    leaveQueue();
}

void Transaction::leaveQueue()
{
    if (_queued)
    {
        _queued = false;
        _db.writerLock()->unlock();
    }
    // This process's other threads may write from here on. Holding the mutex until the object goes
    // out of scope would order it before whatever the caller does after commit (such as waking the
    // sender, which takes the delivery service's lock: the reverse of sync's order).
    if (_lock.owns_lock()) _lock.unlock();
}

bool Transaction::isBusy(const Poco::Exception& e)
{
    if (dynamic_cast<const Poco::Data::SQLite::DBLockedException*>(&e) ||
        dynamic_cast<const Poco::Data::SQLite::TableLockedException*>(&e))
        return true;
    if (const auto* error = dynamic_cast<const runtime::Error*>(&e))
        if (error->status() == SFE_BUSY) return true;
    // PostgreSQL: lock_timeout passed (SQLSTATE 55P03), or a deadlock was broken (40P01).
    const std::string text = e.displayText();
    return text.find("lock timeout") != std::string::npos || text.find("55P03") != std::string::npos ||
           text.find("deadlock detected") != std::string::npos;
}

runtime::Error Transaction::busy(const std::string& what) const
{
    return runtime::Error(SFE_BUSY, what + ": the store is busy (another writer held it for more than " +
                                        std::to_string(_db.busyTimeoutMs()) + " ms); try again");
}

runtime::Error Transaction::translate(const Poco::Exception& e, const std::string& what)
{
    if (isBusy(e)) return busy(what);
    if (const auto* error = dynamic_cast<const runtime::Error*>(&e)) return *error;
    return runtime::Error(SFE_STORE, what + ": " + e.displayText());
}

}
} // namespace sfe::store
