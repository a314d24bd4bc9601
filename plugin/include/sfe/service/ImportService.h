//
// ImportService.h
//
// Library: sfe_core
// Package: service
//
// Use case: import a definition document as a new definition version.
//

#ifndef SFE_SERVICE_IMPORTSERVICE_H
#define SFE_SERVICE_IMPORTSERVICE_H

#include "sfe/definition/DefinitionReader.h"
#include "sfe/store/Database.h"

#include <Poco/Timestamp.h>

#include "sfe/service/DefinitionDiff.h"
#include "sfe/service/ReviewReason.h"
#include "sfe/store/DefinitionRepository.h"

#include <functional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// What an import did.
struct ImportOutcome
{
    bool unchanged = false; ///< the identical document was already stored; nothing written
    std::string definitionSha256;
    std::string language;                     ///< the document's language (xml:lang, e.g. "de-DE")
    std::vector<std::string> skills;          ///< codes in the document
    std::vector<std::string> flaggedMappings; ///< mappings whose responsibility text changed
    std::vector<FlaggedMapping> flagged;      ///< the same mappings, with their reasons
    /// For a new version of a skill that had one before: the sentences it changed against the
    /// version that was current (DefinitionDiff, in the new document's language).
    struct Changes
    {
        std::string skill;
        int fromVersion = 0, toVersion = 0;
        std::string fromDefinition;
        std::vector<DefinitionDiff::Level> levels;
    };
    std::vector<Changes> changes;
    /// For an unchanged import: per skill of the document, its version number and the current one's.
    struct Stored
    {
        std::string skill;
        int version = 0; ///< of this document, 1 = first imported
        int currentVersion = 0;
        std::string currentDefinition;
    };
    std::vector<Stored> stored;
};

/// A stored version of a skill as listed for admins: its number (1 = first imported) and whether
/// it is the current one.
struct VersionInfo
{
    int number = 0;
    store::SkillVersion version;
    bool current = false;
};

/// What `use` did: the version made current (or already current) and the mappings it flagged.
struct UseOutcome
{
    VersionInfo version;
    bool unchanged = false;
    std::vector<std::string> flaggedMappings;
    std::vector<FlaggedMapping> flagged; ///< the same mappings, with their reasons
};

/// Reads, validates and checks a definition document (definition::DefinitionReader), then stores
/// it in one transaction: a new definition version, its skills made current, and mappings whose
/// responsibilities changed text flagged for review. Identical documents change nothing.
class ImportService
{
public:
    /// Called inside the import transaction with the new version, to flag mappings that refer to
    /// changed text; returns the mappings it flagged, with their reasons.
    using MappingFlagger =
        std::function<std::vector<FlaggedMapping>(const definition::Definition&, const std::string& at)>;

    ImportService(store::Database& db, definition::ReadOptions options, MappingFlagger flagger = {});

    /// Imports a file. Throws runtime::Error: SFE_INVALID with every located problem when the
    /// document is refused (nothing is written), SFE_STORE when the store fails.
    ImportOutcome importFile(const std::string& path, const Poco::Timestamp& now);

    /// Imports a document held in memory; `name` stands for the file in messages.
    ImportOutcome importBuffer(const std::string& bytes, const std::string& name, const Poco::Timestamp& now);

    /// The stored versions of a skill, oldest first. Throws SFE_NOTFOUND if it was never imported.
    std::vector<VersionInfo> versions(const std::string& code);

    /// The version `text` names: its number ("2") or a prefix of its definition hash (6 or more
    /// hex digits). Throws SFE_NOTFOUND naming `versions CODE` when there is none.
    VersionInfo version(const std::string& code, const std::string& text);

    /// The sentences the two versions differ in (DefinitionDiff, in the newer one's language).
    std::vector<DefinitionDiff::Level> diff(const std::string& code, const std::string& from, const std::string& to);

    /// Makes a stored version current again, explicitly, and reviews the skill's mappings as an
    /// import does (moved when their texts are the same, flagged otherwise), in one transaction.
    UseOutcome use(const std::string& code, const std::string& version, const Poco::Timestamp& now);

private:
    ImportOutcome store(const definition::ReadResult& read, const Poco::Timestamp& now);

    store::Database& _db;
    definition::DefinitionReader _reader;
    MappingFlagger _flagger;
};

}
} // namespace sfe::service

#endif
