//
// MappingsRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `mappings`.
//

#ifndef SFE_HOST_RENDER_MAPPINGSRENDERER_H
#define SFE_HOST_RENDER_MAPPINGSRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// Renders the active mappings as a table: id, activity, name, type, skill, level, the
/// responsibilities ("whole level" when none), and a review note for flagged ones.
class MappingsRenderer: public Renderer
{
public:
    explicit MappingsRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

    /// The table's column titles and one mapping's row: a listing read a page at a time
    /// (Pager::printTable) is the table render() prints of the whole list.
    std::vector<std::string> header() const;
    std::vector<std::string> row(const Poco::JSON::Object& mapping) const;

private:
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
