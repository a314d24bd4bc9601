//
// AdminPageHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /admin: the plugin's coverage page of a skill, with the admin's links.
//

#ifndef SFE_HOST_WEB_ADMINPAGEHANDLER_H
#define SFE_HOST_WEB_ADMINPAGEHANDLER_H

#include "web/PageHandler.h"

namespace sfe {
namespace host {
namespace web {

/// The admin's page, for users with the admin role: the plugin's `coverage` page of ?skill=CODE
/// (else the first skill held), and links to the mappings, their CSV export and the definition's
/// versions (as JSON from /api), and the forms that upload a mappings CSV (a dry run first) and a
/// definition (AdminUploadHandler).
class AdminPageHandler: public PageHandler
{
public:
    using PageHandler::PageHandler;

protected:
    std::string role() const override { return "admin"; }
    void page(Exchange& exchange) override;
};

}
}
} // namespace sfe::host::web

#endif
