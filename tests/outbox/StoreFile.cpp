//
// StoreFile.cpp
//
// Project: sfia-evidence, tests/outbox
//

#include "StoreFile.h"

#include "TestHost.h"

#include <Poco/Data/Statement.h>

#include <sqlite3.h>

#include <stdexcept>

namespace sfe {
namespace test {

namespace {

/// A prepared statement that finalises itself.
class Query
{
public:
    Query(sqlite3* db, const std::string& path, const std::string& sql):
        _sql(sql),
        _path(path)
    {
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &_statement, nullptr) != SQLITE_OK) fail(db);
    }
    ~Query() { sqlite3_finalize(_statement); }

    Query& bind(int index, const std::string& value)
    {
        sqlite3_bind_text(_statement, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
        return *this;
    }

    /// True while there is a row.
    bool step()
    {
        const int rc = sqlite3_step(_statement);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail(sqlite3_db_handle(_statement));
        return false;
    }

    std::string text(int column) const
    {
        const auto* value = sqlite3_column_text(_statement, column);
        return value ? reinterpret_cast<const char*>(value) : "";
    }
    long long integer(int column) const { return sqlite3_column_int64(_statement, column); }

private:
    [[noreturn]] void fail(sqlite3* db) const
    {
        throw std::runtime_error(_path + ": " + _sql + ": " + sqlite3_errmsg(db));
    }

    sqlite3_stmt* _statement = nullptr;
    std::string _sql;
    std::string _path;
};

/// Runs `what` on the PostgreSQL session; rethrows Poco's errors naming the statement.
template<typename F>
auto onSession(const std::string& sql, F what)
{
    try
    {
        return what();
    }
    catch (const Poco::Exception& e)
    {
        throw std::runtime_error("PostgreSQL: " + sql + ": " + e.displayText());
    }
}

} // namespace

StoreFile::StoreFile(TestPlugin& plugin)
{
    if (plugin.onPostgreSQL())
    {
        _name = "PostgreSQL";
        _session = std::make_unique<Poco::Data::Session>(plugin.storeSession());
        return;
    }
    _name = plugin.dbPath();
    if (sqlite3_open_v2(_name.c_str(), &_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    {
        const std::string message = _db ? sqlite3_errmsg(_db) : "out of memory";
        sqlite3_close(_db);
        throw std::runtime_error(_name + ": " + message);
    }
    sqlite3_busy_timeout(_db, 10000);
}

StoreFile::~StoreFile()
{
    if (_db) sqlite3_close(_db);
}

// On PostgreSQL the same SQL with $n placeholders; each statement commits on its own (the session
// is in autocommit), so every read sees what the drain in the other process committed.

long long StoreFile::count(const std::string& state)
{
    using namespace Poco::Data::Keywords;
    if (_session)
    {
        const std::string sql = "SELECT COUNT(*) FROM statements WHERE state = $1";
        return onSession(sql, [&] {
            Poco::Int64 n = 0;
            std::string value = state;
            *_session << sql, use(value), into(n), now;
            return static_cast<long long>(n);
        });
    }
    Query query(_db, _name, "SELECT COUNT(*) FROM statements WHERE state = ?");
    query.bind(1, state).step();
    return query.integer(0);
}

std::vector<std::string> StoreFile::idsInOrder()
{
    using namespace Poco::Data::Keywords;
    if (_session)
    {
        const std::string sql = "SELECT id FROM statements ORDER BY seq";
        return onSession(sql, [&] {
            std::vector<std::string> ids;
            *_session << sql, into(ids), now;
            return ids;
        });
    }
    Query query(_db, _name, "SELECT id FROM statements ORDER BY seq");
    std::vector<std::string> ids;
    while (query.step()) ids.push_back(query.text(0));
    return ids;
}

}
} // namespace sfe::test
