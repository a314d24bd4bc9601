//
// StorePresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The operation store.stats.
//

#ifndef SFE_PRESENTER_STOREPRESENTER_H
#define SFE_PRESENTER_STOREPRESENTER_H

#include "sfe/presenter/Request.h"
#include "sfe/store/Database.h"

namespace sfe {
namespace presenter {

/// Shows operators how the store is doing under their load: which connector, the schema version,
/// and how long this process's writers waited for the store's write lock (docs/operations.md).
class StorePresenter
{
public:
    explicit StorePresenter(store::Database& db);

    std::string stats(const Request& request);

private:
    store::Database& _db;
};

}
} // namespace sfe::presenter

#endif
