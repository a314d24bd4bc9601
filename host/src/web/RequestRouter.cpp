//
// RequestRouter.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// The one request handler factory of `serve`: which handler answers which path.
//

#include "web/RequestRouter.h"

#include "web/AdminPageHandler.h"
#include "web/AdminUploadHandler.h"
#include "web/AdminVersionsHandler.h"
#include "web/ApiHandler.h"
#include "web/AuditorExportHandler.h"
#include "web/AuditorPageHandler.h"
#include "web/AuditorProofHandler.h"
#include "web/FallbackHandler.h"
#include "web/LearnerPageHandler.h"
#include "web/LoginHandler.h"
#include "web/LogoutHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/URI.h>

namespace sfe {
namespace host {
namespace web {

RequestRouter::RequestRouter(WebContext& context):
    _context(context)
{}

Poco::Net::HTTPRequestHandler* RequestRouter::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
    std::string path;
    try
    {
        path = Poco::URI(request.getURI()).getPath();
    }
    catch (const Poco::Exception&)
    {
        // Not a URI: the fallback answers 404 (with the security headers).
    }
    if (path == "/login") return new LoginHandler(_context);
    if (path == "/logout") return new LogoutHandler(_context);
    if (path == "/learner") return new LearnerPageHandler(_context);
    if (path == "/admin") return new AdminPageHandler(_context);
    if (path == "/admin/mappings" || path == "/admin/import") return new AdminUploadHandler(_context);
    if (path == "/admin/versions" || path == "/admin/diff") return new AdminVersionsHandler(_context);
    if (path == "/auditor/record" || path == "/auditor/verify") return new AuditorProofHandler(_context);
    if (path == "/auditor/export") return new AuditorExportHandler(_context);
    if (path == "/auditor") return new AuditorPageHandler(_context);
    if (path.rfind("/api/", 0) == 0) return new ApiHandler(_context);
    return new FallbackHandler(_context);
}

}
}
} // namespace sfe::host::web
