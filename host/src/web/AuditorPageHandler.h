//
// AuditorPageHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /auditor: the evidence search with filters, for auditors.
//

#ifndef SFE_HOST_WEB_AUDITORPAGEHANDLER_H
#define SFE_HOST_WEB_AUDITORPAGEHANDLER_H

#include "web/PageHandler.h"

namespace sfe {
namespace host {
namespace web {

/// The auditor's page, for users with the auditor role: a search form (learner, assessor, skill,
/// level, state, from, to: labelled fields, sent with GET) and the records the plugin's
/// `evidence` operation finds, each linked to its proof (/auditor/record). The plugin's
/// evidence view has no HTML of its own yet, so this page is the host's template.
class AuditorPageHandler: public PageHandler
{
public:
    using PageHandler::PageHandler;

protected:
    std::string role() const override { return "auditor"; }
    void page(Exchange& exchange) override;
};

}
}
} // namespace sfe::host::web

#endif
