//
// Transaction.h
//
// Library: sfe_core
// Package: store
//
// A scoped write transaction: commit() or it rolls back.
//

#ifndef SFE_STORE_TRANSACTION_H
#define SFE_STORE_TRANSACTION_H

#include "sfe/runtime/Error.h"
#include "sfe/store/Database.h"

#include <mutex>

namespace sfe {
namespace store {

/// Begins a write transaction on construction and rolls it back on destruction unless commit() was
/// called, so that an exception anywhere in a use case leaves the store as it was.
///
/// The write lock is taken when the transaction begins (SQLite: BEGIN IMMEDIATE; PostgreSQL: a
/// transaction-level advisory lock), waiting up to store.busy_timeout_ms; writers of one process
/// queue on Database::writeMutex() first. Once the lock is held, caches of data another process
/// changed are refreshed (Database::refreshIfChanged).
class Transaction
{
public:
    /// Throws runtime::Error: SFE_BUSY when the write lock was not free within the busy timeout
    /// (nothing was written; try again), SFE_STORE when the store fails or was opened read-only
    /// (Database::readOnly(), named in the message).
    explicit Transaction(Database& db);
    ~Transaction();

    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// Commits. Throws runtime::Error (SFE_STORE, SFE_BUSY) if the commit fails; the data is then
    /// rolled back.
    void commit();

    /// True when `e` says the store's lock was not free in time (SQLite BUSY/LOCKED, PostgreSQL
    /// lock timeout or deadlock).
    static bool isBusy(const Poco::Exception& e);

private:
    void rollbackQuietly();
    void leaveQueue();
    runtime::Error translate(const Poco::Exception& e, const std::string& what);
    runtime::Error busy(const std::string& what) const;

    Database& _db;
    std::unique_lock<std::recursive_mutex> _lock;
    bool _open = false;
    bool _queued = false; ///< holds the Database's WriterLock
};

}
} // namespace sfe::store

#endif
