//
// ImportRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `import`.
//

#ifndef SFE_HOST_RENDER_IMPORTRENDERER_H
#define SFE_HOST_RENDER_IMPORTRENDERER_H

#include "render/Renderer.h"

#include <string>

namespace sfe {
namespace host {

/// Renders an import response as one line, e.g.
/// "imported CSMG from definitions/csmg.de.xml (definition 3f2a1b2c4d5e…)" or
/// "unchanged: CSMG from definitions/csmg.de.xml is already stored (definition 3f2a1b2c4d5e…)",
/// plus a note when the import flagged activity mappings for review.
class ImportRenderer: public Renderer
{
public:
    explicit ImportRenderer(std::string source);
        /// `source`: the file as the user named it.

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    std::string _source;
};

} } // namespace sfe::host

#endif
