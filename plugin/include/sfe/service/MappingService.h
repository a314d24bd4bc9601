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
#include "sfe/service/DefinitionCache.h"
#include "sfe/store/MappingRepository.h"

#include <Poco/Timestamp.h>

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
    std::optional<std::string> name;        ///< required the first time an activity is seen? no: defaults to its id
    std::optional<std::string> type;        ///< course | module | assessment | task; default course
    std::string skill;
    int level = 0;
    std::vector<std::string> responsibilities;
};

/// For one defined level: which responsibilities mapped activities develop, and which none does.
struct LevelCoverage
{
    int level = 0;
    std::vector<std::string> responsibilities;      ///< all, in order
    std::vector<std::string> uncovered;             ///< developed by no mapped activity
    std::vector<std::string> levelWideActivities;   ///< activities mapped to the level as a whole
    std::vector<std::pair<std::string, std::vector<std::string>>> coveredBy;  ///< responsibility -> activities
};

/// Links activities to levels. A mapping refers to the skill's current definition version and
/// keeps the text hash of each responsibility it names. Importing a new version moves mappings
/// whose texts are unchanged, and flags the others for an admin to review (map again to clear).
class MappingService
{
public:
    MappingService(store::Database& db, DefinitionCache& definitions, const StatementFactory& statements);

    /// Creates the mapping, replacing an active one of the same activity and level. Throws
    /// runtime::Error: SFE_NOTFOUND for an unknown skill, SFE_INVALID for a level that is not
    /// defined, a responsibility of another level, or a bad type. Returns the mapping.
    store::MappingRecord map(const MapRequest& request, const Poco::Timestamp& now);

    /// Removes the active mappings of an activity (all, or of one skill and/or level), or the
    /// mapping with `mappingId`. Returns the ids removed; throws SFE_NOTFOUND when none matched.
    std::vector<std::string> unmap(const std::optional<std::string>& mappingId,
                                   const std::optional<std::string>& activity,
                                   const std::optional<std::string>& skill, const std::optional<int>& level,
                                   const Poco::Timestamp& now);

    std::vector<store::MappingRecord> mappings(const std::optional<std::string>& skill);

    /// Coverage of each defined level of the skill's current version. Throws SFE_NOTFOUND.
    std::vector<LevelCoverage> coverage(const std::string& skill);

    /// Called by the importer inside its transaction: moves or flags mappings of the skills in
    /// the new version. Returns the ids of the mappings flagged.
    std::vector<std::string> reviewAfterImport(const definition::Definition& definition, const std::string& at);

private:
    store::Database& _db;
    DefinitionCache& _definitions;
    const StatementFactory& _statements;
};

} } // namespace sfe::service

#endif
