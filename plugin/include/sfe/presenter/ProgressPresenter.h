//
// ProgressPresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The operations progress and verify.
//

#ifndef SFE_PRESENTER_PROGRESSPRESENTER_H
#define SFE_PRESENTER_PROGRESSPRESENTER_H

#include "sfe/presenter/Request.h"
#include "sfe/service/EvidenceService.h"
#include "sfe/service/ProgressService.h"

namespace sfe {
namespace runtime { class Runtime; }
namespace presenter {

/// Presents learners' progress (docs/operations.md, "Progress").
class ProgressPresenter
{
public:
    ProgressPresenter(runtime::Runtime& runtime, service::ProgressService& progress,
                      service::EvidenceService& evidence);

    std::string progress(const Request& request);
    std::string verify(const Request& request);

private:
    runtime::Runtime& _runtime;
    service::ProgressService& _progress;
    service::EvidenceService& _evidence;
};

} } // namespace sfe::presenter

#endif
