//
// RawBaseline.h
//
// Benchmark support: what a run wrote into a SQLite store, inserted again through the raw
// sqlite3 API, as the baseline the run is measured against.
//

#ifndef SFE_BENCH_RAWBASELINE_H
#define SFE_BENCH_RAWBASELINE_H

#include "Stopwatch.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

struct sqlite3;

namespace sfe {
namespace bench {

/// Watches a SQLite store while a run writes to it, then replays the run's rows as plain
/// inserts. Usage: copyTo() and mark() before the run, mark() after each of its transactions;
/// then load() reads the rows the run added (those above each table's first mark, by rowid; in a
/// WITHOUT ROWID table, the keys a mark saw first) and
/// replay() inserts them into the copy, transaction by transaction as the run committed them,
/// with one statement per table prepared once and bound, stepped and reset per row. The copy has
/// the store's schema, indexes and reference rows (mappings, definitions), so constraints and
/// foreign keys cost what they cost the run. Updates of existing rows are not replayed.
///
/// Every method throws std::runtime_error naming the file and statement when SQLite fails.
class RawBaseline
{
public:
    /// One table the run added rows to.
    struct Table
    {
        std::string name;
        std::size_t rows = 0;
        std::size_t bytes = 0; ///< stored value sizes: text and blob lengths, 8 per number
    };

    /// Opens a second, read-only connection to the store at `storePath`.
    explicit RawBaseline(const std::string& storePath);
    ~RawBaseline();

    RawBaseline(const RawBaseline&) = delete;
    RawBaseline& operator=(const RawBaseline&) = delete;

    /// Copies the store as it is now to `copyPath` (VACUUM INTO), which must not exist.
    void copyTo(const std::string& copyPath);

    /// Notes where each table ends. The first mark is the start of the run.
    void mark();

    /// Rows added since the first mark, over all tables (counts only; nothing kept in memory).
    std::size_t rowsAdded();

    /// Reads the added rows into memory; returns the tables, referenced tables before those
    /// that refer to them (the order replay() inserts them in).
    const std::vector<Table>& load();

    /// Inserts the loaded rows into the copy with the store's PRAGMAs (WAL, synchronous=NORMAL,
    /// foreign_keys=ON; a page cache of `cacheMib` MiB unless 0) in as many transactions as there
    /// were marks after the first. Returns the time it took, from preparing the statements to the
    /// last commit.
    Seconds replay(std::size_t cacheMib = 0);

    std::size_t transactions() const { return _marks.empty() ? 0 : _marks.size() - 1; }

private:
    struct Value
    {
        int type = 0; ///< SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL
        std::int64_t integer = 0;
        double real = 0;
        std::string bytes;
    };
    struct Row
    {
        std::int64_t rowid = 0;
        std::vector<Value> values;
    };
    struct Loaded
    {
        std::size_t table = 0; ///< index into _tableNames
        std::vector<std::string> columns;
        std::vector<Row> rows;
    };

    std::vector<std::size_t> insertionOrder(const std::vector<std::size_t>& written);
    Seconds insertLoaded(sqlite3* db);

    std::string _storePath;
    std::string _copyPath;
    sqlite3* _store = nullptr;
    std::vector<std::string> _tableNames;
    /// Per mark, each table's largest rowid; for a WITHOUT ROWID table, the mark's own number.
    std::vector<std::vector<std::int64_t>> _marks;
    /// Per table: its primary key as one text expression for a WITHOUT ROWID table (which has no
    /// rowid to tell new rows by), else empty.
    std::vector<std::string> _keySql;
    /// Per WITHOUT ROWID table: each key, with the number of the mark that first saw it.
    std::vector<std::unordered_map<std::string, std::int64_t>> _keyMarks;
    std::vector<Loaded> _loaded;
    std::vector<Table> _tables;
};

}
} // namespace sfe::bench

#endif
