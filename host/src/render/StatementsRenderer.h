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

#include "sfe/i18n/Messages.h"

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// Renders the outbox's statements as a table in outbox order: id, kind, delivery state,
/// attempts, when made and delivered, the evidence record (or the statement it voids), and the
/// last delivery error. Texts from the catalog (evidence.statements.*).
class StatementsRenderer: public Renderer
{
public:
    explicit StatementsRenderer(const i18n::Messages& messages = i18n::Messages::of("en"));
    /// The default is English, for commands that do not pass their reader's catalog yet.

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

    std::vector<std::string> header() const;
    /// The table's column titles.

    std::vector<std::string> row(const Poco::JSON::Object& statement) const;
    /// One statement's row (the `statements` command prints pages of them in one table).

private:
    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
