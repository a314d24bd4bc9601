//
// LineRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of commands whose answer fits in a line or two.
//

#include "render/LineRenderer.h"

namespace sfe {
namespace host {

LineRenderer::LineRenderer(Wording wording):
    _wording(std::move(wording))
{}

void LineRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    out << _wording(response) << '\n';
}

}
} // namespace sfe::host
