//
// TextHash.h
//
// Library: sfe_definition
// Package: definition
//
// SHA-256 digests of documents and of their canonical texts.
//

#ifndef SFE_DEFINITION_TEXTHASH_H
#define SFE_DEFINITION_TEXTHASH_H

#include "sfe/definition/Model.h"
#include <string>

namespace sfe {
namespace definition {

/// Computes the hashes a Definition carries.
class TextHash
{
public:
    /// SHA-256 of `bytes`, as 64 lowercase hex digits.
    static std::string sha256Hex(const std::string& bytes);

    /// Sets contentSha256 (of `documentBytes`), and every Responsibility::textSha256 and
    /// Level::textSha256 (of Canonical::responsibilityText and Canonical::levelText).
    static void apply(Definition& definition, const std::string& documentBytes);
};

}
} // namespace sfe::definition

#endif
