//
// SQLiteStatement.h
//
// Library: sfe_core
// Package: store
//
// A statement prepared once on the calling thread's SQLite connection and run row after row.
//

#ifndef SFE_STORE_SQLITESTATEMENT_H
#define SFE_STORE_SQLITESTATEMENT_H

#include "sfe/store/Database.h"

#include <Poco/Data/LOB.h>
#include <Poco/Nullable.h>
#include <Poco/Types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

struct sqlite3_stmt;

namespace sfe {
namespace store {

/// Runs one SQL statement, prepared once, on the SQLite connection of the calling thread's session
/// (Database::session()), once per row of a batch: bind the row's values, queue(row), and after the
/// last row finish(). The same shape as PgStatement, so that BatchInsert and KeyLookup run a batch on
/// either store with one piece of code; here queue() runs the row at once.
///
/// Why not Poco::Data: binding the same vectors through it added a third to SQLite's own work
/// (callgrind over `sfe-bench-ingest`: 611M instructions in its execute() against 456M in
/// sqlite3_step), all on the thread that holds the store's write lock.
///
/// Values are bound SQLITE_STATIC: a bound string or BLOB is read, not copied, and must live until
/// the queue() that runs it. The rows a statement returns are kept, as text, for rows()/text().
/// Errors are runtime::Error naming the statement's table, the batch row and the store, with
/// SQLite's message and code: SFE_BUSY for SQLITE_BUSY and SQLITE_LOCKED, SFE_STORE otherwise.
class SQLiteStatement
{
public:
    SQLiteStatement(Database& db, const std::string& portableSql);
    ~SQLiteStatement();
    SQLiteStatement(const SQLiteStatement&) = delete;
    SQLiteStatement& operator=(const SQLiteStatement&) = delete;

    void bind(int index, const std::string& value);
    void bind(int index, Poco::Int64 value);
    void bind(int index, int value);
    void bind(int index, double value);
    void bind(int index, const Poco::Data::BLOB& value);
    template<class T>
    void bind(int index, const Poco::Nullable<T>& value)
    {
        if (value.isNull()) bindNull(index);
        else bind(index, value.value());
    }
    void bindNull(int index);

    /// Runs the statement with the values bound now, as row `row` of the batch (for messages), keeps
    /// the rows it returns, and resets it for the next row.
    void queue(std::size_t row);
    /// Nothing waits here: each row ran in queue().
    void finish() {}
    /// Runs the statement once with the values bound now; rows() then holds what it returned.
    void execute();

    /// The rows returned by every queue() so far, in order.
    std::size_t rows() const { return _rows.size(); }
    bool isNull(std::size_t row, int column) const;
    /// The value as text ("" for NULL).
    std::string text(std::size_t row, int column) const;
    /// The bytes of a BLOB ("" for NULL).
    std::string bytes(std::size_t row, int column) const { return text(row, column); }

private:
    [[noreturn]] void fail(const std::string& what, int rc) const;

    Database& _db;
    std::string _sql;
    sqlite3_stmt* _statement = nullptr;
    std::vector<std::vector<std::optional<std::string>>> _rows;
};

}
} // namespace sfe::store

#endif
