//
// PageHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// The base of the role pages (/learner, /admin, /auditor): GET only, logged in, the page's role.
//

#include "web/PageHandler.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {
namespace web {

void PageHandler::handle(Exchange& exchange)
{
    const std::string& method = exchange.request().getMethod();
    if (method != Poco::Net::HTTPRequest::HTTP_GET && method != Poco::Net::HTTPRequest::HTTP_HEAD)
    {
        exchange.response().set("Allow", "GET, HEAD");
        refuse(exchange, 405, "method", i18n::Messages::of(exchange.language()).format("web.error.method"));
        return;
    }
    if (!requireLogin(exchange)) return;
    if (!role().empty() && !requireRole(exchange, role())) return;
    page(exchange);
}

std::string PageHandler::firstSkill(Exchange& exchange)
{
    if (!exchange.query("skill").empty()) return exchange.query("skill");
    const auto skills =
        exchange.context().plugin.object("skills", Poco::JSON::Object(), exchange.user(), exchange.language());
    const Poco::JSON::Array::Ptr list = skills->getArray("skills");
    if (!list || list->size() == 0) return "";
    return list->getObject(0)->getValue<std::string>("code");
}

}
}
} // namespace sfe::host::web
