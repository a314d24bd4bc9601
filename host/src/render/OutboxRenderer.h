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

#include "sfe/i18n/Messages.h"

namespace sfe {
namespace host {

/// Renders the outbox: the LRS it delivers to, the statements per state, and each quarantined
/// statement with the reason it was taken out of delivery.
class OutboxRenderer: public Renderer
{
public:
    explicit OutboxRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
