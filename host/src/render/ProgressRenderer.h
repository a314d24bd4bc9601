//
// ProgressRenderer.h
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `progress`: a bar per level, and with --explain the reasons and records.
//

#ifndef SFE_HOST_RENDER_PROGRESSRENDERER_H
#define SFE_HOST_RENDER_PROGRESSRENDERER_H

#include "render/Renderer.h"

#include <map>
#include <string>

namespace sfe {
namespace host {

/// Renders a learner's progress, one block per skill, one line per level:
///
///     Kundenservice (CSMG): learner u1, rule all-demonstrated, definition 2f959de0908f…
///       1 Befolgen        [..........] 0/3 demonstrated  0/0 activities
///       3 Anwenden        [######....] 3/5 demonstrated  2/2 activities
///       7 (not defined for this skill)
///
/// With `explain`, each level is followed by the rule's reasons and by the evidence records that
/// decide it (from the response's "evidence" map), each with its statements. The count on the
/// bar is what the rule asks for: verified responsibilities under all-verified, demonstrated ones
/// otherwise.
class ProgressRenderer: public Renderer
{
public:
    using Skills = std::map<std::string, Poco::JSON::Object::Ptr>;
        /// The `show` response of each skill in the progress, by code: names and level phrases.

    ProgressRenderer(Skills skills, bool explain);

    void render(const Poco::JSON::Object& response, std::ostream& out) const override;

    struct LevelCounts
    {
        std::size_t counted = 0;        ///< responsibilities that count for the rule
        std::size_t responsibilities = 0;
        std::string countedAs;          ///< "demonstrated" or "verified"
    };

    static LevelCounts counts(const Poco::JSON::Object& level, const std::string& rule);
        /// What the bar of a level shows under `rule` (shared with the HTML page).

    static std::string phrase(const Skills& skills, const std::string& code, int level);
        /// The level's guiding phrase ("Anwenden"); empty for a level the skill does not define.

private:
    void renderLevel(const Poco::JSON::Object& level, const std::string& rule, const std::string& phrase,
                     std::size_t phraseWidth, const Poco::JSON::Object::Ptr& evidence, std::ostream& out) const;

    Skills _skills;
    bool _explain;
};

} } // namespace sfe::host

#endif
