//
// LogoutHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// POST /logout: ends the session (with the session's CSRF token, like every POST).
//

#ifndef SFE_HOST_WEB_LOGOUTHANDLER_H
#define SFE_HOST_WEB_LOGOUTHANDLER_H

#include "web/WebHandler.h"

namespace sfe {
namespace host {
namespace web {

/// Ends the session, removes the cookie and sends the browser to /login (303). Only POST: a
/// link (GET) could log people out from another site's page.
class LogoutHandler: public WebHandler
{
public:
    using WebHandler::WebHandler;

protected:
    void handle(Exchange& exchange) override;
};

}
}
} // namespace sfe::host::web

#endif
