//
// MappingRepository.h
//
// Library: sfe_core
// Package: store
//
// LMS learning activities and their mappings to skill levels and responsibilities.
//

#ifndef SFE_STORE_MAPPINGREPOSITORY_H
#define SFE_STORE_MAPPINGREPOSITORY_H

#include "sfe/store/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace store {

/// A learning activity the LMS offers, known by its LMS id (or IRI) and its xAPI IRI.
struct ActivityRecord
{
    std::string id;  ///< as the LMS names it: an IRI or an LMS id
    std::string iri; ///< the xAPI activity id
    std::string name;
    std::string type; ///< course | module | assessment | task
    std::string createdAt;
};

/// A link from an activity to one level of one skill in one definition version, optionally to
/// specific responsibilities of that level (with the text hash they had when linked).
struct MappingRecord
{
    struct Responsibility
    {
        std::string id;
        std::string textSha256;
    };

    std::string id;
    ActivityRecord activity;
    std::string skillCode;
    int level = 0;
    std::string definitionSha256;
    std::vector<Responsibility> responsibilities; ///< empty: the level's development as a whole
    std::string createdAt;
    std::optional<std::string> removedAt;
    std::optional<std::string> flaggedAt; ///< set when a new definition changed its text
    std::optional<std::string> flagReason;
};

/// Reads and writes activities and mappings. Writes happen inside the caller's Transaction.
/// Mappings are never deleted: unmapping marks them removed, so evidence keeps its reference.
/// Every mapping change marks the store changed (Database::markChanged): other processes cache
/// mappings too.
class MappingRepository
{
public:
    explicit MappingRepository(Database& db);

    /// Inserts the activity, or updates its name and type when it exists.
    void saveActivity(const ActivityRecord& activity);

    /// The activity known by this LMS id or IRI; empty if none.
    std::optional<ActivityRecord> activity(const std::string& idOrIri);

    void addMapping(const MappingRecord& mapping);

    /// Marks a mapping removed. Returns false if there is no active mapping with that id.
    bool removeMapping(const std::string& mappingId, const std::string& at);

    /// Marks a mapping flagged for review, with the reason.
    void flagMapping(const std::string& mappingId, const std::string& at, const std::string& reason);

    /// Moves a mapping to a definition version whose texts it refers to are unchanged, clearing a
    /// review flag: the change that raised it is not in that version (e.g. `use` went back).
    void moveMapping(const std::string& mappingId, const std::string& definitionSha256);

    /// Active mappings, optionally of one skill and/or of one activity (by LMS id), ordered by
    /// skill, level and activity id (byte order, whatever the database's collation); their
    /// responsibilities by id.
    std::vector<MappingRecord> activeMappings(const std::optional<std::string>& skillCode = std::nullopt,
                                              const std::optional<std::string>& activityId = std::nullopt);

    /// One page of activeMappings(skillCode), in its order: at most `limit`, those after the
    /// mapping `afterId` (empty: from the first). The order is a key of the rows themselves
    /// (skill, level, activity, id; byte order on both databases), so a mapping made or removed
    /// while a caller pages through neither shifts nor repeats the others. `afterId` may be a
    /// mapping removed since (mappings are never deleted).
    std::vector<MappingRecord> activeMappingsPage(const std::optional<std::string>& skillCode,
                                                  const std::string& afterId, std::size_t limit);

    /// Whether a mapping (active or removed) has this id.
    bool hasMapping(const std::string& mappingId);

private:
    Database& _db;
};

}
} // namespace sfe::store

#endif
