//
// ReadOptions.h
//
// Library: sfe_definition
// Package: definition
//
// Limits for DefinitionReader.
//

#ifndef SFE_DEFINITION_READOPTIONS_H
#define SFE_DEFINITION_READOPTIONS_H

#include <cstddef>

namespace sfe {
namespace definition {

/// Limits a DefinitionReader applies before it parses anything.
struct ReadOptions
{
    /// Larger inputs are refused unread (a file's size is checked before it is opened for reading).
    std::size_t maxBytes = 16 * 1024 * 1024;
};

}
} // namespace sfe::definition

#endif
