//
// DefinitionCache.h
//
// Library: sfe_core
// Package: service
//
// Keeps stored skills in memory, because recording evidence reads them for every event.
//

#ifndef SFE_SERVICE_DEFINITIONCACHE_H
#define SFE_SERVICE_DEFINITIONCACHE_H

#include "sfe/store/DefinitionRepository.h"

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace sfe {
namespace service {

/// Skills by (code, definition version) and the current version of each code. A definition
/// version never changes once stored, so those entries never go stale; the current versions are
/// forgotten by invalidate(), which the importer calls after each import. [thread-safe]
class DefinitionCache
{
public:
    explicit DefinitionCache(store::Database& db);

    /// The skill in that version. Throws runtime::Error (SFE_NOTFOUND) if it is not stored.
    const store::StoredSkill& skill(const std::string& code, const std::string& definitionSha256);

    /// The current version of the skill; null if it was never imported.
    const store::StoredSkill* current(const std::string& code);

    /// The current skill holding this responsibility id (its code is the id's prefix); null if none.
    const store::StoredSkill* currentHolding(const std::string& responsibilityId);

    /// Loads every skill's current version now, outside any transaction, so that the first record
    /// of a new handle (a PHP worker opens one per request) does not read and parse definitions
    /// while it holds the store's write lock.
    void preload();

    /// Forgets current versions and counts a new generation. Call after an import, or after any
    /// change that caches keyed on generation() must see (mapping changes).
    void invalidate();

    /// Changes with each invalidate(). [thread-safe]
    long generation() const { return _generation.load(); }

private:
    store::Database& _db;
    std::mutex _mutex;
    std::map<std::pair<std::string, std::string>, store::StoredSkill> _skills;
    std::map<std::string, std::optional<std::string>> _current;
    std::atomic<long> _generation{0};
};

}
} // namespace sfe::service

#endif
