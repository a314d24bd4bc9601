//
// PageHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// The base of the role pages (/learner, /admin, /auditor): GET only, logged in, the page's role.
//

#ifndef SFE_HOST_WEB_PAGEHANDLER_H
#define SFE_HOST_WEB_PAGEHANDLER_H

#include "web/WebHandler.h"

namespace sfe {
namespace host {
namespace web {

/// A page: GET or HEAD (405 otherwise), anonymous visitors sent to /login (303), and, when
/// role() names one, only for users holding it (403). What it shows, the plugin decides by the
/// caller's roles (a learner asking for someone else's progress gets 403 from the plugin).
class PageHandler: public WebHandler
{
public:
    using WebHandler::WebHandler;

protected:
    void handle(Exchange& exchange) final;

    virtual std::string role() const { return ""; }
    virtual void page(Exchange& exchange) = 0;

    static std::string firstSkill(Exchange& exchange);
    /// ?skill=, else the first skill the store holds, else "".
};

}
}
} // namespace sfe::host::web

#endif
