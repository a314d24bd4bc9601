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

#include "sfe/i18n/Messages.h"

namespace sfe {
namespace host {

/// Renders every responsibility sentence of a skill, level by level, with what covers it, in the
/// catalog's language (messages coverage.*, admin.*), e.g.
///
///     Level 3: Apply
///       CSMG-3.1  Acts as the routine contact point ...
///                 covered by Servicedesk basics (course)
///       CSMG-3.3  Handles ...
///                 covered only as a whole by Service week (course)
///                 NEEDS REVIEW: Phone skills (course): needs review, covers nothing until mapped again: ...
///       Level 3 as a whole: Service week (course). An activity mapped to the whole level ...
///       1 of 5 responsibilities covered, 4 only as a whole, 0 UNCOVERED
///     CSMG: 2 of 24 responsibilities covered, 4 only as a whole, 18 UNCOVERED; 1 mapping needs review
///
/// The plugin decides what counts as covered (docs/cli.md, coverage); this only words it.
class CoverageRenderer: public Renderer
{
public:
    explicit CoverageRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    std::string activities(const Poco::JSON::Array::Ptr& mappings) const;
    void reviews(const Poco::JSON::Array::Ptr& mappings, std::ostream& out, std::size_t indent) const;

    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
