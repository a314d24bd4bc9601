//
// BatchInsert.h
//
// Library: sfe_core
// Package: store
//
// Inserts a batch of rows given as column vectors, with one prepared statement.
//

#ifndef SFE_STORE_BATCHINSERT_H
#define SFE_STORE_BATCHINSERT_H

#include "sfe/store/Database.h"
#include "sfe/store/PgStatement.h"
#include "sfe/store/SQLiteStatement.h"

#include <cstddef>
#include <string>
#include <vector>

namespace sfe {
namespace store {

/// Inserts row i = (columns[0][i], columns[1][i], …) for every i, with `portableSql` (an INSERT with
/// one `?` per column, Database::sql()). The repositories build their rows as column vectors, as
/// Poco::Data binds them; this runs them the fastest way each store allows:
///  - SQLite: SQLiteStatement, prepared once for the batch, each value bound straight from the
///    caller's vectors (no copy) and stepped once per row.
///  - PostgreSQL: PgStatement, the rows sent in libpq's pipeline mode, one round trip to the server
///    per PgStatement::kPipelineRows rows. Poco::Data's connector made four round trips per row
///    (prepare, describe, execute, deallocate), under the store's write lock.
/// Column types: std::string (TEXT), Poco::Int64 and int (INTEGER), double, Poco::Data::BLOB, and
/// Poco::Nullable of any of them (NULL when null). Throws runtime::Error (SFE_STORE) naming the
/// table and the row when the store refuses a row, and when the vectors differ in length.
class BatchInsert
{
public:
    template<class... Columns>
    static void rows(Database& db, const std::string& portableSql, const Columns&... columns)
    {
        const std::size_t n = rowCount(portableSql, {columns.size()...});
        if (n == 0) return;
        if (db.isSQLite()) insertAll<SQLiteStatement>(db, portableSql, n, columns...);
        else insertAll<PgStatement>(db, portableSql, n, columns...);
    }

private:
    /// Binds and sends row after row, then waits for the last (PgStatement answers a pipeline of
    /// rows at once; SQLite steps each row as it comes).
    template<class Statement, class... Columns>
    static void insertAll(Database& db, const std::string& portableSql, std::size_t n, const Columns&... columns)
    {
        Statement statement(db, portableSql);
        for (std::size_t i = 0; i < n; ++i)
        {
            int index = 0;
            (statement.bind(++index, columns[i]), ...);
            statement.queue(i);
        }
        statement.finish();
    }

    /// The number of rows: the length every column shares (else runtime::Error).
    static std::size_t rowCount(const std::string& sql, std::initializer_list<std::size_t> sizes);
};

}
} // namespace sfe::store

#endif
