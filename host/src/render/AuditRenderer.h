//
// AuditRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `audit verify`.
//

#ifndef SFE_HOST_RENDER_AUDITRENDERER_H
#define SFE_HOST_RENDER_AUDITRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

namespace sfe {
namespace host {

/// Renders an audit verification: "OK" with what was checked, or "FAILED", the first bad entry,
/// and every problem found, one per line, in the plugin's words (which name the log entry and
/// the evidence record).
class AuditRenderer: public Renderer
{
public:
    explicit AuditRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;
    /// The problems and warnings are the plugin's own words (English).

private:
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
