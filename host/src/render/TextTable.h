//
// TextTable.h
//
// Library: sfia-evidence (host)
// Package: render
//
// Columns of UTF-8 text, aligned for a terminal.
//

#ifndef SFE_HOST_RENDER_TEXTTABLE_H
#define SFE_HOST_RENDER_TEXTTABLE_H

#include <ostream>
#include <string>
#include <vector>

namespace sfe {
namespace host {

/// A table printed as aligned columns, two spaces apart, the header first. The last column is not
/// padded, so lines carry no trailing spaces.
class TextTable
{
public:
    explicit TextTable(std::vector<std::string> header);

    void add(std::vector<std::string> row);
    /// Adds a row. Throws Poco::InvalidArgumentException when it has more cells than the header.

    std::size_t rows() const { return _rows.size() - 1; }
    /// The rows added, without the header.

    void write(std::ostream& out) const;

    // A table too long to hold (a listing of a million records) is printed in two passes over its
    // rows: measure() each, then write() prints the header and writeRow() each row, aligned as
    // write() would align them had they been added.

    void measure(std::vector<std::string> row);
    /// Widens the columns for a row printed later with writeRow(); the row is not kept.

    void writeRow(std::ostream& out, std::vector<std::string> row) const;
    /// Prints one row at the widths of the rows added and measured.

private:
    std::vector<std::string> cells(std::vector<std::string> row) const;
    void writeLine(std::ostream& out, const std::vector<std::string>& row,
                   const std::vector<std::size_t>& widths) const;

    std::vector<std::vector<std::string>> _rows;
    std::vector<std::size_t> _measured; ///< widths of the rows measured, not kept
};

}
} // namespace sfe::host

#endif
