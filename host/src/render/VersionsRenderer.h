//
// VersionsRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `versions` and `diff`.
//

#ifndef SFE_HOST_RENDER_VERSIONSRENDERER_H
#define SFE_HOST_RENDER_VERSIONSRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

/// `versions CODE`: one row per stored version (number, definition, framework version, imported
/// at, source), the current one marked, and how to make another current; texts from the catalog
/// (admin.versions.*).
class VersionsRenderer: public Renderer
{
public:
    explicit VersionsRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    const i18n::Messages& _messages;
};

/// `diff CODE V1 V2`: per level, each sentence added (+), changed (~, old and new) and removed (-),
/// texts from the catalog (admin.diff.*).
class DiffRenderer: public Renderer
{
public:
    explicit DiffRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

    /// Writes the levels of a diff (as `diff` and `import` answer them), each line indented by
    /// `indent` more spaces; "no sentence differs" for none.
    static void levels(const i18n::Messages& messages, const Poco::JSON::Array::Ptr& levels, std::ostream& out,
                       std::size_t indent = 0);

private:
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
