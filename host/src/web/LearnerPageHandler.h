//
// LearnerPageHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /learner: the plugin's progress page for the caller, or for ?learner=ID.
//

#ifndef SFE_HOST_WEB_LEARNERPAGEHANDLER_H
#define SFE_HOST_WEB_LEARNERPAGEHANDLER_H

#include "web/PageHandler.h"

namespace sfe {
namespace host {
namespace web {

/// The learner's page: the plugin's `progress` view as HTML (its sentences, what is done, what
/// is missing, the next steps), with the host's navigation. ?learner=ID asks for someone else's:
/// the plugin lets admins and auditors see it and refuses a learner (403). ?skill=CODE narrows
/// it to one skill.
class LearnerPageHandler: public PageHandler
{
public:
    using PageHandler::PageHandler;

protected:
    void page(Exchange& exchange) override;
};

}
}
} // namespace sfe::host::web

#endif
