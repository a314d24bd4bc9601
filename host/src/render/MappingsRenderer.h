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

namespace sfe {
namespace host {

/// Renders the active mappings as a table: id, activity, name, type, skill, level, the
/// responsibilities ("whole level" when none), and a review note for flagged ones.
class MappingsRenderer: public Renderer
{
public:
    explicit MappingsRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    const i18n::Messages& _messages;
};

} } // namespace sfe::host

#endif
