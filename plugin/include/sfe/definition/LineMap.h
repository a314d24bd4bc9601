//
// LineMap.h
//
// Library: sfe_definition
// Package: definition
//
// Turns byte offsets in a document into line and column.
//

#ifndef SFE_DEFINITION_LINEMAP_H
#define SFE_DEFINITION_LINEMAP_H

#include "sfe/definition/Model.h"
#include <cstddef>
#include <string>
#include <vector>

namespace sfe {
namespace definition {

/// Locates byte offsets of a UTF-8 document as 1-based line and column. Lines end at '\n'; columns
/// count characters (bytes that are not UTF-8 continuation bytes), as libxml2 does.
class LineMap
{
public:
    /// Indexes `bytes`, which must outlive the LineMap (it is not copied).
    explicit LineMap(const std::string& bytes);

    /// The location of the byte at `offset`; offsets past the end locate the end.
    SourceLocation locate(std::size_t offset) const;

private:
    const std::string& _bytes;
    std::vector<std::size_t> _lineStarts;
};

}
} // namespace sfe::definition

#endif
