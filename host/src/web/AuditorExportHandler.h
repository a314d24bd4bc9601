//
// AuditorExportHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// POST /auditor/export: the plugin's audit bundle as one zip download.
//

#ifndef SFE_HOST_WEB_AUDITOREXPORTHANDLER_H
#define SFE_HOST_WEB_AUDITOREXPORTHANDLER_H

#include "web/WebHandler.h"

namespace sfe {
namespace host {
namespace web {

/// The audit export of /auditor's form (POST, with the session's CSRF token): the plugin's
/// audit.export writes its self-proving bundle (SHA256SUMS, verify.sh, ...) into a fresh private
/// temporary folder, which is sent as one application/zip attachment
/// (sfia-evidence-audit-YYYYMMDDTHHMMSSZ.zip, the bundle in a folder of the same name) and then
/// removed, also when the export or the sending fails. Who may export, the plugin decides from
/// the caller's roles (auditors and admins by default; others get 403).
class AuditorExportHandler: public WebHandler
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
