//
// ReadResult.h
//
// Library: sfe_definition
// Package: definition
//
// What DefinitionReader returns: the definition, or every problem found.
//

#ifndef SFE_DEFINITION_READRESULT_H
#define SFE_DEFINITION_READRESULT_H

#include "sfe/definition/Model.h"
#include "sfe/definition/Problem.h"
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace definition {

/// The outcome of reading one definition document. `definition` is set only when there are no
/// problems; `problems` are in the order of the reading stages, and within a stage by position.
struct ReadResult
{
    std::optional<Definition> definition;
    std::vector<Problem> problems;

    /// True when the document was read without any problem.
    bool ok() const;
    /// Every problem's toString(), one per line (lines joined by '\n', no trailing newline).
    std::string message() const;
};

}
} // namespace sfe::definition

#endif
