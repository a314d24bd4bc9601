//
// ProgressBaseline.h
//
// Benchmark support: the plain indexed SQL query that reads the rows of a learner's progress,
// through the raw sqlite3 API, as the baseline the progress view is measured against.
//

#ifndef SFE_BENCH_PROGRESSBASELINE_H
#define SFE_BENCH_PROGRESSBASELINE_H

#include <cstddef>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace sfe {
namespace bench {

/// A second, read-only connection to the store with two statements prepared once and reused
/// (bind, step every row, reset): the rows store::ProgressRepository::rows reads (evidence of a
/// learner in a skill, joined with its responsibilities, with the verification EXISTS, ordered by
/// level and recording order), and the attainments in force that ProgressService::progress reads
/// besides. Each column of each row is fetched (sqlite3_column_*), nothing is copied: this is
/// what reading the rows costs SQLite itself.
///
/// Every method throws std::runtime_error naming the file and statement when SQLite fails.
class ProgressBaseline
{
public:
    /// Opens `storePath` read-only. `pragmas` (e.g. "PRAGMA cache_size=-65536") run first; none:
    /// SQLite's defaults, as the plugin's own connection has them.
    explicit ProgressBaseline(const std::string& storePath, const std::string& pragmas = {});
    ~ProgressBaseline();

    ProgressBaseline(const ProgressBaseline&) = delete;
    ProgressBaseline& operator=(const ProgressBaseline&) = delete;

    /// Runs the rows query; returns the number of rows.
    std::size_t rows(const std::string& learner, const std::string& skill);

    /// Runs the rows query; returns each row as its values joined by '|' (to check what another
    /// reader reads; not timed).
    std::vector<std::string> rowsAsText(const std::string& learner, const std::string& skill);

    /// Runs the attainments query; returns the number of rows.
    std::size_t attainments(const std::string& learner, const std::string& skill);

    /// The bytes of text the queries returned so far (so the reads cannot be optimised away).
    std::size_t bytesRead() const { return _bytes; }

    /// The rows query, as prepared.
    static const char* rowsSql();

private:
    std::size_t run(sqlite3_stmt* statement, const std::string& learner, const std::string& skill);
    [[noreturn]] void fail(const std::string& what) const;

    std::string _path;
    sqlite3* _db = nullptr;
    sqlite3_stmt* _rows = nullptr;
    sqlite3_stmt* _attainments = nullptr;
    std::size_t _bytes = 0;
};

}
} // namespace sfe::bench

#endif
