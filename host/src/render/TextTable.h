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

private:
    std::vector<std::vector<std::string>> _rows;
};

} } // namespace sfe::host

#endif
