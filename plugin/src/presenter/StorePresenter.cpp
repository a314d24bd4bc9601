//
// StorePresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/StorePresenter.h"

#include "sfe/presenter/Json.h"

namespace sfe {
namespace presenter {

StorePresenter::StorePresenter(store::Database& db):
    _db(db)
{}

std::string StorePresenter::stats(const Request&)
{
    const auto waits = _db.lockStats();
    auto lockWait = object();
    lockWait->set("p50Ms", waits.p50Ms);
    lockWait->set("p99Ms", waits.p99Ms);
    lockWait->set("maxMs", waits.maxMs);
    auto o = object();
    o->set("connector", _db.connector());
    o->set("store", _db.target());
    o->set("schemaVersion", _db.schemaVersion());
    o->set("busyTimeoutMs", _db.busyTimeoutMs());
    o->set("writes", static_cast<Poco::UInt64>(waits.writes));
    o->set("busy", static_cast<Poco::UInt64>(waits.busy));
    o->set("lockWait", lockWait);
    return toJson(o);
}

}
} // namespace sfe::presenter
