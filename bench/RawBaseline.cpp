//
// RawBaseline.cpp
//
// Benchmark support: what a run wrote into a SQLite store, inserted again through the raw
// sqlite3 API, as the baseline the run is measured against.
//

#include "RawBaseline.h"

#include "sfe/store/Database.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

namespace sfe {
namespace bench {

namespace {

std::string quoted(const std::string& name)
{
    return "\"" + name + "\"";
}

[[noreturn]] void fail(sqlite3* db, const std::string& file, const std::string& what)
{
    throw std::runtime_error(file + ": " + what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

/// A prepared statement, finalized when it goes out of scope.
class Prepared
{
public:
    Prepared(sqlite3* db, const std::string& file, const std::string& sql):
        _db(db),
        _file(file),
        _sql(sql)
    {
        if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &_statement, nullptr) != SQLITE_OK)
            fail(db, file, "cannot prepare '" + sql + "'");
    }
    ~Prepared() { sqlite3_finalize(_statement); }
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;

    sqlite3_stmt* get() const { return _statement; }

    /// Steps once; true while there is a row.
    bool step()
    {
        const int rc = sqlite3_step(_statement);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail(_db, _file, "cannot run '" + _sql + "'");
        return false;
    }

    void reset() { sqlite3_reset(_statement); }

private:
    sqlite3* _db;
    std::string _file;
    std::string _sql;
    sqlite3_stmt* _statement = nullptr;
};

void exec(sqlite3* db, const std::string& file, const std::string& sql)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK)
    {
        const std::string why = message ? message : "unknown error";
        sqlite3_free(message);
        throw std::runtime_error(file + ": '" + sql + "' failed: " + why);
    }
}

std::string text(sqlite3_stmt* statement, int column)
{
    const unsigned char* t = sqlite3_column_text(statement, column);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
             : std::string();
}

} // namespace

RawBaseline::RawBaseline(const std::string& storePath):
    _storePath(storePath)
{
    if (sqlite3_open_v2(storePath.c_str(), &_store, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    {
        const std::string why = _store ? sqlite3_errmsg(_store) : "out of memory";
        sqlite3_close(_store);
        throw std::runtime_error(storePath + ": cannot open: " + why);
    }
    sqlite3_busy_timeout(_store, 10000);
    Prepared tables(_store, _storePath,
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    while (tables.step()) _tableNames.push_back(text(tables.get(), 0));
    for (const std::string& table : _tableNames)
    {
        Prepared withoutRowid(_store, _storePath,
                              "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
                              " AND sql LIKE '%WITHOUT ROWID%'");
        sqlite3_bind_text(withoutRowid.get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
        withoutRowid.step();
        std::string key;
        if (sqlite3_column_int64(withoutRowid.get(), 0) > 0)
        {
            Prepared columns(_store, _storePath, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk");
            sqlite3_bind_text(columns.get(), 1, table.c_str(), -1, SQLITE_TRANSIENT);
            while (columns.step()) key += (key.empty() ? "" : " || char(31) || ") + quoted(text(columns.get(), 0));
        }
        _keySql.push_back(key);
    }
    _keyMarks.resize(_tableNames.size());
}

RawBaseline::~RawBaseline()
{
    sqlite3_close(_store);
}

void RawBaseline::copyTo(const std::string& copyPath)
{
    _copyPath = copyPath;
    Prepared vacuum(_store, _storePath, "VACUUM INTO ?");
    sqlite3_bind_text(vacuum.get(), 1, copyPath.c_str(), -1, SQLITE_TRANSIENT);
    vacuum.step();
}

void RawBaseline::mark()
{
    std::vector<std::int64_t> ends;
    const std::int64_t at = static_cast<std::int64_t>(_marks.size());
    for (std::size_t t = 0; t < _tableNames.size(); ++t)
    {
        if (!_keySql[t].empty())
        {
            // No rowid: the keys not seen before are this mark's (one scan of the key per mark).
            Prepared keys(_store, _storePath, "SELECT " + _keySql[t] + " FROM " + quoted(_tableNames[t]));
            while (keys.step()) _keyMarks[t].emplace(text(keys.get(), 0), at);
            ends.push_back(at);
            continue;
        }
        Prepared last(_store, _storePath, "SELECT COALESCE(MAX(rowid), 0) FROM " + quoted(_tableNames[t]));
        last.step();
        ends.push_back(sqlite3_column_int64(last.get(), 0));
    }
    _marks.push_back(std::move(ends));
}

std::size_t RawBaseline::rowsAdded()
{
    if (_marks.size() < 2) return 0;
    std::size_t rows = 0;
    for (std::size_t t = 0; t < _tableNames.size(); ++t)
    {
        if (!_keySql[t].empty())
        {
            for (const auto& [key, mark] : _keyMarks[t]) rows += mark > 0 ? 1 : 0;
            continue;
        }
        Prepared count(_store, _storePath,
                       "SELECT COUNT(*) FROM " + quoted(_tableNames[t]) + " WHERE rowid > ? AND rowid <= ?");
        sqlite3_bind_int64(count.get(), 1, _marks.front()[t]);
        sqlite3_bind_int64(count.get(), 2, _marks.back()[t]);
        count.step();
        rows += static_cast<std::size_t>(sqlite3_column_int64(count.get(), 0));
    }
    return rows;
}

std::vector<std::size_t> RawBaseline::insertionOrder(const std::vector<std::size_t>& written)
{
    // Referenced tables first, so that each row's foreign keys find their rows; ties by name.
    std::map<std::string, std::size_t> index;
    for (std::size_t t : written) index[_tableNames[t]] = t;
    std::map<std::size_t, std::set<std::size_t>> needs;
    for (std::size_t t : written)
    {
        Prepared keys(_store, _storePath, "SELECT \"table\" FROM pragma_foreign_key_list(?)");
        sqlite3_bind_text(keys.get(), 1, _tableNames[t].c_str(), -1, SQLITE_TRANSIENT);
        while (keys.step())
        {
            auto it = index.find(text(keys.get(), 0));
            if (it != index.end() && it->second != t) needs[t].insert(it->second);
        }
    }
    std::vector<std::size_t> order;
    std::set<std::size_t> placed;
    while (order.size() < written.size())
    {
        bool progress = false;
        for (std::size_t t : written)
        {
            if (placed.count(t)) continue;
            bool ready = true;
            for (std::size_t n : needs[t]) ready = ready && placed.count(n) > 0;
            if (!ready) continue;
            order.push_back(t);
            placed.insert(t);
            progress = true;
        }
        if (!progress) throw std::runtime_error(_storePath + ": the written tables refer to each other in a cycle");
    }
    return order;
}

const std::vector<RawBaseline::Table>& RawBaseline::load()
{
    if (_marks.size() < 2) throw std::runtime_error("RawBaseline::load: mark() before and after the run");
    std::vector<std::size_t> written;
    for (std::size_t t = 0; t < _tableNames.size(); ++t)
    {
        bool added = _marks.back()[t] > _marks.front()[t];
        if (!_keySql[t].empty())
        {
            added = false;
            for (const auto& [key, mark] : _keyMarks[t]) added = added || mark > 0;
        }
        if (added) written.push_back(t);
    }

    _loaded.clear();
    _tables.clear();
    for (std::size_t t : insertionOrder(written))
    {
        Loaded loaded;
        loaded.table = t;
        Prepared columns(_store, _storePath, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
        sqlite3_bind_text(columns.get(), 1, _tableNames[t].c_str(), -1, SQLITE_TRANSIENT);
        while (columns.step()) loaded.columns.push_back(text(columns.get(), 0));

        // A WITHOUT ROWID table's rows are read whole and placed by the mark that saw their key
        // first: Row::rowid is then that mark's number, as its _marks entries are.
        const bool keyed = !_keySql[t].empty();
        std::string sql = "SELECT " + (keyed ? _keySql[t] : std::string("rowid"));
        for (const auto& c : loaded.columns) sql += ", " + quoted(c);
        sql += " FROM " + quoted(_tableNames[t]) + (keyed ? "" : " WHERE rowid > ? AND rowid <= ? ORDER BY rowid");
        Prepared select(_store, _storePath, sql);
        if (!keyed)
        {
            sqlite3_bind_int64(select.get(), 1, _marks.front()[t]);
            sqlite3_bind_int64(select.get(), 2, _marks.back()[t]);
        }
        Table figures;
        figures.name = _tableNames[t];
        while (select.step())
        {
            Row row;
            if (keyed)
            {
                const auto mark = _keyMarks[t].find(text(select.get(), 0));
                if (mark == _keyMarks[t].end() || mark->second == 0) continue; // there before the run
                row.rowid = mark->second;
            }
            else row.rowid = sqlite3_column_int64(select.get(), 0);
            for (int c = 1; c <= static_cast<int>(loaded.columns.size()); ++c)
            {
                Value v;
                v.type = sqlite3_column_type(select.get(), c);
                switch (v.type)
                {
                    case SQLITE_INTEGER:
                        v.integer = sqlite3_column_int64(select.get(), c);
                        figures.bytes += 8;
                        break;
                    case SQLITE_FLOAT:
                        v.real = sqlite3_column_double(select.get(), c);
                        figures.bytes += 8;
                        break;
                    case SQLITE_TEXT:
                        v.bytes = text(select.get(), c);
                        figures.bytes += v.bytes.size();
                        break;
                    case SQLITE_BLOB:
                    {
                        const auto* blob = static_cast<const char*>(sqlite3_column_blob(select.get(), c));
                        v.bytes.assign(blob ? blob : "",
                                       static_cast<std::size_t>(sqlite3_column_bytes(select.get(), c)));
                        figures.bytes += v.bytes.size();
                        break;
                    }
                    default:
                        break;
                }
                row.values.push_back(std::move(v));
            }
            loaded.rows.push_back(std::move(row));
        }
        if (keyed)
            std::stable_sort(loaded.rows.begin(), loaded.rows.end(),
                             [](const Row& a, const Row& b) { return a.rowid < b.rowid; });
        figures.rows = loaded.rows.size();
        _tables.push_back(figures);
        _loaded.push_back(std::move(loaded));
    }
    return _tables;
}

Seconds RawBaseline::replay(std::size_t cacheMib)
{
    if (_copyPath.empty()) throw std::runtime_error("RawBaseline::replay: copyTo() before the run");
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(_copyPath.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    {
        const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw std::runtime_error(_copyPath + ": cannot open: " + why);
    }
    try
    {
        // The store's settings (store::Database::configureSQLite).
        {
            Prepared wal(db, _copyPath, "PRAGMA journal_mode=WAL");
            wal.step();
            if (text(wal.get(), 0) != "wal") throw std::runtime_error(_copyPath + ": cannot use WAL mode");
        }
        exec(db, _copyPath, "PRAGMA synchronous=NORMAL");
        exec(db, _copyPath, "PRAGMA foreign_keys=ON");
        if (cacheMib) exec(db, _copyPath, "PRAGMA cache_size=-" + std::to_string(cacheMib * 1024));
        exec(db, _copyPath,
             "PRAGMA wal_autocheckpoint=" + std::to_string(sfe::store::Database::Options{}.walAutocheckpointPages));
        sqlite3_busy_timeout(db, 10000);
        const Seconds seconds = insertLoaded(db);
        sqlite3_close(db);
        return seconds;
    }
    catch (...)
    {
        sqlite3_close_v2(db);
        throw;
    }
}

Seconds RawBaseline::insertLoaded(sqlite3* db)
{
    Stopwatch watch;
    watch.start();
    std::vector<std::unique_ptr<Prepared>> inserts;
    for (const Loaded& loaded : _loaded)
    {
        std::string sql = "INSERT INTO " + quoted(_tableNames[loaded.table]) + "(";
        std::string params;
        for (std::size_t c = 0; c < loaded.columns.size(); ++c)
        {
            sql += (c ? ", " : "") + quoted(loaded.columns[c]);
            params += c ? ", ?" : "?";
        }
        sql += ") VALUES (" + params + ")";
        inserts.push_back(std::make_unique<Prepared>(db, _copyPath, sql));
    }
    Prepared begin(db, _copyPath, "BEGIN"), commit(db, _copyPath, "COMMIT");
    std::vector<std::size_t> next(_loaded.size(), 0);
    for (std::size_t m = 1; m < _marks.size(); ++m)
    {
        begin.step();
        begin.reset();
        for (std::size_t l = 0; l < _loaded.size(); ++l)
        {
            const Loaded& loaded = _loaded[l];
            const std::int64_t end = _marks[m][loaded.table];
            Prepared& insert = *inserts[l];
            sqlite3_stmt* s = insert.get();
            for (; next[l] < loaded.rows.size() && loaded.rows[next[l]].rowid <= end; ++next[l])
            {
                const Row& row = loaded.rows[next[l]];
                for (std::size_t c = 0; c < row.values.size(); ++c)
                {
                    const Value& v = row.values[c];
                    const int p = static_cast<int>(c) + 1;
                    switch (v.type)
                    {
                        case SQLITE_INTEGER:
                            sqlite3_bind_int64(s, p, v.integer);
                            break;
                        case SQLITE_FLOAT:
                            sqlite3_bind_double(s, p, v.real);
                            break;
                        case SQLITE_TEXT:
                            sqlite3_bind_text(s, p, v.bytes.data(), static_cast<int>(v.bytes.size()), SQLITE_STATIC);
                            break;
                        case SQLITE_BLOB:
                            sqlite3_bind_blob(s, p, v.bytes.data(), static_cast<int>(v.bytes.size()), SQLITE_STATIC);
                            break;
                        default:
                            sqlite3_bind_null(s, p);
                            break;
                    }
                }
                insert.step();
                insert.reset();
            }
        }
        commit.step();
        commit.reset();
    }
    inserts.clear();
    watch.stop();
    return watch.total();
}

}
} // namespace sfe::bench
