//
// OutboxRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `outbox`.
//

#ifndef SFE_HOST_RENDER_OUTBOXRENDERER_H
#define SFE_HOST_RENDER_OUTBOXRENDERER_H

#include "render/Renderer.h"

namespace sfe {
namespace host {

/// Renders the outbox: the LRS it delivers to, the statements per state, and each quarantined
/// statement with the reason it was taken out of delivery.
class OutboxRenderer: public Renderer
{
public:
    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

    static std::string counts(const Poco::JSON::Object& response);
        /// "2 pending, 10 delivered, 1 quarantined".
};

} } // namespace sfe::host

#endif
