//
// LearnerRefs.h
//
// Library: sfe_core
// Package: store
//
// Pseudonymous references for learners and assessors, so the evidence log holds no personal data.
//

#ifndef SFE_STORE_LEARNERREFS_H
#define SFE_STORE_LEARNERREFS_H

#include "sfe/store/Database.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace store {

/// Each person (learner or assessor, by LMS user id) gets a random salt and a reference
/// ref = SHA-256(salt || id), hex. The evidence log names people only by ref. Erasing a person
/// deletes the salt: the ref stays valid in the log but no longer leads back to anyone.
/// Refs are cached in memory; they never change while their row exists. [thread-safe]
class LearnerRefs
{
public:
    explicit LearnerRefs(Database& db);

    /// The ref of each id, creating salts for new ids (inside the caller's Transaction).
    std::map<std::string, std::string> refs(const std::vector<std::string>& ids);

    /// The ref of an id if it has one.
    std::optional<std::string> find(const std::string& id);

    /// Deletes the id's salt (inside the caller's Transaction) and forgets it. Returns its ref.
    std::optional<std::string> erase(const std::string& id);

    /// Forgets everything cached (call when a transaction that created refs rolled back).
    void clearCache();

private:
    Database& _db;
    std::mutex _mutex;
    std::map<std::string, std::string> _cache;
};

}
} // namespace sfe::store

#endif
