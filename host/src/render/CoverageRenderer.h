//
// CoverageRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `coverage`.
//

#ifndef SFE_HOST_RENDER_COVERAGERENDERER_H
#define SFE_HOST_RENDER_COVERAGERENDERER_H

#include "render/Renderer.h"

namespace sfe {
namespace host {

/// Renders which activities develop each responsibility, level by level, e.g.
///
///     Level 3
///       CSMG-3.1  course-101, course-107
///       CSMG-3.3  UNCOVERED
///       whole level: course-102
///     CSMG: 2 of 24 responsibilities covered, 22 UNCOVERED
///
/// The plugin decides what counts as covered; an activity mapped to the whole level is listed
/// but, as in the plugin's answer, covers no responsibility by itself.
class CoverageRenderer: public Renderer
{
public:
    static constexpr const char* kUncovered = "UNCOVERED";

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;
};

} } // namespace sfe::host

#endif
