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

#include "sfe/i18n/Messages.h"
#include "sfe/i18n/TimeText.h"

namespace sfe {
namespace host {

/// Renders the current skills as a table: code, name, language, framework, defined levels,
/// definition (short hash) and when it was imported (in the reader's time zone).
class SkillsRenderer: public Renderer
{
public:
    SkillsRenderer(const i18n::Messages& messages, i18n::TimeText times);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    const i18n::Messages& _messages;
    i18n::TimeText _times;
};

}
} // namespace sfe::host

#endif
