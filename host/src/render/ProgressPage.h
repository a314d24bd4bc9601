//
// ProgressPage.h
//
// Library: sfia-evidence (host)
// Package: render
//
// `progress --html`: a learner's progress as one self-contained HTML page.
//

#ifndef SFE_HOST_RENDER_PROGRESSPAGE_H
#define SFE_HOST_RENDER_PROGRESSPAGE_H

#include "render/ProgressRenderer.h"

#include <ostream>
#include <string>

namespace sfe {
namespace host {

/// Writes a `progress` response (with explain) as one HTML5 page in UTF-8 that needs nothing
/// else: the CSS is inline, the chart of the levels is inline SVG, and no URL is referenced, so
/// the page can be mailed or archived as one file. Every text from the response is escaped.
/// Per skill: a bar chart of the levels, then a table with each level's counts, status, the
/// rule's reasons and the evidence records that decide it.
class ProgressPage
{
public:
    explicit ProgressPage(ProgressRenderer::Skills skills);
        /// The `show` response of each skill in the progress, by code.

    void write(const Poco::JSON::Object& progress, std::ostream& out) const;

    static std::string escape(const std::string& text);
        /// `text` with &, <, >, " and ' as character references.

private:
    void writeSkill(const Poco::JSON::Object& skill, const Poco::JSON::Object::Ptr& evidence, std::ostream& out) const;
    void writeChart(const Poco::JSON::Object& skill, std::ostream& out) const;

    ProgressRenderer::Skills _skills;
};

} } // namespace sfe::host

#endif
