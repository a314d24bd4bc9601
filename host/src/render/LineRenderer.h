//
// LineRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of commands whose answer fits in a line or two.
//

#ifndef SFE_HOST_RENDER_LINERENDERER_H
#define SFE_HOST_RENDER_LINERENDERER_H

#include "render/Renderer.h"

#include <functional>
#include <string>

namespace sfe {
namespace host {

/// A renderer for short confirmations ("withdrew evidence …", "3 statements back in delivery"):
/// the command passes the function that words the response, next to where it makes the request.
class LineRenderer: public Renderer
{
public:
    using Wording = std::function<std::string(const Poco::JSON::Object& response)>;

    explicit LineRenderer(Wording wording);
    /// `wording` returns the text without its final newline; it may contain more lines.

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    Wording _wording;
};

}
} // namespace sfe::host

#endif
