//
// SQLiteStatement.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/SQLiteStatement.h"
#include "sfe/runtime/Error.h"
#include "sfe.h"

#include <Poco/Data/SQLite/Utility.h>

#include <sqlite3.h>

namespace sfe {
namespace store {

SQLiteStatement::SQLiteStatement(Database& db, const std::string& portableSql):
    _db(db),
    _sql(db.sql(portableSql))
{
    sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(db.session());
    const int rc = handle
                       ? sqlite3_prepare_v2(handle, _sql.c_str(), static_cast<int>(_sql.size()), &_statement, nullptr)
                       : SQLITE_MISUSE;
    if (rc != SQLITE_OK) fail("cannot prepare " + Database::nameOf(_sql), rc);
}

SQLiteStatement::~SQLiteStatement()
{
    sqlite3_finalize(_statement);
}

void SQLiteStatement::bind(int index, const std::string& value)
{
    const int rc = sqlite3_bind_text(_statement, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK) fail("cannot bind value " + std::to_string(index) + " of " + Database::nameOf(_sql), rc);
}

void SQLiteStatement::bind(int index, Poco::Int64 value)
{
    const int rc = sqlite3_bind_int64(_statement, index, static_cast<sqlite3_int64>(value));
    if (rc != SQLITE_OK) fail("cannot bind value " + std::to_string(index) + " of " + Database::nameOf(_sql), rc);
}

void SQLiteStatement::bind(int index, int value)
{
    const int rc = sqlite3_bind_int(_statement, index, value);
    if (rc != SQLITE_OK) fail("cannot bind value " + std::to_string(index) + " of " + Database::nameOf(_sql), rc);
}

void SQLiteStatement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(_statement, index, value);
    if (rc != SQLITE_OK) fail("cannot bind value " + std::to_string(index) + " of " + Database::nameOf(_sql), rc);
}

void SQLiteStatement::bind(int index, const Poco::Data::BLOB& value)
{
    // A BLOB of no bytes is still a BLOB, not NULL: SQLite binds a zero-length blob for a null
    // pointer only through sqlite3_bind_zeroblob.
    const int rc = value.size() == 0 ? sqlite3_bind_zeroblob(_statement, index, 0)
                                     : sqlite3_bind_blob(_statement, index, value.rawContent(),
                                                         static_cast<int>(value.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK) fail("cannot bind value " + std::to_string(index) + " of " + Database::nameOf(_sql), rc);
}

void SQLiteStatement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(_statement, index);
    if (rc != SQLITE_OK) fail("cannot bind value " + std::to_string(index) + " of " + Database::nameOf(_sql), rc);
}

void SQLiteStatement::queue(std::size_t row)
{
    int rc;
    while ((rc = sqlite3_step(_statement)) == SQLITE_ROW)
    {
        const int columns = sqlite3_column_count(_statement);
        std::vector<std::optional<std::string>>& values = _rows.emplace_back(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c)
        {
            if (sqlite3_column_type(_statement, c) == SQLITE_NULL) continue;
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(_statement, c));
            values[static_cast<std::size_t>(c)].emplace(text,
                                                        static_cast<std::size_t>(sqlite3_column_bytes(_statement, c)));
        }
    }
    sqlite3_reset(_statement);
    if (rc != SQLITE_DONE) fail("cannot run row " + std::to_string(row + 1) + " of " + Database::nameOf(_sql), rc);
}

void SQLiteStatement::execute()
{
    _rows.clear();
    queue(0);
}

bool SQLiteStatement::isNull(std::size_t row, int column) const
{
    return !_rows.at(row).at(static_cast<std::size_t>(column)).has_value();
}

std::string SQLiteStatement::text(std::size_t row, int column) const
{
    return _rows.at(row).at(static_cast<std::size_t>(column)).value_or(std::string());
}

void SQLiteStatement::fail(const std::string& what, int rc) const
{
    sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(_db.session());
    const std::string why = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    throw runtime::Error(rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? SFE_BUSY : SFE_STORE,
                         what + " on the store " + _db.target() + ": " + why + " (SQLite code " + std::to_string(rc) +
                             ")");
}

}
} // namespace sfe::store
