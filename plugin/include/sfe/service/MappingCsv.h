//
// MappingCsv.h
//
// Library: sfe_core
// Package: service
//
// Reading and writing the CSV text (RFC 4180, UTF-8) that mappings are imported and exported as.
//

#ifndef SFE_SERVICE_MAPPINGCSV_H
#define SFE_SERVICE_MAPPINGCSV_H

#include "sfe/definition/Problem.h"

#include <string>
#include <vector>

namespace sfe {
namespace service {

/// RFC 4180 CSV: cells separated by commas, records by CRLF (LF is accepted too), a cell holding a
/// comma, quote or line break quoted with '"' and its quotes doubled. Cells hold ids and names, so
/// they meet the rules of the request's id getters: no control characters (C0, DEL, C1; not even
/// tab or a line break inside quotes). Each problem is located at the character it concerns.
class MappingCsv
{
public:
    /// One cell and where it starts: line and column (1-based; columns count Unicode characters).
    struct Cell
    {
        std::string text;
        int line = 0;
        int column = 0;
        bool bad = false; ///< a problem in the cell was reported already
    };
    using Row = std::vector<Cell>;

    /// The records of `text`, the first being the header. A leading byte order mark is skipped;
    /// empty lines are not records. Every syntax problem found goes to `problems`, named by `file`.
    static std::vector<Row> parse(const std::string& text, const std::string& file,
                                  std::vector<definition::Problem>& problems);

    /// One record as RFC 4180 writes it, ending in CRLF; a cell is quoted when it needs to be.
    static std::string record(const std::vector<std::string>& cells);
};

}
} // namespace sfe::service

#endif
