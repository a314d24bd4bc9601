//
// WebHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// What every request handler of `serve` does before and after its own work.
//

#include "web/WebHandler.h"

#include "Exceptions.h"
#include "Status.h"
#include "web/PageTemplates.h"
#include "web/SecurityHeaders.h"

#include "sfe.h"
#include "sfe/i18n/Messages.h"

#include <Poco/Logger.h>
#include <Poco/Net/NetException.h>

namespace sfe {
namespace host {
namespace web {

namespace {

/// The name a plugin status goes by in a web problem's "error": the web's lower-case words ("notfound",
/// as ApiHandler and FallbackHandler refuse). Not runtime::Error::statusName ("notFound"): the host
/// reaches the plugin through its doors only, and the words on the wire stay as they are.
std::string errorName(int status)
{
    switch (status)
    {
        case SFE_INVALID:
            return "invalid";
        case SFE_NOTFOUND:
            return "notfound";
        case SFE_CONFLICT:
            return "conflict";
        case SFE_STORE:
            return "store";
        case SFE_MISUSE:
            return "misuse";
        case SFE_CONFIG:
            return "config";
        case SFE_NETWORK:
            return "network";
        case SFE_BUSY:
            return "busy";
        case SFE_FORBIDDEN:
            return "forbidden";
        default:
            return "error";
    }
}

} // namespace

WebHandler::WebHandler(WebContext& context):
    _context(context)
{}

int WebHandler::httpStatus(int sfeStatus)
{
    switch (sfeStatus)
    {
        case SFE_INVALID:
            return 422;
        case SFE_NOTFOUND:
        case SFE_MISUSE:
            return 404;
        case SFE_CONFLICT:
            return 409;
        case SFE_FORBIDDEN:
            return 403;
        case SFE_BUSY:
            return 503;
        case SFE_NETWORK:
            return 502;
        default:
            return 500;
    }
}

void WebHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    SecurityHeaders::apply(response);
    Exchange exchange(request, response, _context);
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    try
    {
        if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST && !csrfExempt())
        {
            // The token comes in the X-CSRF-Token header (scripts) or the form's csrf field.
            std::string token = request.get("X-CSRF-Token", "");
            if (token.empty() && exchange.isFormPost()) token = exchange.form().get("csrf", "");
            if (!exchange.session() || !SessionStore::sameToken(exchange.session()->csrfToken, token))
            {
                refuse(exchange, 403, "csrf", messages.format("web.error.csrf"));
                return;
            }
        }
        handle(exchange);
    }
    catch (const PluginCallException& e)
    {
        if (e.code() == SFE_BUSY) response.set("Retry-After", "2");
        if (!response.sent()) refuse(exchange, httpStatus(e.code()), errorName(e.code()), e.message());
    }
    catch (const Poco::Net::HTTPException& e)
    {
        if (!response.sent()) refuse(exchange, e.code() ? e.code() : 400, "request", e.message());
    }
    catch (const std::exception& e)
    {
        Poco::Logger::get("sfia-evidence.web")
            .error(std::string(request.getMethod() + " " + request.getURI() + ": ") + e.what());
        if (!response.sent()) refuse(exchange, 500, "error", messages.format("web.error.internal"));
    }
}

void WebHandler::refuse(Exchange& exchange, int status, const std::string& error, const std::string& detail)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    auto view = exchange.pageView("");
    view->set("title", messages.format("web.error.title", i18n::MessageArgs().set("status", std::to_string(status))));
    view->set("detail", detail);
    view->set("error", error);
    view->set("loginLink", !exchange.session().has_value());
    view->set("loginText", messages.format("web.error.login"));
    exchange.sendHtml(status, PageTemplates::render("error", *view));
}

bool WebHandler::requireLogin(Exchange& exchange)
{
    if (exchange.session()) return true;
    exchange.redirect("/login");
    return false;
}

bool WebHandler::requireRole(Exchange& exchange, const std::string& role)
{
    if (exchange.user().holds(role)) return true;
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    refuse(exchange, 403, "forbidden", messages.format("web.error.role", i18n::MessageArgs().set("role", role)));
    return false;
}

}
}
} // namespace sfe::host::web
