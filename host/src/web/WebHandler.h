//
// WebHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// What every request handler of `serve` does before and after its own work.
//

#ifndef SFE_HOST_WEB_WEBHANDLER_H
#define SFE_HOST_WEB_WEBHANDLER_H

#include "web/Exchange.h"
#include "web/WebContext.h"

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

namespace sfe {
namespace host {
namespace web {

/// The base of the handlers: sets the security headers on every response, refuses a POST
/// without the session's CSRF token (except where csrfExempt(), the login form), and turns
/// what goes wrong into one reply: the plugin's refusals (PluginCallException) with their HTTP
/// status (httpStatus), anything else as 500 without internals. Pages answer with an HTML
/// error page; ApiHandler overrides refuse() to answer with problem+json.
class WebHandler: public Poco::Net::HTTPRequestHandler
{
public:
    explicit WebHandler(WebContext& context);

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

    static int httpStatus(int sfeStatus);
    /// invalid 422, notfound 404 (and misuse, an unknown operation), conflict 409, forbidden
    /// 403, busy 503, network 502, the rest 500.

protected:
    virtual void handle(Exchange& exchange) = 0;

    virtual bool csrfExempt() const { return false; }

    virtual void refuse(Exchange& exchange, int status, const std::string& error, const std::string& detail);
    /// Answers with an error; `error` names it ("forbidden", "csrf", ...), `detail` says
    /// what happened in the reader's words (or the plugin's).

    bool requireLogin(Exchange& exchange);
    /// For pages: true when someone is logged in; otherwise redirects (303) to /login.

    bool requireRole(Exchange& exchange, const std::string& role);
    /// For pages: true when the session's user holds `role`; otherwise refuses (403).

    WebContext& _context;
};

}
}
} // namespace sfe::host::web

#endif
