//
// PageRenderer.h
//
// Library: sfe_i18n
// Package: i18n
//
// A view model rendered as an HTML page through a Mustache template.
//

#ifndef SFE_I18N_PAGERENDERER_H
#define SFE_I18N_PAGERENDERER_H

#include "sfe/EmbeddedFile.h"

#include <Poco/JSON/Object.h>

#include <stdexcept>
#include <string>

namespace sfe {
namespace i18n {

/// Renders <name>.html.mustache from a set of embedded templates (sfe_embed_set) with a view model,
/// through kainjow-mustache: the template sees the JSON as it is (objects, arrays as sections,
/// strings HTML-escaped by {{x}}, booleans, numbers), and every template of the set is also a
/// partial by its name ("{{> page-head}}"). The plugin's pages (presenter::HtmlPage) and the web
/// host's own (host web::PageTemplates) both render through it; neither builds HTML by hand.
class PageRenderer
{
public:
    /// An unknown template, or one that does not parse or render (programming errors), named.
    class Error: public std::runtime_error
    {
    public:
        using std::runtime_error::runtime_error;
    };

    /// `templates` is an index ending with a nullptr name, as sfe_embed_set writes it.
    static std::string render(const EmbeddedFile* templates, const std::string& name, const Poco::JSON::Object& view);
};

}
} // namespace sfe::i18n

#endif
