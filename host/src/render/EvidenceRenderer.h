//
// EvidenceRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `evidence`.
//

#ifndef SFE_HOST_RENDER_EVIDENCERENDERER_H
#define SFE_HOST_RENDER_EVIDENCERENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// Renders evidence records as a table in recording order: sequence number, id, when it
/// happened, kind, learner, skill and level, responsibilities, its source (the activity, or the
/// assessor), the result (verb and score, or outcome), its state (active, verified, withdrawn)
/// and the withdrawal, if withdrawn. Texts from the catalog (evidence.list.*).
class EvidenceRenderer: public Renderer
{
public:
    explicit EvidenceRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

    std::vector<std::string> header() const;
    /// The table's column titles.

    std::vector<std::string> row(const Poco::JSON::Object& record) const;
    /// One record's row (the `evidence` command prints pages of them in one table).

private:
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
