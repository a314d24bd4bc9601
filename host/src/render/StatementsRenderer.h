//
// StatementsRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `statements`.
//

#ifndef SFE_HOST_RENDER_STATEMENTSRENDERER_H
#define SFE_HOST_RENDER_STATEMENTSRENDERER_H

#include "render/Renderer.h"

namespace sfe {
namespace host {

/// Renders the outbox's statements as a table in outbox order: id, kind, delivery state,
/// attempts, when made and delivered, the evidence record (or the statement it voids), and the
/// last delivery error.
class StatementsRenderer: public Renderer
{
public:
    void render(const Poco::JSON::Object& response, std::ostream& out) const override;
};

} } // namespace sfe::host

#endif
