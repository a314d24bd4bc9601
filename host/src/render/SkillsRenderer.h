//
// SkillsRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `skills`.
//

#ifndef SFE_HOST_RENDER_SKILLSRENDERER_H
#define SFE_HOST_RENDER_SKILLSRENDERER_H

#include "render/Renderer.h"

namespace sfe {
namespace host {

/// Renders the current skills as a table: code, name, language, framework, defined levels,
/// definition (short hash) and when it was imported.
class SkillsRenderer: public Renderer
{
public:
    void render(const Poco::JSON::Object& response, std::ostream& out) const override;
};

} } // namespace sfe::host

#endif
