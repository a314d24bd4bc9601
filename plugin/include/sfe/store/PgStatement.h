//
// PgStatement.h
//
// Library: sfe_core
// Package: store
//
// A statement run on the calling thread's PostgreSQL connection straight through libpq.
//

#ifndef SFE_STORE_PGSTATEMENT_H
#define SFE_STORE_PGSTATEMENT_H

#include "sfe/store/Database.h"

#include <Poco/Data/LOB.h>
#include <Poco/Nullable.h>
#include <Poco/Types.h>

#include <cstddef>
#include <utility>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace sfe {
namespace store {

/// Runs one SQL statement on the PostgreSQL connection of the calling thread's session
/// (Database::session()), inside whatever transaction that session has open, in as few round trips
/// to the server as the protocol allows:
///  - execute(): the bound values, once, in one round trip (libpq's PQexecParams);
///  - queue(row) … finish(): one row per call, sent in libpq's pipeline mode and answered together,
///    one round trip per kPipelineRows rows (the statement is parsed once per pipeline). The same
///    shape as SQLiteStatement, so that BatchInsert and KeyLookup run a batch on either store.
/// The rows a statement returns are kept as text for rows()/text(): those of the last execute(), or
/// of every queued row since.
///
/// Why not Poco::Data: its PostgreSQL connector prepares every statement under a new name, describes
/// it, executes it and deallocates it: four round trips per statement and per row, all of them under
/// the store's write lock in a write transaction. A `record` of one event made about 66 of them, and
/// eight writer processes spent their time waiting for each other's round trips (bench/README-writers.md).
///
/// Values are bound as in BatchInsert: std::string (text), Poco::Int64 and int, double, Poco::Data::BLOB
/// (bytea, sent as binary), Poco::Nullable of any of them (NULL when null). Strings and numbers are
/// copied; a BLOB is read in place and must live until the execute() or queue() that sends it (libpq
/// copies it then). Indexes count from 1, as the statement's `?` (Database::sql turns them into
/// $1, $2…).
///
/// Errors are runtime::Error naming the statement's table (or its first words) and the store, with
/// the server's message and SQLSTATE: SFE_BUSY when a lock timed out (55P03) or a deadlock was broken
/// (40P01), SFE_STORE otherwise; for a pipeline, the first row that failed. A failed statement leaves
/// the transaction aborted, as any failed statement does: the caller's Transaction rolls it back.
class PgStatement
{
public:
    /// Rows sent per pipeline round trip: bounds what client and server buffer for each other.
    static constexpr std::size_t kPipelineRows = 256;

    /// Takes the calling thread's session of `db`, which must be a PostgreSQL store.
    PgStatement(Database& db, const std::string& portableSql);
    ~PgStatement();
    PgStatement(const PgStatement&) = delete;
    PgStatement& operator=(const PgStatement&) = delete;

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

    /// Runs the statement once with the values bound now; its rows can then be read.
    void execute();
    /// The rows returned so far (see above), in order.
    std::size_t rows() const { return _rows.size(); }
    bool isNull(std::size_t row, int column) const;
    std::string text(std::size_t row, int column) const;
    /// The bytes of a BYTEA ("" for NULL): results come as text, where they are escaped.
    std::string bytes(std::size_t row, int column) const;
    /// Throws runtime::Error (SFE_STORE) when the value is not an integer.
    Poco::Int64 integer(std::size_t row, int column) const;

    /// Sends the statement with the values bound now as row `row` of a batch (for messages); its
    /// result is checked by finish(), or when kPipelineRows rows wait for it.
    void queue(std::size_t row);
    /// Waits for every queued row, keeps the rows they returned, and throws for the first that failed.
    void finish();

private:
    /// One parameter: its text (or bytes) and whether it is binary (bytea).
    void set(int index, const char* data, std::size_t size, bool binary);
    /// Ends a pipeline: sync, read every queued row's result, leave pipeline mode.
    void sync();
    /// Keeps a result and the rows it holds (or frees it when it holds none).
    void keep(pg_result* result);
    void clear();
    [[noreturn]] void fail(const std::string& what, pg_result* result) const;

    Database& _db;
    pg_conn* _connection = nullptr;
    std::string _sql;
    std::vector<const char*> _values;
    std::vector<int> _lengths;
    std::vector<int> _formats;
    std::vector<std::string> _numbers;             ///< the text of bound numbers, one slot per parameter
    std::vector<std::string> _texts;               ///< copies of bound strings, one slot per parameter
    std::vector<pg_result*> _results;              ///< the results that returned rows
    std::vector<std::pair<pg_result*, int>> _rows; ///< each row: its result and its row there
    bool _pipeline = false;
    std::vector<std::size_t> _queued; ///< the batch rows sent since the last sync
};

}
} // namespace sfe::store

#endif
