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

namespace sfe {
namespace host {

/// Renders evidence records as a table in recording order: sequence number, id, when it
/// happened, kind, learner, skill and level, responsibilities, its source (the activity, or the
/// assessor), the result (verb and score, or outcome), and the withdrawal reason if withdrawn.
class EvidenceRenderer: public Renderer
{
public:
    void render(const Poco::JSON::Object& response, std::ostream& out) const override;
};

} } // namespace sfe::host

#endif
