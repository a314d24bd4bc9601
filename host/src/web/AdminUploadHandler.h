//
// AdminUploadHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// POST /admin/mappings and /admin/import: the admin's uploads (a mappings CSV, a definition).
//

#ifndef SFE_HOST_WEB_ADMINUPLOADHANDLER_H
#define SFE_HOST_WEB_ADMINUPLOADHANDLER_H

#include "web/WebHandler.h"

namespace sfe {
namespace host {
namespace web {

/// The forms of /admin (multipart, with the session's CSRF token), for users with the admin role:
///   POST /admin/mappings   field `csv` (a file), `dryRun` (checked: only check it): the plugin's
///                          mappings.import; a bad line is refused with FILE:LINE:COL (422)
///   POST /admin/import     field `definition` (a file): the plugin's import; a bad definition is
///                          refused with LINE:COL (422)
/// The answer is a page saying what the plugin did, or its refusal as it worded it.
class AdminUploadHandler: public WebHandler
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
