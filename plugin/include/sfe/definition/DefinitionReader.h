//
// DefinitionReader.h
//
// Library: sfe_definition
// Package: definition
//
// Reads SFIA definition documents (schemas/sfia-definition-1.0.xsd) into the model.
//

#ifndef SFE_DEFINITION_DEFINITIONREADER_H
#define SFE_DEFINITION_DEFINITIONREADER_H

#include "sfe/definition/ReadOptions.h"
#include "sfe/definition/ReadResult.h"
#include <string>

namespace sfe {
namespace definition {

/// Reads a definition document and returns its model, or every problem found, located.
///
/// The stages, each stopping the read when it finds problems (all of its own are reported):
///  1. size: inputs over ReadOptions::maxBytes are refused unread; empty inputs are refused;
///  2. screening: invalid UTF-8, a declared encoding other than UTF-8, and any DOCTYPE (which
///     defeats external entities and entity expansion) are refused before any parser sees the bytes;
///  3. schema: libxml2 parses (no network, no DTD loading, no entity substitution) and validates
///     against the embedded schema;
///  4. model: pugixml builds the model (texts in a language given twice, or lacking the
///     document's language, are refused);
///  5. checks: what the schema cannot express (see DefinitionChecker);
///  6. hashes: contentSha256 and the canonical text hashes (see Canonical, TextHash).
///
/// Never throws for bad input. Safe to use from several threads at once.
class DefinitionReader
{
public:
    explicit DefinitionReader(ReadOptions options = {});

    /// Reads the file at `path`. Problems name the file by `path` as given.
    /// Throws only std::bad_alloc.
    ReadResult readFile(const std::string& path) const;

    /// Reads a document held in memory; problems name it by `name`.
    /// Throws only std::bad_alloc.
    ReadResult readBuffer(const std::string& bytes, const std::string& name) const;

private:
    ReadOptions _options;
};

}
} // namespace sfe::definition

#endif
