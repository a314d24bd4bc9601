//
// Database.h
//
// Library: sfe_core
// Package: store
//
// The plugin's store: Poco::Data sessions on SQLite or PostgreSQL, the schema migrated to the
// current version, one session per calling thread.
//

#ifndef SFE_STORE_DATABASE_H
#define SFE_STORE_DATABASE_H

#include <Poco/Data/Session.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sfe {
namespace store {

class WriterLock;

/// Opens the store and keeps it at the current schema version.
///
/// - SQLite is the embedded default: WAL mode, foreign keys on, secure_delete on (deleted and
///   overwritten values are zeroed, so an erased person does not linger in free space), writers
///   wait for the write lock up to the busy timeout (write transactions take it when they begin,
///   see Transaction). A file this process cannot write is opened read-only (readOnly()).
/// - PostgreSQL ("postgresql", a libpq connection string or postgresql:// URI) is the LMS's own
///   database: write transactions serialise on a transaction-level advisory lock, so the evidence
///   chain stays one linear chain with writers on many nodes, and wait up to the busy timeout
///   (lock_timeout).
///
/// Statements are written once, in portable SQL with `?` placeholders; sql() turns them into the
/// connector's dialect. Poco::Data sessions are not thread-safe: a Lease binds a session of this
/// Database's pool to the calling thread for the length of one operation, and session() returns
/// that thread's session (the primary session when the thread holds no lease: construction,
/// single-threaded tools).
class TextDictionaries;

class Database
{
public:
    struct Options
    {
        std::string connector = "sqlite";  ///< sqlite | postgresql
        std::string target;                ///< a file path (sqlite) or a connection string / URI
        int busyTimeoutMs = 10000;         ///< how long a writer waits for the write lock
        int cacheMib = 32;                 ///< SQLite: each connection's page cache (store.cache_mib)
        int walAutocheckpointPages = 8192; ///< SQLite: WAL size in pages that triggers a checkpoint
                                           ///< (store.wal_autocheckpoint; SQLite's default is 1000)
    };

    /// Opens the store and applies pending migrations in one write transaction that re-checks the
    /// version, so that several processes may open a new or old store at once. Throws
    /// runtime::Error: SFE_CONFIG for an unknown connector, SFE_STORE naming the store (never its
    /// password) when it cannot be opened or its schema is newer than this build knows, SFE_BUSY
    /// when another writer held the store past the busy timeout.
    explicit Database(const Options& options);

    ~Database();

    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// The calling thread's session: the one its Lease bound, else the primary session.
    Poco::Data::Session& session();

    /// `portable` in this store's dialect: `?` placeholders become `$1`, `$2`… on PostgreSQL.
    /// Question marks inside single-quoted literals are left alone.
    std::string sql(const std::string& portable) const;

    /// A statement as errors name it: "the insert into evidence" for an INSERT, else "the query
    /// 'SELECT …'" with its first 60 characters.
    static std::string nameOf(const std::string& sql);
    /// The collation clause after a text column that makes it compare as bytes, as keyset paging
    /// and the indexes it reads need: "" on SQLite (BINARY already does), ` COLLATE "C"` on
    /// PostgreSQL (whose default follows the database's locale).
    std::string byteOrder() const;
    /// Whether `id` can name an evidence record or a statement of this store. On PostgreSQL their
    /// ids are of type uuid (migration 13), which takes only UUID text and would abort the
    /// transaction on anything else, so a lookup by an id given from outside (an auditor's
    /// `evidence show`, an `outbox retry`) asks this first and finds nothing otherwise: true there
    /// only for lowercase 8-4-4-4-12 hex, the one form the plugin makes and PostgreSQL gives back.
    /// Always true on SQLite, whose text columns take anything.
    bool canHoldId(const std::string& id) const;
    /// A select-list item for an id column of those tables that every reader takes as text:
    /// `CAST(e.id AS TEXT) AS id` on PostgreSQL, where Poco's RecordSet reads a uuid as ""; the
    /// column itself on SQLite.
    std::string idText(const std::string& column) const;

    const std::string& connector() const { return _options.connector; }

    /// The store as it may be shown in logs and errors: the file path, or the connection string
    /// with its password replaced by "***".
    const std::string& target() const { return _displayName; }

    bool isSQLite() const { return _options.connector == "sqlite"; }

    /// Whether the store was opened read-only: a SQLite file that this process may read but not
    /// write (the file, or the folder its write-ahead log and lock files go in, is not writable),
    /// as an auditor's copy often is. Reads work; a write transaction throws SFE_STORE naming the
    /// store (see Transaction).
    bool readOnly() const { return _readOnly; }
    bool isPostgreSQL() const { return _options.connector == "postgresql"; }
    int busyTimeoutMs() const { return _options.busyTimeoutMs; }

    /// The schema version after migrations (Migrations::latest()).
    int schemaVersion();

    /// Held by every write transaction of this process (see Transaction): threads of one process
    /// queue here instead of polling the store's lock.
    std::recursive_mutex& writeMutex() { return _writeMutex; }

    /// The queue of writer processes for a SQLite file store (see WriterLock); null otherwise.
    /// Used under writeMutex() only.
    WriterLock* writerLock() { return _writerLock.get(); }

    /// Takes `count` consecutive numbers from the named counter and returns the first; call it
    /// inside a write transaction. Portable replacement for identity columns.
    long long nextSequence(const std::string& name, long long count = 1);

    /// The store's compression dictionaries (StoredText version 2), cached for this Database.
    TextDictionaries& textDictionaries() { return *_textDictionaries; }

    /// Records, inside a write transaction, that something other processes cache (definitions,
    /// mappings, learner references) changed, so that every process refreshes its caches.
    void markChanged();

    /// Reads the store's change counter; when another process (or this one) changed cached data
    /// since the last look, calls every listener. Cheap: one indexed read. Called when a Lease
    /// starts and when a write transaction has taken the write lock.
    void refreshIfChanged();

    /// Registers a cache to clear when the store's cached data changed. Register during start-up.
    void onChange(std::function<void()> listener);

    /// How long this process's write transactions waited for the store's write lock.
    struct LockStats
    {
        std::size_t writes = 0;                 ///< write transactions begun (or refused busy)
        std::size_t busy = 0;                   ///< of them, refused because the lock stayed taken (SFE_BUSY)
        double p50Ms = 0, p99Ms = 0, maxMs = 0; ///< over the last 65536 waits
    };

    /// Called by Transaction with the time it waited for the write lock. [thread-safe]
    void recordLockWait(std::chrono::microseconds waited, bool busy);

    /// The waits so far. [thread-safe]
    LockStats lockStats() const;

    /// Binds a pooled session to the calling thread until destroyed; nested leases on one thread
    /// share the outer one. Throws runtime::Error (SFE_STORE) when no session can be opened.
    class Lease
    {
    public:
        explicit Lease(Database& db);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

    private:
        void unbind();

        Database& _db;
        bool _outer = false;
    };

    /// A libpq connection string or postgresql:// URI as the key=value pairs, separated by single
    /// spaces, that Poco's PostgreSQL connector parses (it splits at every space and takes no URI).
    /// Percent-escapes in a URI are decoded. Throws runtime::Error (SFE_CONFIG, naming store.url but
    /// never the password) for a malformed string or a value holding a space or quote.
    static std::string toKeyValues(const std::string& connectionString);

private:
    std::string sqliteConnectionString();
    std::unique_ptr<Poco::Data::Session> openSession();
    void configure(Poco::Data::Session& session);
    void migrate();
    /// SQLite: the rows whose foreign keys name a missing row (PRAGMA foreign_key_check).
    long long brokenForeignKeys();
    std::unique_ptr<Poco::Data::Session> acquire();
    void release(std::unique_ptr<Poco::Data::Session> session);

    Options _options;
    std::string _displayName;
    bool _readOnly = false;
    std::string _connectionString; ///< what the connector opens
    std::unique_ptr<Poco::Data::Session> _primary;
    std::recursive_mutex _writeMutex;
    std::unique_ptr<WriterLock> _writerLock;
    std::unique_ptr<TextDictionaries> _textDictionaries;
    std::mutex _poolMutex;
    std::vector<std::unique_ptr<Poco::Data::Session>> _idle;
    std::recursive_mutex _memoryMutex; ///< ":memory:" has one session, shared in turn
    std::mutex _changeMutex;
    long long _seenChanges = -1;
    bool _ready = false; ///< migrated; the change counter can be read
    std::vector<std::function<void()>> _listeners;
    mutable std::mutex _statsMutex;
    std::vector<std::uint32_t> _waitsUs; ///< a ring of the last waits, in microseconds
    std::size_t _writes = 0, _busy = 0;
};

}
} // namespace sfe::store

#endif
