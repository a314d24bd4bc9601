//
// HtmlPage.h
//
// Library: sfe_core
// Package: presenter
//
// A view model rendered as an HTML page through a Mustache template.
//

#ifndef SFE_PRESENTER_HTMLPAGE_H
#define SFE_PRESENTER_HTMLPAGE_H

#include <Poco/JSON/Object.h>

#include <string>

namespace sfe {
namespace presenter {

/// Renders a view model (the JSON an operation returns) through the template
/// plugin/templates/<name>.html.mustache (kainjow-mustache). The template sees the view model as
/// it is: objects, arrays as sections, strings (HTML-escaped by {{x}}), booleans, numbers. Every
/// template is also a partial by its name, so pages share "{{> page-head}}" and the like.
/// There is no other way the plugin writes HTML: no markup is built from strings in code.
class HtmlPage
{
public:
    /// Throws runtime::Error (SFE_ERROR) for an unknown template or one that does not render,
    /// naming it.
    static std::string render(const std::string& name, const Poco::JSON::Object& view);
};

}
} // namespace sfe::presenter

#endif
