//
// AuditPresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The auditors' operations: audit.verify, audit.checkpoint, audit.export, keys.generate.
//

#ifndef SFE_PRESENTER_AUDITPRESENTER_H
#define SFE_PRESENTER_AUDITPRESENTER_H

#include "sfe/presenter/Request.h"
#include "sfe/service/AuditExporter.h"
#include "sfe/service/AuditService.h"
#include "sfe/service/Checkpointer.h"

namespace sfe {
namespace plugin {
class HostServices;
}
namespace presenter {

/// Presents audits (docs/operations.md, "Audit").
class AuditPresenter
{
public:
    /// `clock` is the host, whose now() stamps exports and checkpoints.
    AuditPresenter(plugin::HostServices& clock, service::AuditService& audit, service::Checkpointer& checkpoints,
                   service::AuditExporter& exporter);

    std::string verify(const Request& request);
    std::string checkpoint(const Request& request);
    std::string exportBundle(const Request& request);
    std::string generateKeys(const Request& request);

private:
    plugin::HostServices& _clock;
    service::AuditService& _audit;
    service::Checkpointer& _checkpoints;
    service::AuditExporter& _exporter;
};

}
} // namespace sfe::presenter

#endif
