//
// DefinitionDiff.h
//
// Library: sfe_core
// Package: service
//
// The sentences two versions of a skill differ in, level by level.
//

#ifndef SFE_SERVICE_DEFINITIONDIFF_H
#define SFE_SERVICE_DEFINITIONDIFF_H

#include "sfe/definition/Model.h"

#include <string>
#include <vector>

namespace sfe {
namespace service {

/// Compares two versions of one skill, in one language: per level, the responsibilities added,
/// removed and reworded (by id), and the level's own sentences (guiding phrase, essence, guidance
/// on developing at the level) that appear, disappear or change. What an admin must review after
/// a new version, and what an attestation against the old wording was made against.
class DefinitionDiff
{
public:
    /// One sentence: a responsibility's id, or "guidingPhrase", "essence", "guidance".
    struct Sentence
    {
        std::string id;
        std::string before; ///< empty when added
        std::string after;  ///< empty when removed
    };
    struct Level
    {
        int number = 0;
        std::vector<Sentence> added, changed, removed;
    };

    /// The levels that differ, in order; none when the versions say the same.
    static std::vector<Level> compare(const definition::Skill& before, const definition::Skill& after,
                                      const std::string& language);
};

}
} // namespace sfe::service

#endif
