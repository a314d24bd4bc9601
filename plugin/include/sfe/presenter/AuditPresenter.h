//
// AuditPresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The auditors' operations: audit.verify.
//

#ifndef SFE_PRESENTER_AUDITPRESENTER_H
#define SFE_PRESENTER_AUDITPRESENTER_H

#include "sfe/presenter/Request.h"
#include "sfe/service/AuditService.h"

namespace sfe {
namespace runtime { class Runtime; }
namespace presenter {

/// Presents audits (docs/operations.md, "Audit").
class AuditPresenter
{
public:
    AuditPresenter(runtime::Runtime& runtime, service::AuditService& audit);

    std::string verify(const Request& request);

private:
    runtime::Runtime& _runtime;
    service::AuditService& _audit;
};

} } // namespace sfe::presenter

#endif
