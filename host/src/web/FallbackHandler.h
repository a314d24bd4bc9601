//
// FallbackHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// "/" (to the user's page or the login) and every path no other handler takes (404).
//

#ifndef SFE_HOST_WEB_FALLBACKHANDLER_H
#define SFE_HOST_WEB_FALLBACKHANDLER_H

#include "web/WebHandler.h"

namespace sfe {
namespace host {
namespace web {

/// GET / sends the user to the page of their first role, or an anonymous visitor to /login
/// (303). Any other path is 404, with the security headers like every response.
class FallbackHandler: public WebHandler
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
