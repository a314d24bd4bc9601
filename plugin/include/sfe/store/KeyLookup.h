//
// KeyLookup.h
//
// Library: sfe_core
// Package: store
//
// Looks up a batch of keys with one statement run once per key.
//

#ifndef SFE_STORE_KEYLOOKUP_H
#define SFE_STORE_KEYLOOKUP_H

#include "sfe/store/Database.h"
#include "sfe/store/PgStatement.h"
#include "sfe/store/SQLiteStatement.h"

#include <string>
#include <vector>

namespace sfe {
namespace store {

/// Runs `portableSql`, a query with one `?` (such as "SELECT learner, ref FROM learner_refs WHERE
/// learner = ?"), for every key, and appends the text of each row's columns to `columns` (one vector
/// per selected column, in order; NULL gives ""). The fastest way each store allows: on SQLite one
/// prepared statement stepped per key (SQLiteStatement), on PostgreSQL the keys sent in pipelines
/// and answered together (PgStatement). Poco::Data stepped the same query per key too, but on
/// PostgreSQL each key was a round trip to the server under the store's write lock.
/// Throws runtime::Error (SFE_STORE, SFE_BUSY) naming the query and the store.
class KeyLookup
{
public:
    template<class... Columns>
    static void rows(Database& db, const std::string& portableSql, const std::vector<std::string>& keys,
                     Columns&... columns)
    {
        if (keys.empty()) return;
        if (db.isSQLite()) collect<SQLiteStatement>(db, portableSql, keys, columns...);
        else collect<PgStatement>(db, portableSql, keys, columns...);
    }

private:
    template<class Statement, class... Columns>
    static void collect(Database& db, const std::string& portableSql, const std::vector<std::string>& keys,
                        Columns&... columns)
    {
        Statement statement(db, portableSql);
        for (std::size_t i = 0; i < keys.size(); ++i)
        {
            statement.bind(1, keys[i]);
            statement.queue(i);
        }
        statement.finish();
        for (std::size_t r = 0; r < statement.rows(); ++r)
        {
            int column = 0;
            (columns.push_back(statement.text(r, column++)), ...);
        }
    }
};

}
} // namespace sfe::store

#endif
