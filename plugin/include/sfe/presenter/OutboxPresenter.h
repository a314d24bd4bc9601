//
// OutboxPresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The operations sync, outbox and retry.
//

#ifndef SFE_PRESENTER_OUTBOXPRESENTER_H
#define SFE_PRESENTER_OUTBOXPRESENTER_H

#include "sfe/presenter/Request.h"
#include "sfe/service/DeliveryService.h"

namespace sfe {
namespace store {
class Database;
}
namespace presenter {

/// Presents the outbox and its delivery to hosts (docs/operations.md, "Delivery").
class OutboxPresenter
{
public:
    /// `lrsUrl` is the configured LRS (lrs.url; empty: none), which `outbox` reports.
    OutboxPresenter(service::DeliveryService& delivery, store::Database& db, std::string lrsUrl);

    std::string sync(const Request& request);
    std::string outbox(const Request& request);
    std::string retry(const Request& request);

private:
    service::DeliveryService& _delivery;
    store::Database& _db;
    std::string _lrsUrl;
};

}
} // namespace sfe::presenter

#endif
