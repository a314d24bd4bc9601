//
// Database.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/Database.h"

#include "sfe/runtime/Error.h"
#include "sfe/runtime/Secrets.h"
#include "sfe/store/Migrations.h"
#include "sfe/store/PgStatement.h"
#include "sfe/store/TextDictionaries.h"
#include "sfe/store/Transaction.h"
#include "sfe/store/WriterLock.h"
#include "sfe/xapi/Timestamp.h"

#include "sfe.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/URI.h>

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <map>
#include <regex>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

/// The session a Lease bound to this thread, per Database.
struct Binding
{
    Poco::Data::Session* session = nullptr;
    std::unique_ptr<Poco::Data::Session> owned; ///< returned to the pool when the lease ends
    int depth = 0;
};

thread_local std::map<const Database*, Binding> tBound;

/// SQLite's own busy handler sleeps up to 100 ms between looks at the lock, so with many writers
/// most of the time passes asleep while the lock is free. Writes here take a millisecond or two:
/// look again after 50 µs, doubling to at most 2 ms, until the busy timeout has passed.
int waitForLock(void* timeoutMs, int count)
{
    const long limitUs = static_cast<long>(*static_cast<const int*>(timeoutMs)) * 1000L;
    const long delayUs = count < 6 ? (50L << count) : 2000L;
    const long sleptUs = count < 6 ? 50L * ((1L << count) - 1) : 3150L + (count - 6) * 2000L;
    if (sleptUs >= limitUs) return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(delayUs));
    return 1;
}

void registerConnectors()
{
    static std::once_flag registered;
    std::call_once(registered, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

} // namespace

Database::Database(const Options& options):
    _options(options),
    _displayName(options.connector == "postgresql" ? runtime::redactSecrets(options.target) : options.target)
{
    if (!isSQLite() && !isPostgreSQL())
        throw runtime::Error::config("store.connector: unknown connector '" + _options.connector +
                                     "' (use sqlite or postgresql)");
    if (isPostgreSQL() && _options.target.empty())
        throw runtime::Error::config("store.url: required when store.connector is postgresql (a libpq connection "
                                     "string such as \"host=db dbname=lms user=sfe\", or a postgresql:// URI)");
    if (_options.busyTimeoutMs < 0) _options.busyTimeoutMs = 0;
    registerConnectors();
    _connectionString = isPostgreSQL() ? toKeyValues(_options.target) : sqliteConnectionString();
    _primary = openSession();
    if (isSQLite() && _options.target != ":memory:" && !_readOnly)
        _writerLock = std::make_unique<WriterLock>(_options.target);
    _textDictionaries = std::make_unique<TextDictionaries>(*this);
    try
    {
        migrate();
        // Every dictionary of the store, so that any of its texts decodes (StoredText version 2).
        _textDictionaries->loadAll();
    }
    catch (const runtime::Error&)
    {
        throw;
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error(SFE_STORE, "cannot prepare the store " + _displayName + ": " + e.displayText());
    }
}

Database::~Database()
{
    tBound.erase(this);
    std::lock_guard<std::mutex> lock(_poolMutex);
    for (auto& s : _idle) try
        {
            s->close();
        }
        catch (...)
        {}
    _idle.clear();
    try
    {
        _primary->close();
    }
    catch (...)
    {}
}

std::string Database::toKeyValues(const std::string& connectionString)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    auto fail = [&](const std::string& why) {
        return runtime::Error::config("store.url: " + why + " in '" + runtime::redactSecrets(connectionString) + "'");
    };
    if (std::regex_search(connectionString, std::regex("^postgres(ql)?://")))
    {
        Poco::URI uri;
        try
        {
            uri = Poco::URI(connectionString);
        }
        catch (const Poco::Exception& e)
        {
            throw fail("not a valid postgresql:// URI (" + e.message() + ")");
        }
        std::string user, password;
        const std::string& info = uri.getUserInfo(); // still percent-encoded
        const auto colon = info.find(':');
        try
        {
            Poco::URI::decode(info.substr(0, colon), user);
            if (colon != std::string::npos) Poco::URI::decode(info.substr(colon + 1), password);
        }
        catch (const Poco::Exception& e)
        {
            throw fail("not a valid postgresql:// URI (its user or password: " + e.message() + ")");
        }
        if (!uri.getHost().empty()) pairs.emplace_back("host", uri.getHost());
        if (uri.getSpecifiedPort() != 0) pairs.emplace_back("port", std::to_string(uri.getSpecifiedPort()));
        if (!user.empty()) pairs.emplace_back("user", user);
        if (!password.empty()) pairs.emplace_back("password", password);
        std::string db = uri.getPath();
        if (!db.empty() && db[0] == '/') db.erase(0, 1);
        if (!db.empty()) pairs.emplace_back("dbname", db);
        for (const auto& [key, value] : uri.getQueryParameters()) pairs.emplace_back(key, value);
    }
    else
    {
        // key = value pairs, values optionally single-quoted (libpq's syntax).
        static const std::regex pair(R"(\s*([A-Za-z_]+)\s*=\s*('((?:[^'\\]|\\.)*)'|[^\s']*))");
        auto it = connectionString.cbegin();
        std::smatch m;
        while (it != connectionString.cend())
        {
            if (std::all_of(it, connectionString.cend(),
                            [](char c) { return std::isspace(static_cast<unsigned char>(c)); }))
                break;
            if (!std::regex_search(it, connectionString.cend(), m, pair, std::regex_constants::match_continuous))
                throw fail("expected key=value at position " + std::to_string(it - connectionString.cbegin()));
            std::string value =
                m[3].matched ? std::regex_replace(m[3].str(), std::regex(R"(\\(.))"), "$1") : m[2].str();
            pairs.emplace_back(m[1].str(), value);
            it = m[0].second;
        }
    }
    if (pairs.empty()) throw fail("no connection parameters");
    std::string out;
    for (const auto& [key, value] : pairs)
    {
        if (value.find_first_of(" \t\n'\"") != std::string::npos)
            throw fail("the value of " + key +
                       " holds a space or a quote, which Poco's PostgreSQL connector cannot pass");
        if (!out.empty()) out += ' ';
        out += key + "=" + value;
    }
    return out;
}

std::string Database::sqliteConnectionString()
{
    const std::string& file = _options.target;
    if (file == ":memory:" || ::access(file.c_str(), F_OK) != 0) return file; // new stores are made writable
    const std::string folder =
        Poco::Path(file).parent().toString().empty() ? "." : Poco::Path(file).parent().toString();
    const bool folderWritable = ::access(folder.c_str(), W_OK) == 0;
    // Writing needs the file, its write-ahead log and index (-wal, -shm) and the writers' queue
    // (-writers), each writable, or creatable in the folder. access() asks as this process's user:
    // root may write whatever the modes say, so root never opens read-only here.
    // One access() call per file, its errno telling "missing" from "not writable": asking again
    // with F_OK raced with another process creating the file in between (eight processes opening a
    // new store at once), which then looked present but not writable, and the store read-only.
    auto usable = [&](const std::string& suffix) {
        const std::string path = file + suffix;
        if (::access(path.c_str(), W_OK) == 0) return true;
        return errno == ENOENT && folderWritable; // missing: made in the folder when needed
    };
    if (::access(file.c_str(), W_OK) == 0 && usable("-wal") && usable("-shm") && usable("-writers")) return file;

    // Read-only. SQLite reads a WAL store through the -shm index of its -wal, creating both when
    // missing: mode=ro does, where the folder lets it or both are there. In a read-only folder
    // without them, a -wal that is missing or empty means the store file holds everything, and
    // immutable=1 reads just that file, taking no locks (nothing can change a copy nobody may
    // write). A -wal with frames but no -shm cannot be read there at all.
    _readOnly = true;
    std::string path = Poco::Path(file).absolute().toString(),
                uri = path.rfind("//", 0) == 0 ? "file://localhost" : "file:";
    for (char c : path)
    {
        if (c == '%') uri += "%25";
        else if (c == '?') uri += "%3f";
        else if (c == '#') uri += "%23";
        else uri += c;
    }
    struct stat wal
    {};
    const bool walHasFrames = ::stat((file + "-wal").c_str(), &wal) == 0 && wal.st_size > 0;
    if (folderWritable || (walHasFrames && ::access((file + "-shm").c_str(), R_OK) == 0)) return uri + "?mode=ro";
    if (!walHasFrames) return uri + "?immutable=1";
    throw runtime::Error(SFE_STORE, "cannot read the store " + _displayName +
                                        ": it is read-only, and its write-ahead log " + file +
                                        "-wal holds changes not yet in the store file, but the log's index " + file +
                                        "-shm is missing and cannot be created in the read-only folder " + folder +
                                        ": copy the store together with its -wal and -shm files, or make a copy that "
                                        "needs neither with: sqlite3 " +
                                        file + " \".backup COPY.db\"");
}

std::unique_ptr<Poco::Data::Session> Database::openSession()
{
    if (isSQLite())
    {
        // Poco retries a failing open until its login timeout; a missing folder never heals.
        const Poco::Path file(_options.target);
        const Poco::File folder(file.parent().toString().empty() ? "." : file.parent().toString());
        if (_options.target != ":memory:" && (!folder.exists() || !folder.isDirectory()))
            throw runtime::Error(SFE_STORE, "cannot open the store " + _displayName + ": the folder " + folder.path() +
                                                " does not exist");
    }
    std::unique_ptr<Poco::Data::Session> session;
    try
    {
        session = std::make_unique<Poco::Data::Session>(_options.connector, _connectionString, 5);
    }
    catch (const Poco::Exception& e)
    {
        // libpq repeats the connection string in some messages; never show its password.
        throw runtime::Error(SFE_STORE,
                             "cannot open the store " + _displayName + ": " + runtime::redactSecrets(e.displayText()));
    }
    // Switching a new file to WAL needs a lock SQLite does not wait for (no busy handler) while
    // another process creates the same store: look again until the busy timeout has passed.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(_options.busyTimeoutMs);
    try
    {
        for (auto delay = std::chrono::microseconds(100);; delay = std::min(delay * 2, std::chrono::microseconds(5000)))
        {
            try
            {
                configure(*session);
                break;
            }
            catch (const runtime::Error&)
            {
                throw;
            }
            catch (const Poco::Exception& e)
            {
                if (!Transaction::isBusy(e) || std::chrono::steady_clock::now() >= deadline) throw;
                std::this_thread::sleep_for(delay);
            }
        }
    }
    catch (const runtime::Error&)
    {
        throw;
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error(SFE_STORE, "cannot prepare the store " + _displayName + ": " + e.displayText());
    }
    return session;
}

void Database::configure(Poco::Data::Session& session)
{
    if (isPostgreSQL())
    {
        // A writer waits for the advisory lock (and any row lock) up to the busy timeout, then
        // fails with "lock timeout", which Transaction reports as SFE_BUSY.
        session << "SET lock_timeout = " + std::to_string(_options.busyTimeoutMs), now;
        session << "SET client_encoding = 'UTF8'", now;
        // libpq prints the server's notices to stderr, which is the host's: "relation
        // schema_migrations already exists, skipping" each time a process migrated the store.
        // Warnings and errors still come; errors also as the exceptions the store reports.
        session << "SET client_min_messages = warning", now;
        return;
    }
    // The busy handler comes first: setting WAL mode needs the lock another process may hold
    // while it creates the same store.
    sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(session);
    sqlite3_busy_handler(handle, waitForLock, &_options.busyTimeoutMs);
    // A PHP worker opens and closes the store on every request; checkpointing the whole WAL each
    // time the last connection closes cost ~20 ms a request. Commits still checkpoint as the WAL
    // grows (wal_autocheckpoint), so it stays bounded.
    sqlite3_db_config(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    // Deleted and overwritten content is zeroed rather than left in free space: an erased person
    // (PrivacyService) must not stay readable in the file, nor come back into the -wal when a
    // later write copies a page that still held them.
    session << "PRAGMA secure_delete=ON", now;
    if (_readOnly)
    {
        // Reading needs nothing else, and an immutable connection has no write-ahead log to switch.
        session << "PRAGMA foreign_keys=ON", now;
        return;
    }
    // A new store's pages are 8 KiB, not 4: rows of 400-600 bytes leave about half a row unused at the
    // end of every page, and a page twice as long halves that share (~2% of the store). The size is
    // fixed when the first table is made; an existing store keeps its own (ignored then).
    session << "PRAGMA page_size=8192", now;
    // WAL lets readers (learners' progress, auditors) run while the sender and the importer write;
    // synchronous=NORMAL is durable across application crashes in WAL mode.
    std::string mode;
    session << "PRAGMA journal_mode=WAL", into(mode), now;
    if (mode != "wal" && _options.target != ":memory:")
        throw runtime::Error(SFE_STORE,
                             "the store " + _displayName + " cannot use WAL mode (journal_mode is " + mode + ")");
    session << "PRAGMA synchronous=NORMAL", now;
    session << "PRAGMA foreign_keys=ON", now;
    // Ingest writes a few KB per event: a 32 MiB page cache keeps the indexes' hot pages (the
    // right edge of every sequence-ordered index, the learners' refs) in memory, and checkpointing
    // every 8192 pages (32 MiB of WAL) instead of every 1000 copies each hot page to the store file
    // once per checkpoint rather than over and over, with fewer fsyncs.
    if (_options.cacheMib > 0) session << "PRAGMA cache_size=-" + std::to_string(_options.cacheMib * 1024), now;
    if (_options.walAutocheckpointPages > 0)
        session << "PRAGMA wal_autocheckpoint=" + std::to_string(_options.walAutocheckpointPages), now;
}

void Database::migrate()
{
    // An up-to-date store (the common case: every PHP worker opens it) needs no lock: a reader's
    // look at the version is enough. Otherwise one write transaction applies every pending
    // migration: it takes the write lock first, then reads the version again, so a second process
    // opening the same store waits and then finds nothing to do.
    try
    {
        if (schemaVersion() == migrations().back().version)
        {
            _ready = true;
            return;
        }
    }
    catch (const Poco::Exception&)
    {
        // No schema_migrations table yet: a new store.
    }
    if (_readOnly)
    {
        int version = 0;
        try
        {
            version = schemaVersion();
        }
        catch (const Poco::Exception& e)
        {
            throw runtime::Error(SFE_STORE,
                                 "cannot read the store " + _displayName + " (opened read-only): " + e.displayText());
        }
        const int latest = migrations().back().version;
        throw runtime::Error(SFE_STORE,
                             "the store " + _displayName +
                                 " is read-only (the file or its folder is not "
                                 "writable) and has schema version " +
                                 std::to_string(version) + "; this plugin reads version " + std::to_string(latest) +
                                 (version > latest ? "" : ": open it once where it may be written, to migrate it"));
    }
    // SQLite: a migration may rebuild a table other tables' foreign keys name (create, copy, drop,
    // rename: SQLite's way to change a table), which enforcement would refuse half way; it is off
    // while migrations run (the pragma is ignored inside a transaction) and every foreign key is
    // checked before the commit instead.
    struct ForeignKeysOff
    {
        Poco::Data::Session* session;
        explicit ForeignKeysOff(Poco::Data::Session* s):
            session(s)
        {
            if (session) *session << "PRAGMA foreign_keys=OFF", now;
        }
        ~ForeignKeysOff()
        {
            try
            {
                if (session) *session << "PRAGMA foreign_keys=ON", now;
            }
            catch (...)
            {
                // Only a broken connection fails here; its next use says so.
            }
        }
    } foreignKeysOff(isSQLite() ? _primary.get() : nullptr);
    Transaction tx(*this);
    *_primary << "CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "  version INTEGER PRIMARY KEY,"
                 "  description TEXT NOT NULL,"
                 "  applied_at VARCHAR(24) NOT NULL)",
        now;
    const int current = schemaVersion();
    const int latest = migrations().back().version;
    if (current > latest)
        throw runtime::Error(SFE_STORE, "the store " + _displayName + " has schema version " + std::to_string(current) +
                                            ", newer than this plugin knows (" + std::to_string(latest) + ")");
    if (current == latest)
    {
        _ready = true;
        return; // nothing written: the rollback ends the transaction
    }
    // Rows someone's edit left naming a missing row are counted, not refused: `audit verify` is
    // where they are reported, and it must still open the store.
    const long long brokenBefore = isSQLite() ? brokenForeignKeys() : 0;
    for (const Migration& m : migrations())
    {
        if (m.version <= current) continue;
        for (const std::string& statement : m.statements) *_primary << statement, now;
        if (m.convert) m.convert(*this);
        std::string appliedAt = xapi::Timestamp::now();
        int version = m.version;
        std::string description = m.description;
        *_primary << sql("INSERT INTO schema_migrations(version, description, applied_at) VALUES (?, ?, ?)"),
            use(version), use(description), use(appliedAt), now;
    }
    if (isSQLite() && brokenForeignKeys() > brokenBefore)
        throw runtime::Error(SFE_STORE, "cannot migrate the store " + _displayName +
                                            ": the migration would leave rows naming rows that are not there"
                                            " (PRAGMA foreign_key_check)");
    tx.commit();
    _ready = true;
}

long long Database::brokenForeignKeys()
{
    Poco::Int64 count = 0;
    *_primary << "SELECT COUNT(*) FROM pragma_foreign_key_check", into(count), now;
    return count;
}

std::string Database::nameOf(const std::string& sql)
{
    const std::string into = "INSERT INTO ";
    if (sql.compare(0, into.size(), into) == 0)
        return "the insert into " + sql.substr(into.size(), sql.find_first_of("( ", into.size()) - into.size());
    return "the query '" + (sql.size() > 60 ? sql.substr(0, 60) + "…" : sql) + "'";
}

std::string Database::byteOrder() const
{
    return isPostgreSQL() ? " COLLATE \"C\"" : "";
}

std::string Database::idText(const std::string& column) const
{
    if (!isPostgreSQL()) return column;
    return "CAST(" + column + " AS TEXT) AS " + column.substr(column.rfind('.') + 1);
}

bool Database::canHoldId(const std::string& id) const
{
    if (!isPostgreSQL()) return true;
    // Only the shape: PostgreSQL's uuid takes any version and variant (xapi::Uuid::check is stricter).
    if (id.size() != 36) return false;
    for (std::size_t i = 0; i < id.size(); ++i)
    {
        const char c = id[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

Poco::Data::Session& Database::session()
{
    auto it = tBound.find(this);
    if (it != tBound.end()) return *it->second.session;
    return *_primary;
}

std::string Database::sql(const std::string& portable) const
{
    if (!isPostgreSQL()) return portable;
    std::string out;
    out.reserve(portable.size() + 16);
    int n = 0;
    bool quoted = false;
    for (char c : portable)
    {
        if (c == '\'') quoted = !quoted;
        if (c == '?' && !quoted) out += '$' + std::to_string(++n);
        else out += c;
    }
    return out;
}

int Database::schemaVersion()
{
    Poco::Nullable<int> version;
    session() << "SELECT MAX(version) FROM schema_migrations", into(version), now;
    return version.isNull() ? 0 : version.value();
}

long long Database::nextSequence(const std::string& name, long long count)
{
    std::string key = name;
    Poco::Int64 n = count;
    Poco::Nullable<Poco::Int64> value;
    if (isPostgreSQL())
    {
        // One round trip: PgStatement, and RETURNING instead of a second statement.
        PgStatement next(*this, "UPDATE sequences SET value = value + ? WHERE name = ? RETURNING value");
        next.bind(1, n);
        next.bind(2, key);
        next.execute();
        if (next.rows() == 1) value = next.integer(0, 0);
    }
    else
    {
        session() << sql("UPDATE sequences SET value = value + ? WHERE name = ?"), use(n), use(key), now;
        session() << sql("SELECT value FROM sequences WHERE name = ?"), use(key), into(value), now;
    }
    if (value.isNull())
    {
        session() << sql("INSERT INTO sequences(name, value) VALUES (?, ?)"), use(key), use(n), now;
        return 1;
    }
    return value.value() - count + 1;
}

void Database::markChanged()
{
    nextSequence("store_changes");
}

void Database::refreshIfChanged()
{
    if (!_ready) return; // still migrating: nothing is cached yet
    static const char* const kChanges = "SELECT value FROM sequences WHERE name = 'store_changes'";
    Poco::Nullable<Poco::Int64> value;
    if (isPostgreSQL())
    {
        PgStatement changes(*this, kChanges); // one round trip, as every write transaction begins with it
        changes.execute();
        if (changes.rows() == 1 && !changes.isNull(0, 0)) value = changes.integer(0, 0);
    }
    else session() << kChanges, into(value), now;
    const long long seen = value.isNull() ? 0 : value.value();
    std::vector<std::function<void()>> listeners;
    {
        std::lock_guard<std::mutex> lock(_changeMutex);
        if (seen == _seenChanges) return;
        _seenChanges = seen;
        listeners = _listeners;
    }
    for (const auto& listener : listeners) listener();
}

void Database::onChange(std::function<void()> listener)
{
    std::lock_guard<std::mutex> lock(_changeMutex);
    _listeners.push_back(std::move(listener));
}

void Database::recordLockWait(std::chrono::microseconds waited, bool busy)
{
    static constexpr std::size_t kKept = 65536;
    const auto us = static_cast<std::uint32_t>(std::min<long long>(waited.count(), UINT32_MAX));
    std::lock_guard<std::mutex> lock(_statsMutex);
    if (_waitsUs.size() < kKept) _waitsUs.push_back(us);
    else _waitsUs[_writes % kKept] = us;
    ++_writes;
    if (busy) ++_busy;
}

Database::LockStats Database::lockStats() const
{
    std::vector<std::uint32_t> waits;
    LockStats stats;
    {
        std::lock_guard<std::mutex> lock(_statsMutex);
        waits = _waitsUs;
        stats.writes = _writes;
        stats.busy = _busy;
    }
    if (waits.empty()) return stats;
    std::sort(waits.begin(), waits.end());
    auto at = [&](double q) {
        return waits[std::min(waits.size() - 1, static_cast<std::size_t>(q * waits.size()))] / 1000.0;
    };
    stats.p50Ms = at(0.50);
    stats.p99Ms = at(0.99);
    stats.maxMs = waits.back() / 1000.0;
    return stats;
}

std::unique_ptr<Poco::Data::Session> Database::acquire()
{
    {
        std::lock_guard<std::mutex> lock(_poolMutex);
        if (!_idle.empty())
        {
            auto session = std::move(_idle.back());
            _idle.pop_back();
            return session;
        }
    }
    return openSession();
}

void Database::release(std::unique_ptr<Poco::Data::Session> session)
{
    // A session given back inside a transaction (an exception escaped a use case without its
    // Transaction) must not carry it to the next caller.
    try
    {
        if (session->isTransaction()) session->rollback();
    }
    catch (...)
    {
        return;
    }
    std::lock_guard<std::mutex> lock(_poolMutex);
    if (_idle.size() < 16) _idle.push_back(std::move(session));
}

Database::Lease::Lease(Database& db):
    _db(db)
{
    auto it = tBound.find(&db);
    if (it != tBound.end())
    {
        ++it->second.depth;
        return;
    }
    Binding binding;
    if (db._options.target == ":memory:" && db.isSQLite())
    {
        db._memoryMutex.lock();
        binding.session = db._primary.get();
    }
    else
    {
        binding.owned = db.acquire();
        binding.session = binding.owned.get();
    }
    binding.depth = 1;
    tBound[&db] = std::move(binding);
    _outer = true;
    try
    {
        db.refreshIfChanged();
    }
    catch (...)
    {
        unbind();
        throw;
    }
}

Database::Lease::~Lease()
{
    unbind();
}

void Database::Lease::unbind()
{
    auto it = tBound.find(&_db);
    if (it == tBound.end()) return;
    if (--it->second.depth > 0) return;
    std::unique_ptr<Poco::Data::Session> owned = std::move(it->second.owned);
    tBound.erase(it);
    if (owned) _db.release(std::move(owned));
    else _db._memoryMutex.unlock();
}

}
} // namespace sfe::store
