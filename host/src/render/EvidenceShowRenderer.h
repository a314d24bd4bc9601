//
// EvidenceShowRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `evidence show`.
//

#ifndef SFE_HOST_RENDER_EVIDENCESHOWRENDERER_H
#define SFE_HOST_RENDER_EVIDENCESHOWRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// Renders one evidence record with its proof, for an auditor: the record's fields, its
/// verifications, each evidence-log entry about it with its hashes (and whether each checks out,
/// as audit verify checks it) and the checkpoint that covers it, then each statement made for it
/// with its body hash, whether it matches its log entry, and its JSON. Hashes are printed whole.
/// Texts from the catalog (evidence.show.*).
class EvidenceShowRenderer: public Renderer
{
public:
    explicit EvidenceShowRenderer(const i18n::Messages& messages);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    /// Label and value pairs, printed with the values aligned.
    using Fields = std::vector<std::pair<std::string, std::string>>;
    static void writeFields(std::ostream& out, const Fields& fields, std::size_t indent);
    std::string text(const std::string& key) const;

    const i18n::Messages& _messages;
};

}
} // namespace sfe::host

#endif
