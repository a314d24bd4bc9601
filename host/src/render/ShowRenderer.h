//
// ShowRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `show`.
//

#ifndef SFE_HOST_RENDER_SHOWRENDERER_H
#define SFE_HOST_RENDER_SHOWRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

namespace sfe {
namespace host {

/// Renders a skill: its name and code, then each level in the response with its number, guiding
/// phrase, essence, responsibilities (each with its id) and guidance; a level the skill does not
/// define shows why and how to progress instead. The whole skill (no --level) also shows the
/// description, guidance notes and activities. The framework's attribution comes last.
class ShowRenderer: public Renderer
{
public:
    ShowRenderer(const i18n::Messages& messages, bool wholeSkill);
    /// `wholeSkill`: the response holds every level (show without --level). The labels are in
    /// the language of `messages`; the skill's own texts in the definition's.

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    const i18n::Messages& _messages;
    bool _wholeSkill;
};

}
} // namespace sfe::host

#endif
