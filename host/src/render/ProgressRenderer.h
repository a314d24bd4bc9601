//
// ProgressRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `progress`: the learner's view, level by level, and the next steps.
//

#ifndef SFE_HOST_RENDER_PROGRESSRENDERER_H
#define SFE_HOST_RENDER_PROGRESSRENDERER_H

#include "render/Renderer.h"

#include "sfe/i18n/Messages.h"
#include "sfe/i18n/TimeText.h"

#include <string>

namespace sfe {
namespace host {

/// Renders the learner's view the plugin's `progress` returns (its texts are already in the
/// reader's language), one block per skill, a bar line per level, then the level's sentences with
/// their states, its activities by name, what the definition says about developing there, and at
/// the end the next steps:
///
///     Kundenservice (CSMG): Lernende/r anna.schmidt, Definition 2f959de0908f…
///       Eine Stufe ist erreicht, wenn eine Bewerterin oder ein Bewerter jede Verantwortlichkeit ...
///       3 Anwenden        [######....] 3/5 nachgewiesen  1/2 Aktivitäten
///           ✓ Fungiert als routinemäßige Anlaufstelle, die Unterstützungsanfragen empfängt und bearbeitet.
///             nachgewiesen am 03.11.2026 von julia.becker
///       ...
///     Als Nächstes: Stufe 3 (Anwenden)
///       Nächste Schritte:
///         Kurs „Erstdiagnose“, Stufe 3: deckt 1 Verantwortlichkeit ab
///
/// The bar counts what the rule asks for (verified responsibilities under all-verified). With
/// `explain`, each level also gets the rule's reasons and the evidence records that decide it
/// (the response's "evidence" map), each with its statements.
class ProgressRenderer: public Renderer
{
public:
    ProgressRenderer(const i18n::Messages& messages, i18n::TimeText times, bool explain);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

private:
    void renderLevel(const Poco::JSON::Object& level, const std::string& rule, std::size_t phraseWidth,
                     const Poco::JSON::Object::Ptr& evidence, std::ostream& out) const;
    void renderNext(const Poco::JSON::Object& skill, std::ostream& out) const;
    std::string text(const std::string& key, const i18n::MessageArgs& args = {}) const;
    std::string date(const std::string& utc) const; ///< a stored UTC time as the reader's date and time
    std::string record(const Poco::JSON::Object::Ptr& records, const std::string& id) const;
    ///< one deciding record (from the response's "evidence" map) with its statements, from the catalog

    const i18n::Messages& _messages;
    i18n::TimeText _times;
    bool _explain;
};

}
} // namespace sfe::host

#endif
