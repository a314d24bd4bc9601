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

#include "sfe/i18n/Messages.h"

#include <string>

namespace sfe {
namespace host {

/// Renders an import response from the catalog (admin.import.*), e.g.
///
///     imported CSMG from csmg-v2.xml (definition 3f2a1b2c4d5e…)
///     CSMG: version 2 replaces version 1 as the current one; the sentences it changes:
///       level 3
///         ~ CSMG-3.1 changed
///             was: …
///             now: …
///     1 activity mapping needs review: it covers nothing until mapped again (sfia-evidence coverage CSMG shows them):
///       Telephony basics (course), CSMG level 3: the wording of CSMG-3.1 changed
///
/// or "unchanged: CSMG from … is already stored (…)" with the stored version and how to use it.
class ImportRenderer: public Renderer
{
public:
    ImportRenderer(std::string source, const i18n::Messages& messages);
    /// `source`: the file as the user named it.

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

    /// The mappings a response's "flagged" lists (import, use), each with its reasons; nothing for none.
    static void flagged(const i18n::Messages& messages, const Poco::JSON::Object& response, std::ostream& out);

private:
    std::string _source;
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
