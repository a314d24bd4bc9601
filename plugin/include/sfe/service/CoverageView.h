//
// CoverageView.h
//
// Library: sfe_core
// Package: service
//
// What an admin sees of a skill's coverage: every responsibility sentence and what develops it.
//

#ifndef SFE_SERVICE_COVERAGEVIEW_H
#define SFE_SERVICE_COVERAGEVIEW_H

#include "sfe/definition/Model.h"
#include "sfe/service/ReviewReason.h"

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// The coverage of a skill's current version, level by level, as services fill it and presenters
/// show it (MappingService::coverage). What counts:
/// - a responsibility is *covered* when an active mapping that is not flagged names it;
/// - else it is *covered as a whole* when an active, unflagged mapping links an activity to its
///   level without naming responsibilities: such an activity develops the level as a whole (SFIA's
///   level of responsibility), which supports every sentence of it but evidences none in particular;
/// - else it is *uncovered*: a gap.
/// A mapping flagged for review (its texts changed in a later version) covers nothing until an admin
/// maps it again; it is listed with its reasons, so it is never silently lost either.
struct CoverageView
{
    enum class State
    {
        Covered,
        CoveredAsWhole,
        Uncovered
    };

    /// One active mapping as the view lists it.
    struct Mapping
    {
        std::string id;
        std::string activity; ///< the activity's LMS id
        std::string name;
        std::string type; ///< course | module | assessment | task
        bool flagged = false;
        std::optional<std::string> flaggedAt;
        std::optional<std::string> flagReason; ///< as stored (English, for the record)
        std::vector<ReviewReason> reasons;     ///< against the current version
    };

    struct Sentence
    {
        std::string id;
        definition::LocalizedText text;
        State state = State::Uncovered;
        std::vector<Mapping> mappings; ///< naming it, flagged ones included
    };

    struct Level
    {
        int number = 0;
        definition::LocalizedText guidingPhrase;
        std::vector<Sentence> responsibilities;
        std::vector<Mapping> wholeLevel; ///< mapped to the level as a whole, flagged ones included
        std::size_t covered = 0, coveredAsWhole = 0, uncovered = 0;
    };

    std::string skill;
    definition::LocalizedText name;
    std::string definitionLanguage; ///< the definition's own language ("de-DE")
    std::string definitionSha256;
    std::vector<Level> levels; ///< the defined levels, in order
    std::size_t responsibilities = 0, covered = 0, coveredAsWhole = 0, uncovered = 0;
    std::size_t flagged = 0; ///< active mappings of the skill flagged for review

    /// "covered" | "covered-as-whole" | "uncovered".
    static const char* stateName(State state);
};

}
} // namespace sfe::service

#endif
