//
// Database.h
//
// Library: sfe_core
// Package: store
//
// The plugin's store: a Poco::Data session with the schema migrated to the current version.
//

#ifndef SFE_STORE_DATABASE_H
#define SFE_STORE_DATABASE_H

#include <Poco/Data/Session.h>

#include <mutex>
#include <string>

namespace sfe {
namespace store {

/// Opens the store and keeps it at the current schema version. SQLite is the embedded default
/// (WAL mode, foreign keys on, a busy timeout); every statement is portable SQL through
/// Poco::Data so that PostgreSQL can follow (connector "postgresql", connection string as target).
///
/// One Database is one session. Writers serialise on writeMutex(); SQLite allows one writer anyway.
class Database
{
public:
    /// Opens `target` (a file path for "sqlite") and applies pending migrations in one transaction
    /// each. Throws runtime::Error (SFE_STORE) naming the target when it cannot be opened, or when
    /// its schema is newer than this build knows.
    Database(const std::string& connector, const std::string& target);
    ~Database();

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Poco::Data::Session& session() { return _session; }
    const std::string& connector() const { return _connector; }
    const std::string& target() const { return _target; }
    bool isSQLite() const { return _connector == "sqlite"; }

    /// The schema version after migrations (Migrations::latest()).
    int schemaVersion();

    /// Held by every write transaction (see Transaction).
    std::recursive_mutex& writeMutex() { return _writeMutex; }

    /// Takes `count` consecutive numbers from the named counter and returns the first; call it
    /// inside a write transaction. Portable replacement for identity columns.
    long long nextSequence(const std::string& name, long long count = 1);

private:
    void configureSQLite();
    void migrate();

    std::string _connector;
    std::string _target;
    Poco::Data::Session _session;
    std::recursive_mutex _writeMutex;
};

} } // namespace sfe::store

#endif
