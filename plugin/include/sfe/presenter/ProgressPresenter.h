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

#include "sfe/plugin/HostServices.h"
#include "sfe/presenter/Audience.h"
#include "sfe/presenter/Request.h"
#include "sfe/service/EvidenceService.h"
#include "sfe/service/ProgressService.h"

namespace sfe {
namespace presenter {

/// Presents learners' progress (docs/operations.md, "Progress"): the learner's view model
/// (service::ProgressView) as JSON with every text for people from the catalog (area
/// "progress") in the reader's language and dates in ui.time_zone, or with "format": "html" as
/// the page plugin/templates/progress.html.mustache. The view names no evidence or statement
/// ids; "explain" adds them, for operators and auditors.
class ProgressPresenter
{
public:
    ProgressPresenter(service::ProgressService& progress, service::EvidenceService& evidence,
                      plugin::HostServices& host, Audience::Defaults defaults);

    std::string progress(const Request& request);
    std::string verify(const Request& request);

private:
    service::ProgressService& _progress;
    service::EvidenceService& _evidence;
    plugin::HostServices& _host;
    Audience::Defaults _defaults;
};

}
} // namespace sfe::presenter

#endif
