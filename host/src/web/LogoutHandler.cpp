//
// LogoutHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// POST /logout: ends the session (with the session's CSRF token, like every POST).
//

#include "web/LogoutHandler.h"

#include "sfe/i18n/Messages.h"

namespace sfe {
namespace host {
namespace web {

void LogoutHandler::handle(Exchange& exchange)
{
    if (exchange.request().getMethod() != Poco::Net::HTTPRequest::HTTP_POST)
    {
        exchange.response().set("Allow", "POST");
        refuse(exchange, 405, "method", i18n::Messages::of(exchange.language()).format("web.error.method"));
        return;
    }
    // WebHandler checked the CSRF token, so there is a session.
    exchange.context().sessions.close(exchange.session()->id);
    exchange.setSessionCookie("");
    exchange.redirect("/login");
}

}
}
} // namespace sfe::host::web
