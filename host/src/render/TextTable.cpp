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

std::vector<std::string> TextTable::cells(std::vector<std::string> row) const
{
    if (row.size() > _rows.front().size())
        throw Poco::InvalidArgumentException("table row with more cells than the header");
    row.resize(_rows.front().size());
    for (auto& cell : row) cell = TextLayout::printable(cell); // values come from the store
    return row;
}

void TextTable::add(std::vector<std::string> row)
{
    _rows.push_back(cells(std::move(row)));
}

void TextTable::measure(std::vector<std::string> row)
{
    row = cells(std::move(row));
    _measured.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) _measured[c] = std::max(_measured[c], TextLayout::width(row[c]));
}

void TextTable::write(std::ostream& out) const
{
    std::vector<std::size_t> widths(_rows.front().size(), 0);
    for (std::size_t c = 0; c < _measured.size(); ++c) widths[c] = _measured[c];
    for (const auto& row : _rows)
    {
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], TextLayout::width(row[c]));
    }
    for (const auto& row : _rows) writeLine(out, row, widths);
}

void TextTable::writeRow(std::ostream& out, std::vector<std::string> row) const
{
    std::vector<std::size_t> widths(_rows.front().size(), 0);
    for (std::size_t c = 0; c < _measured.size(); ++c) widths[c] = _measured[c];
    for (const auto& kept : _rows)
    {
        for (std::size_t c = 0; c < kept.size(); ++c) widths[c] = std::max(widths[c], TextLayout::width(kept[c]));
    }
    writeLine(out, cells(std::move(row)), widths);
}

void TextTable::writeLine(std::ostream& out, const std::vector<std::string>& row,
                          const std::vector<std::size_t>& widths) const
{
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
        line += c + 1 < row.size() ? TextLayout::padded(row[c], widths[c] + 2) : row[c];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
}

}
} // namespace sfe::host
