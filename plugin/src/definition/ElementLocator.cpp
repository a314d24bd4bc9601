//
// ElementLocator.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/ElementLocator.h"
#include <pugixml.hpp>

namespace sfe {
namespace definition {

ElementLocator::ElementLocator(const std::string& bytes, const LineMap& lines)
{
    pugi::xml_document document;
    if (!document.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8)) return;
    // Depth-first, document order, without recursion.
    pugi::xml_node node = document.first_child();
    while (node)
    {
        if (node.type() == pugi::node_element)
        {
            // offset_debug() is the offset of the element's name; its '<' precedes it.
            const std::ptrdiff_t offset = node.offset_debug();
            _starts.push_back(offset > 0 ? lines.locate(static_cast<std::size_t>(offset - 1)) : SourceLocation{});
        }
        if (node.first_child()) node = node.first_child();
        else
        {
            while (node && !node.next_sibling()) node = node.parent();
            if (node) node = node.next_sibling();
        }
    }
}

SourceLocation ElementLocator::locate(std::size_t index) const
{
    return index < _starts.size() ? _starts[index] : SourceLocation{};
}

}
} // namespace sfe::definition
