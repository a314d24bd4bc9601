//
// MappingsImportRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `mappings import`.
//

#ifndef SFE_HOST_RENDER_MAPPINGSIMPORTRENDERER_H
#define SFE_HOST_RENDER_MAPPINGSIMPORTRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

namespace sfe {
namespace host {

/// "FILE: 2 added, 1 replaced, 10 unchanged", then one "FILE:LINE: ..." line per replaced mapping
/// and renamed or retyped activity, and for a dry run that nothing was changed.
class MappingsImportRenderer: public Renderer
{
public:
    explicit MappingsImportRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
