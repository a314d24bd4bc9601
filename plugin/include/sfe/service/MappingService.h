//
// MappingService.h
//
// Library: sfe_core
// Package: service
//
// Use cases for admins: link LMS learning activities to levels and responsibilities.
//

#ifndef SFE_SERVICE_MAPPINGSERVICE_H
#define SFE_SERVICE_MAPPINGSERVICE_H

#include "sfe/definition/Model.h"
#include "sfe/service/CoverageView.h"
#include "sfe/service/ReviewReason.h"
#include "sfe/service/DefinitionCache.h"
#include "sfe/store/MappingRepository.h"

#include <Poco/Timestamp.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

class StatementFactory;

/// What to link: an activity (by LMS id or IRI) to a level, optionally to responsibilities.
struct MapRequest
{
    std::string activity;
    std::optional<std::string> name; ///< required the first time an activity is seen? no: defaults to its id
    std::optional<std::string> type; ///< course | module | assessment | task; default course
    std::string skill;
    int level = 0;
    std::vector<std::string> responsibilities;
};

/// What mapping did: the new mapping, the active one it replaced (same activity, skill and level),
/// and the activity's name and type before, when the request changed them: an activity has one
/// name and type, so a change shows in all its mappings (`activityMappings` of them).
struct MapOutcome
{
    store::MappingRecord mapping;
    std::optional<store::MappingRecord> replaced;
    std::optional<std::string> renamedFrom;
    std::optional<std::string> retypedFrom;
    std::size_t activityMappings = 0; ///< active mappings of the activity afterwards, all skills
};

/// What a CSV import did (or, for a dry run, would do), row by row: each row's line and outcome.
struct MappingImport
{
    struct Row
    {
        int line = 0;
        std::string outcome; ///< added | replaced | unchanged
        MapOutcome map;      ///< for unchanged: the stored mapping, nothing replaced
    };
    bool dryRun = false;
    std::size_t added = 0, replaced = 0, unchanged = 0;
    std::vector<Row> rows;
};

/// Links activities to levels. A mapping refers to the skill's current definition version and
/// keeps the text hash of each responsibility it names. Importing a new version moves mappings
/// whose texts are unchanged, and flags the others for an admin to review (map again to clear; a
/// version whose texts are as the mapping's, e.g. one `use` makes current again, clears it too).
class MappingService
{
public:
    MappingService(store::Database& db, DefinitionCache& definitions, const StatementFactory& statements);

    /// Creates the mapping, replacing an active one of the same activity and level. Throws
    /// runtime::Error: SFE_NOTFOUND for an unknown skill, SFE_INVALID for a level that is not
    /// defined, a responsibility of another level, or a bad type. Returns the mapping.
    MapOutcome map(const MapRequest& request, const Poco::Timestamp& now);

    /// The columns of the mapping CSV, in the order export writes them.
    static const std::vector<std::string>& csvColumns();

    /// Maps every record of `csv` (MappingCsv; a header line naming the columns) in one transaction:
    /// a record whose mapping is stored as it says is unchanged, one of a new activity, skill and
    /// level is added, one that differs replaces the active mapping. Mappings not in the file stay.
    /// Every problem found is reported, as `file`:LINE:COL, in one runtime::Error (SFE_INVALID)
    /// and nothing is written; a dry run reports what would change and writes nothing.
    MappingImport importCsv(const std::string& csv, const std::string& file, bool dryRun, const Poco::Timestamp& now);

    /// Mappings as CSV that importCsv reads back unchanged: the header (with `header`) and a
    /// record of each. The pages of mappings(nullopt, ...) so written, in order, are the whole file.
    static std::string exportCsv(const std::vector<store::MappingRecord>& page, bool header);

    /// Removes the active mappings of an activity (all, or of one skill and/or level), or the
    /// mapping with `mappingId`. Returns the ids removed; throws SFE_NOTFOUND when none matched.
    std::vector<std::string> unmap(const std::optional<std::string>& mappingId,
                                   const std::optional<std::string>& activity, const std::optional<std::string>& skill,
                                   const std::optional<int>& level, const Poco::Timestamp& now);

    /// The active mappings (of one skill), a page at a time: at most `limit` after the mapping
    /// `afterId` ("": from the first), ordered by skill, level and activity (byte order).
    std::vector<store::MappingRecord> mappings(const std::optional<std::string>& skill, const std::string& afterId,
                                               std::size_t limit);

    /// Whether `id` names a mapping, active or removed (a cursor of mappings names one).
    bool isMapping(const std::string& id);

    /// Coverage of each defined level of the skill's current version: every responsibility, the
    /// mappings naming it, the mappings to the level as a whole, flagged ones marked with their
    /// reasons and counting for nothing (CoverageView says what counts). Throws SFE_NOTFOUND.
    CoverageView coverage(const std::string& skill);

    /// Called by the importer inside its transaction: moves or flags mappings of the skills in
    /// the new version. Returns the mappings flagged (as flagged), each with its reasons.
    std::vector<FlaggedMapping> reviewAfterImport(const definition::Definition& definition, const std::string& at);

private:
    /// What `m` refers to that `skill` (a version other than the mapping's) no longer holds as it
    /// was when `m` was made; empty when nothing changed.
    std::vector<ReviewReason> reviewReasons(const store::MappingRecord& m, const definition::Skill& skill);

    /// Reports a problem with the field of a map request ("activity", "skill", ...) and its status.
    using ProblemSink = std::function<void(const std::string& field, int status, const std::string& message)>;

    /// The mapping `request` asks for, checked against the skill's current definition version (no
    /// activity, id or time yet); empty when `problem` was called.
    std::optional<store::MappingRecord> prepare(const MapRequest& request, const ProblemSink& problem);

    /// Stores `mapping` for the request's activity, replacing the active mapping of the same activity,
    /// skill and level, inside the caller's transaction; without a mapping the stored one stays.
    /// Renames or retypes the activity as the request says.
    MapOutcome apply(store::MappingRepository& repo, const MapRequest& request,
                     std::optional<store::MappingRecord> mapping, const std::string& at);

    store::Database& _db;
    DefinitionCache& _definitions;
    const StatementFactory& _statements;
};

}
} // namespace sfe::service

#endif
