//
// Database.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/Database.h"

#include "sfe/runtime/Error.h"
#include "sfe/store/Migrations.h"
#include "sfe/store/Transaction.h"

#include "sfe.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include "sfe/xapi/Timestamp.h"

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

Poco::Data::Session openSession(const std::string& connector, const std::string& target)
{
    static std::once_flag registered;
    std::call_once(registered, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
    if (connector != "sqlite" && connector != "postgresql")
        throw runtime::Error::config("store.connector: unknown connector '" + connector +
                                     "' (use sqlite or postgresql)");
    if (connector == "sqlite")
    {
        // Poco retries a failing open until its 60 s login timeout; a missing folder never heals.
        const Poco::Path file(target);
        const Poco::File folder(file.parent().toString().empty() ? "." : file.parent().toString());
        if (target != ":memory:" && (!folder.exists() || !folder.isDirectory()))
            throw runtime::Error(SFE_STORE, "cannot open the store " + target + ": the folder " +
                                                folder.path() + " does not exist");
    }
    try
    {
        return Poco::Data::Session(connector, target, 5);
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error(SFE_STORE, "cannot open the store " + target + ": " + e.displayText());
    }
}

} // namespace

Database::Database(const std::string& connector, const std::string& target):
    _connector(connector),
    _target(target),
    _session(openSession(connector, target))
{
    try
    {
        if (isSQLite()) configureSQLite();
        migrate();
    }
    catch (const runtime::Error&)
    {
        throw;
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error(SFE_STORE, "cannot prepare the store " + target + ": " + e.displayText());
    }
}

Database::~Database()
{
    try { _session.close(); } catch (...) { }
}

void Database::configureSQLite()
{
    // WAL lets readers (learners' progress, auditors) run while the sender and the importer write;
    // synchronous=NORMAL is durable across application crashes in WAL mode.
    std::string mode;
    _session << "PRAGMA journal_mode=WAL", into(mode), now;
    if (mode != "wal")
        throw runtime::Error(SFE_STORE, "the store " + _target + " cannot use WAL mode (journal_mode is " + mode + ")");
    _session << "PRAGMA synchronous=NORMAL", now;
    _session << "PRAGMA foreign_keys=ON", now;
    _session << "PRAGMA busy_timeout=10000", now;
}

void Database::migrate()
{
    _session << "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "  version INTEGER PRIMARY KEY,"
                "  description TEXT NOT NULL,"
                "  applied_at VARCHAR(24) NOT NULL)", now;
    const int current = schemaVersion();
    const int latest = migrations().back().version;
    if (current > latest)
        throw runtime::Error(SFE_STORE, "the store " + _target + " has schema version " + std::to_string(current) +
                                        ", newer than this plugin knows (" + std::to_string(latest) + ")");
    for (const Migration& m : migrations())
    {
        if (m.version <= current) continue;
        Transaction tx(*this);
        for (const std::string& sql : m.statements)
            _session << sql, now;
        std::string appliedAt = xapi::Timestamp::now();
        int version = m.version;
        std::string description = m.description;
        _session << "INSERT INTO schema_migrations(version, description, applied_at) VALUES (?, ?, ?)",
            use(version), use(description), use(appliedAt), now;
        tx.commit();
    }
}

int Database::schemaVersion()
{
    Poco::Nullable<int> version;
    _session << "SELECT MAX(version) FROM schema_migrations", into(version), now;
    return version.isNull() ? 0 : version.value();
}

long long Database::nextSequence(const std::string& name, long long count)
{
    std::string key = name;
    Poco::Int64 n = count;
    _session << "UPDATE sequences SET value = value + ? WHERE name = ?", use(n), use(key), now;
    Poco::Nullable<Poco::Int64> value;
    _session << "SELECT value FROM sequences WHERE name = ?", use(key), into(value), now;
    if (value.isNull())
    {
        _session << "INSERT INTO sequences(name, value) VALUES (?, ?)", use(key), use(n), now;
        return 1;
    }
    return value.value() - count + 1;
}

} } // namespace sfe::store
