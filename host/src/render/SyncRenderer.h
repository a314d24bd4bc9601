//
// SyncRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `sync`: what the drain did and what is left.
//

#ifndef SFE_HOST_RENDER_SYNCRENDERER_H
#define SFE_HOST_RENDER_SYNCRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

#include <ostream>

namespace sfe {
namespace host {

/// Renders a `sync` response together with the outbox after it:
///
///     delivered 120, quarantined 0, retries 0, requests 3, elapsed 1.2 s
///     nothing pending (LRS https://lrs.example.org/xapi)
///
/// or how many statements are still pending and the last error. While a sync runs on a
/// terminal, progress() draws the bar line that the summary replaces.
class SyncRenderer: public Renderer
{
public:
    SyncRenderer(const i18n::Messages& messages, Poco::JSON::Object::Ptr outboxAfter);
    /// `outboxAfter`: the `outbox` response taken when the sync had returned.

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

    static void progress(const i18n::Messages& messages, const Poco::JSON::Object& outboxBefore,
                         const Poco::JSON::Object& outboxNow, std::ostream& out);
    /// Redraws the bar line: "\r[####......] 45/120 sent, 0 quarantined, 75 pending".

    static void clearProgress(std::ostream& out);
    /// Removes the bar line.

    static std::size_t pending(const Poco::JSON::Object& outbox);
    /// The pending count of an `outbox` response.

private:
    const i18n::Messages& _messages;
    Poco::JSON::Object::Ptr _outboxAfter;
};

}
} // namespace sfe::host

#endif
