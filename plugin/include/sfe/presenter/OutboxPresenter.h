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
namespace runtime { class Runtime; }
namespace presenter {

/// Presents the outbox and its delivery to hosts (docs/operations.md, "Delivery").
class OutboxPresenter
{
public:
    OutboxPresenter(runtime::Runtime& runtime, service::DeliveryService& delivery);

    std::string sync(const Request& request);
    std::string outbox(const Request& request);
    std::string retry(const Request& request);

private:
    runtime::Runtime& _runtime;
    service::DeliveryService& _delivery;
};

} } // namespace sfe::presenter

#endif
