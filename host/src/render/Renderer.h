//
// Renderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// Turns one operation's JSON response into the text a person reads.
//

#ifndef SFE_HOST_RENDER_RENDERER_H
#define SFE_HOST_RENDER_RENDERER_H

#include <Poco/JSON/Object.h>

#include <ostream>

namespace sfe {
namespace host {

/// The text form of one command's output. Each command has its own renderer; with --json the
/// CLI prints the response itself instead. Renderers only read the response: the plugin has
/// already decided what is true, the renderer decides how it looks.
class Renderer
{
public:
    virtual ~Renderer() = default;

    virtual void render(const Poco::JSON::Object& response, std::ostream& out) const = 0;
    /// Writes `response` as UTF-8 text. Throws Poco::Exception (via Poco::JSON) when the
    /// response lacks a field the renderer needs.
};

}
} // namespace sfe::host

#endif
