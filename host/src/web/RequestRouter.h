//
// RequestRouter.h
//
// Library: sfia-evidence (host)
// Package: web
//
// The one request handler factory of `serve`: which handler answers which path.
//

#ifndef SFE_HOST_WEB_REQUESTROUTER_H
#define SFE_HOST_WEB_REQUESTROUTER_H

#include "web/WebContext.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

namespace sfe {
namespace host {
namespace web {

/// Routes by path: /login, /logout, /learner, /admin, /admin/mappings, /admin/import,
/// /admin/versions, /admin/diff, /auditor,
/// /auditor/record, /auditor/verify, /api/OPERATION; "/" and the
/// rest to FallbackHandler. Each request gets a new handler (Poco deletes it afterwards).
class RequestRouter: public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit RequestRouter(WebContext& context);

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    WebContext& _context;
};

}
}
} // namespace sfe::host::web

#endif
