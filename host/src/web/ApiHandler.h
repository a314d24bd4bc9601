//
// ApiHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// /api/<operation>: the plugin's operations as JSON, errors as RFC 9457 problem details.
//

#ifndef SFE_HOST_WEB_APIHANDLER_H
#define SFE_HOST_WEB_APIHANDLER_H

#include "web/WebHandler.h"

namespace sfe {
namespace host {
namespace web {

/// Any plugin operation, for the logged-in user (401 without a session), answered with the
/// plugin's own JSON (the view models of the pages):
///   GET /api/OPERATION?name=value...   the operations that only read (readOnly()); level,
///                                      limit and offset are sent as numbers, explain, dryRun
///                                      and includeWithdrawn as booleans, the rest as text;
///   POST /api/OPERATION                a JSON object (Content-Type: application/json) with
///                                      the X-CSRF-Token header of the session.
/// The host sets "caller" (a request naming one is refused) and "lang" (the request's own wins);
/// members naming files on the server ("path", "file", "dir") are refused: over the web a
/// definition comes as "xml" and a mappings CSV as "csv". Errors are application/problem+json
/// with type, title, status, detail and the plugin's error name (WebHandler::httpStatus).
class ApiHandler: public WebHandler
{
public:
    using WebHandler::WebHandler;

    static bool readOnly(const std::string& operation);

protected:
    void handle(Exchange& exchange) override;
    void refuse(Exchange& exchange, int status, const std::string& error, const std::string& detail) override;
};

}
}
} // namespace sfe::host::web

#endif
