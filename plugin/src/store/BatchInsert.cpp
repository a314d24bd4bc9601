//
// BatchInsert.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/BatchInsert.h"
#include "sfe/runtime/Error.h"
#include "sfe.h"

#include <Poco/Data/SQLite/Utility.h>

#include <sqlite3.h>

namespace sfe {
namespace store {

namespace {

/// The table an INSERT names, for messages: "INSERT INTO table(…" → "table".
std::string tableOf(const std::string& sql)
{
    const std::string into = "INTO ";
    const auto at = sql.find(into);
    if (at == std::string::npos) return "the store";
    const auto from = at + into.size();
    return sql.substr(from, sql.find_first_of("( ", from) - from);
}

} // namespace

std::size_t BatchInsert::rowCount(const std::string& sql, std::initializer_list<std::size_t> sizes)
{
    const std::size_t n = sizes.size() ? *sizes.begin() : 0;
    for (std::size_t size : sizes)
        if (size != n)
            throw runtime::Error(SFE_STORE, "cannot insert into " + tableOf(sql) + ": its columns hold " +
                                                std::to_string(n) + " and " + std::to_string(size) + " values");
    return n;
}

BatchInsert::SQLiteStatement::SQLiteStatement(Database& db, const std::string& sql):
    _db(db),
    _sql(db.sql(sql))
{
    sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(db.session());
    const int rc = handle
                       ? sqlite3_prepare_v2(handle, _sql.c_str(), static_cast<int>(_sql.size()), &_statement, nullptr)
                       : SQLITE_MISUSE;
    if (rc != SQLITE_OK) fail("cannot prepare the insert into ", rc);
}

BatchInsert::SQLiteStatement::~SQLiteStatement()
{
    sqlite3_finalize(_statement);
}

void BatchInsert::SQLiteStatement::bind(int index, const std::string& value)
{
    const int rc = sqlite3_bind_text(_statement, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK) fail("cannot bind a value for ", rc);
}

void BatchInsert::SQLiteStatement::bind(int index, Poco::Int64 value)
{
    const int rc = sqlite3_bind_int64(_statement, index, static_cast<sqlite3_int64>(value));
    if (rc != SQLITE_OK) fail("cannot bind a value for ", rc);
}

void BatchInsert::SQLiteStatement::bind(int index, int value)
{
    const int rc = sqlite3_bind_int(_statement, index, value);
    if (rc != SQLITE_OK) fail("cannot bind a value for ", rc);
}

void BatchInsert::SQLiteStatement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(_statement, index, value);
    if (rc != SQLITE_OK) fail("cannot bind a value for ", rc);
}

void BatchInsert::SQLiteStatement::bind(int index, const Poco::Data::BLOB& value)
{
    // A BLOB of no bytes is still a BLOB, not NULL: SQLite binds a zero-length blob for a null
    // pointer only through sqlite3_bind_zeroblob.
    const int rc = value.size() == 0 ? sqlite3_bind_zeroblob(_statement, index, 0)
                                     : sqlite3_bind_blob(_statement, index, value.rawContent(),
                                                         static_cast<int>(value.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK) fail("cannot bind a value for ", rc);
}

void BatchInsert::SQLiteStatement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(_statement, index);
    if (rc != SQLITE_OK) fail("cannot bind a value for ", rc);
}

void BatchInsert::SQLiteStatement::queue(std::size_t row)
{
    const int rc = sqlite3_step(_statement);
    sqlite3_reset(_statement);
    if (rc != SQLITE_DONE) fail("cannot insert row " + std::to_string(row + 1) + " into ", rc);
}

void BatchInsert::SQLiteStatement::fail(const std::string& what, int rc) const
{
    sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(_db.session());
    const std::string why = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    throw runtime::Error(rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? SFE_BUSY : SFE_STORE,
                         what + tableOf(_sql) + " of the store " + _db.target() + ": " + why + " (SQLite code " +
                             std::to_string(rc) + ")");
}

}
} // namespace sfe::store
