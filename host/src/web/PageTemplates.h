//
// PageTemplates.h
//
// Library: sfia-evidence (host)
// Package: web
//
// The web host's own pages (login, errors, the auditor's search, the navigation), from Mustache templates.
//

#ifndef SFE_HOST_WEB_PAGETEMPLATES_H
#define SFE_HOST_WEB_PAGETEMPLATES_H

#include <Poco/JSON/Object.h>

#include <string>

namespace sfe {
namespace host {
namespace web {

/// Renders host/src/web/templates/<name>.html.mustache (compiled into the program) with a view
/// model, as the plugin's presenter::HtmlPage renders its pages: kainjow-mustache escapes every
/// value, every template is also a partial ({{> web-head}}), and no HTML is built by hand.
class PageTemplates
{
public:
    static std::string render(const std::string& name, const Poco::JSON::Object& view);
    /// Throws Poco::NotFoundException naming a template that is unknown or does not render
    /// (programming errors). Renders through i18n::PageRenderer, as the plugin's pages do.
};

}
}
} // namespace sfe::host::web

#endif
