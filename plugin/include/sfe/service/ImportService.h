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

#include <functional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// What an import did.
struct ImportOutcome
{
    bool unchanged = false;             ///< the identical document was already stored; nothing written
    std::string definitionSha256;
    std::vector<std::string> skills;    ///< codes in the document
    std::vector<std::string> flaggedMappings;   ///< mappings whose responsibility text changed
};

/// Reads, validates and checks a definition document (definition::DefinitionReader), then stores
/// it in one transaction: a new definition version, its skills made current, and mappings whose
/// responsibilities changed text flagged for review. Identical documents change nothing.
class ImportService
{
public:
    /// Called inside the import transaction with the new version, to flag mappings that refer to
    /// changed text; returns the ids of the mappings it flagged.
    using MappingFlagger = std::function<std::vector<std::string>(const definition::Definition&, const std::string& at)>;

    ImportService(store::Database& db, definition::ReadOptions options, MappingFlagger flagger = {});

    /// Imports a file. Throws runtime::Error: SFE_INVALID with every located problem when the
    /// document is refused (nothing is written), SFE_STORE when the store fails.
    ImportOutcome importFile(const std::string& path, const Poco::Timestamp& now);

    /// Imports a document held in memory; `name` stands for the file in messages.
    ImportOutcome importBuffer(const std::string& bytes, const std::string& name, const Poco::Timestamp& now);

private:
    ImportOutcome store(const definition::ReadResult& read, const Poco::Timestamp& now);

    store::Database& _db;
    definition::DefinitionReader _reader;
    MappingFlagger _flagger;
};

} } // namespace sfe::service

#endif
