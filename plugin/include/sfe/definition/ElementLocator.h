//
// ElementLocator.h
//
// Library: sfe_definition
// Package: definition
//
// Finds where each element of a well-formed document starts.
//

#ifndef SFE_DEFINITION_ELEMENTLOCATOR_H
#define SFE_DEFINITION_ELEMENTLOCATOR_H

#include "sfe/definition/LineMap.h"
#include <cstddef>
#include <string>
#include <vector>

namespace sfe {
namespace definition {

/// The start-tag locations of a well-formed document's elements, in document order. libxml2 keeps
/// only a line per node; this gives schema errors their column too (element n of libxml2's tree
/// is element n here).
class ElementLocator
{
public:
    /// Parses `bytes` with pugixml; a document pugixml cannot parse yields no locations.
    ElementLocator(const std::string& bytes, const LineMap& lines);

    /// Where the `index`-th element (0-based, document order) starts: its '<'.
    /// A location 0:0 when there is no such element.
    SourceLocation locate(std::size_t index) const;

private:
    std::vector<SourceLocation> _starts;
};

}
} // namespace sfe::definition

#endif
