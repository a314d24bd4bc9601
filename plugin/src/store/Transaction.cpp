//
// Transaction.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/Transaction.h"

#include "sfe/runtime/Error.h"

#include "sfe.h"

namespace sfe {
namespace store {

Transaction::Transaction(Database& db):
    _db(db),
    _lock(db.writeMutex())
{
    try
    {
        _db.session().begin();
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error(SFE_STORE, "cannot begin a transaction on " + _db.target() + ": " + e.displayText());
    }
}

Transaction::~Transaction()
{
    if (_done) return;
    try { _db.session().rollback(); } catch (...) { }
}

void Transaction::commit()
{
    _done = true;
    try
    {
        _db.session().commit();
    }
    catch (const Poco::Exception& e)
    {
        try { _db.session().rollback(); } catch (...) { }
        throw runtime::Error(SFE_STORE, "cannot commit to " + _db.target() + ": " + e.displayText());
    }
}

} } // namespace sfe::store
