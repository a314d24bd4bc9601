//
// FallbackHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// "/" (to the user's page or the login) and every path no other handler takes (404).
//

#include "web/FallbackHandler.h"

#include "web/LoginHandler.h"

#include "sfe/i18n/Messages.h"

namespace sfe {
namespace host {
namespace web {

void FallbackHandler::handle(Exchange& exchange)
{
    const std::string& method = exchange.request().getMethod();
    if (exchange.path() == "/" &&
        (method == Poco::Net::HTTPRequest::HTTP_GET || method == Poco::Net::HTTPRequest::HTTP_HEAD))
    {
        exchange.redirect(exchange.session() ? LoginHandler::homeOf(exchange.user()) : "/login");
        return;
    }
    refuse(exchange, 404, "notfound", i18n::Messages::of(exchange.language()).format("web.error.notFound"));
}

}
}
} // namespace sfe::host::web
