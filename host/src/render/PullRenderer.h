//
// PullRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text form of `pull`: each statement that did not count with its reason, then the totals.
//

#ifndef SFE_HOST_RENDER_PULLRENDERER_H
#define SFE_HOST_RENDER_PULLRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Array.h>

#include <ostream>

namespace sfe {
namespace host {

/// Renders the report of `pull` (the pages of one command added up), e.g.
///
///     not counted: 5f0c…: its activity is not mapped to a skill level (https://lms.example.org/x)
///     12 statements read in 1 page: 3 recorded as learning evidence (4 records), 0 taken in before, 9 not counted
///     next pull continues after 2026-11-30T15:00:00.123Z
///
/// The reasons are the plugin's codes (docs/operations.md, "xAPI in"), worded from the catalog.
class PullRenderer: public Renderer
{
public:
    explicit PullRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;
    /// The whole report: skipped(), then summary().

    void skipped(const Poco::JSON::Array& skipped, std::ostream& out) const;
    /// One line per statement that did not count (a page's, as the pages come).

    void summary(const Poco::JSON::Object& totals, std::size_t skippedCount, std::ostream& out) const;
    /// The counts and where the next pull continues.

private:
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
