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

#include "sfe/store/Database.h"

#include <mutex>

namespace sfe {
namespace store {

/// Begins a transaction on construction and rolls it back on destruction unless commit() was
/// called, so that an exception anywhere in a use case leaves the store as it was.
class Transaction
{
public:
    explicit Transaction(Database& db);
    ~Transaction();

    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// Commits. Throws runtime::Error (SFE_STORE) if the commit fails; the data is then rolled back.
    void commit();

private:
    Database& _db;
    std::unique_lock<std::recursive_mutex> _lock;
    bool _done = false;
};

} } // namespace sfe::store

#endif
