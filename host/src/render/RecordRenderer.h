//
// RecordRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `complete` and `attest`.
//

#ifndef SFE_HOST_RENDER_RECORDRENDERER_H
#define SFE_HOST_RENDER_RECORDRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

namespace sfe {
namespace host {

/// Renders what recording one event did:
///
///     recorded event 8a7f2522-…: 1 evidence record, 1 statement queued for the LRS
///       evidence   214a021b-d61f-4f7e-9973-4b324d0d909d
///       statements 8d038149-33da-4b5c-a090-6a67f6de1f8b
///
/// or, for an event id seen before, that nothing was written. Texts from the catalog
/// (evidence.record.*).
class RecordRenderer: public Renderer
{
public:
    explicit RecordRenderer(const i18n::Messages& messages = i18n::Messages::of("en"));
    /// The default is English, for commands that do not pass their reader's catalog yet.

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
