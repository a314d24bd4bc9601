//
// TextTable.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// Columns of UTF-8 text, aligned for a terminal.
//

#include "render/TextTable.h"

#include "render/TextLayout.h"

#include <Poco/Exception.h>

#include <algorithm>

namespace sfe {
namespace host {

TextTable::TextTable(std::vector<std::string> header)
{
    _rows.push_back(std::move(header));
}

void TextTable::add(std::vector<std::string> row)
{
    if (row.size() > _rows.front().size())
        throw Poco::InvalidArgumentException("table row with more cells than the header");
    row.resize(_rows.front().size());
    for (auto& cell : row) cell = TextLayout::printable(cell);    // values come from the store
    _rows.push_back(std::move(row));
}

void TextTable::write(std::ostream& out) const
{
    std::vector<std::size_t> widths(_rows.front().size(), 0);
    for (const auto& row : _rows)
    {
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], TextLayout::width(row[c]));
    }
    for (const auto& row : _rows)
    {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? TextLayout::padded(row[c], widths[c] + 2) : row[c];
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
    }
}

} } // namespace sfe::host
