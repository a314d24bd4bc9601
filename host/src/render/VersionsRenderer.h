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

namespace sfe {
namespace host {

/// `versions CODE`: one row per stored version (number, definition, framework version, imported
/// at, source), the current one marked, and how to make another current.
class VersionsRenderer: public Renderer
{
public:
    void render(const Poco::JSON::Object& response, std::ostream& out) const override;
};

/// `diff CODE V1 V2`: per level, each sentence added (+), changed (~, old and new) and removed (-).
class DiffRenderer: public Renderer
{
public:
    void render(const Poco::JSON::Object& response, std::ostream& out) const override;
};

} } // namespace sfe::host

#endif
