//
// LineMap.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/LineMap.h"
#include <algorithm>

namespace sfe {
namespace definition {

LineMap::LineMap(const std::string& bytes):
    _bytes(bytes)
{
    _lineStarts.push_back(0);
    for (std::size_t i = 0; i < bytes.size(); ++i)
        if (bytes[i] == '\n') _lineStarts.push_back(i + 1);
}

SourceLocation LineMap::locate(std::size_t offset) const
{
    offset = std::min(offset, _bytes.size());
    auto next = std::upper_bound(_lineStarts.begin(), _lineStarts.end(), offset);
    const std::size_t lineIndex = static_cast<std::size_t>(next - _lineStarts.begin()) - 1;
    int column = 1;
    for (std::size_t i = _lineStarts[lineIndex]; i < offset; ++i)
        if ((static_cast<unsigned char>(_bytes[i]) & 0xC0) != 0x80) ++column;
    return SourceLocation{static_cast<int>(lineIndex + 1), column};
}

}
} // namespace sfe::definition
