//
// AdminVersionsHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /admin/versions?skill=CODE and /admin/diff?skill=CODE&from=V1&to=V2: a definition's versions.
//

#ifndef SFE_HOST_WEB_ADMINVERSIONSHANDLER_H
#define SFE_HOST_WEB_ADMINVERSIONSHANDLER_H

#include "web/PageHandler.h"

namespace sfe {
namespace host {
namespace web {

/// The admin's view of a skill's definition versions, for users with the admin role:
///   /admin/versions   the plugin's `versions`: each version, which is current, where it came
///                     from, and a link to what changed since the version before it
///   /admin/diff       the plugin's `diff`: per level the sentences added, changed and removed
class AdminVersionsHandler: public PageHandler
{
public:
    using PageHandler::PageHandler;

protected:
    std::string role() const override { return "admin"; }
    void page(Exchange& exchange) override;

private:
    void versions(Exchange& exchange);
    void diff(Exchange& exchange);
};

}
}
} // namespace sfe::host::web

#endif
