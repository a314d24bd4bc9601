//
// DefinitionRepository.h
//
// Library: sfe_core
// Package: store
//
// Stores definition versions and reads skills back.
//

#ifndef SFE_STORE_DEFINITIONREPOSITORY_H
#define SFE_STORE_DEFINITIONREPOSITORY_H

#include "sfe/definition/Model.h"
#include "sfe/store/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace store {

/// A skill as stored: the skill in one definition version, with its framework release.
struct StoredSkill
{
    definition::Skill skill;
    definition::Framework framework;
    std::string definitionSha256;
    std::string importedAt;
};

/// One stored version of a skill: the definition document it came in, in import order.
struct SkillVersion
{
    std::string definitionSha256;
    std::string frameworkVersion;
    std::string sourceName;
    std::string importedAt;
};

/// Definition versions, their skills, levels and responsibilities, and which version of each
/// skill is current. Writes happen inside the caller's Transaction.
class DefinitionRepository
{
public:
    explicit DefinitionRepository(Database& db);

    /// True if the document with this content hash is already stored.
    bool contains(const std::string& contentSha256);

    /// Stores a new definition version and makes its skills current. `importedAt` is RFC 3339.
    /// Marks the store changed (Database::markChanged) so that every process reloads current versions.
    void add(const definition::Definition& definition, const std::string& importedAt);

    /// The current version of each skill, ordered by code (byte order).
    std::vector<StoredSkill> currentSkills();

    /// The current version of a skill; empty if no such skill was imported.
    std::optional<StoredSkill> currentSkill(const std::string& code);

    /// A skill in a given definition version; empty if not stored.
    std::optional<StoredSkill> skill(const std::string& code, const std::string& definitionSha256);

    /// The current definition version of a skill, before `add` replaces it; empty if none.
    std::optional<std::string> currentVersion(const std::string& code);

    /// The stored versions of a skill, in the order they were imported; empty if none.
    std::vector<SkillVersion> versions(const std::string& code);

    /// Makes a stored version of the skill current (it must hold the skill). Marks the store changed.
    void makeCurrent(const std::string& code, const std::string& definitionSha256, const std::string& since);

    /// The stored document of a definition version (for audit export); empty if unknown.
    std::optional<std::string> document(const std::string& definitionSha256);

private:
    definition::Framework loadFramework(const std::string& definitionSha256, std::string& importedAt);

    Database& _db;
};

}
} // namespace sfe::store

#endif
