//
// LogCursor.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/LogCursor.h"

#include "sfe/runtime/Error.h"
#include "sfe/store/HashColumn.h"
#include "sfe/store/StoredText.h"

#include "sfe.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <sqlite3.h>

#include <algorithm>
#include <string_view>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

// The entry, its evidence row (NULLs when there is none) and the refs of the row's people. Served
// by the primary keys of evidence_log (also for the entry before, whose chain hash is its prev_hash),
// evidence and learner_refs.
std::string entriesSql(const Database& db)
{
    return "SELECT l.seq, " + db.idText("l.evidence_id") + ", l.action, l.content, l.content_sha256, " +
           EvidenceLog::prevHashSql("l") + ", l.chain_hash, l.logged_at, " + db.idText("e.id") +
           ", e.seq, e.event_id, e.kind, e.learner, e.skill_code, e.level_number, e.definition_sha256,"
           " e.level_text_sha256, e.activity_id, e.mapping_id, e.verb, e.score_raw, e.score_min, e.score_max,"
           " e.score_scaled, e.success, e.assessor, e.outcome, e.note, e.evidence_url, e.occurred_at, e.recorded_at,"
           " e.withdrawn_at, e.withdrawn_reason, e.learner_ref, e.assessor_ref, e.note_sha256, e.erased_at, lr.ref, ar.ref,"
           " l.content_z FROM evidence_log l LEFT JOIN evidence e ON e.id = l.evidence_id"
           " LEFT JOIN learner_refs lr ON lr.learner = e.learner LEFT JOIN learner_refs ar ON ar.learner = e.assessor"
           " WHERE l.seq >= ? AND l.seq <= ? ORDER BY l.seq";
}

// The responsibilities of each entry's evidence row, in entry order, merged with entriesSql()'s rows.
const char* const kResponsibilitiesSql = "SELECT l.seq, r.responsibility_id FROM evidence_log l"
                                         " JOIN evidence_responsibilities r ON r.evidence_id = l.evidence_id"
                                         " WHERE l.seq >= ? AND l.seq <= ? ORDER BY l.seq";

std::string statementColumns(const Database& db)
{
    return db.idText("id") + ", seq, " + db.idText("evidence_id") + ", kind, learner, body, " +
           db.idText("voids_statement_id") + ", state, signature, log_seq, body_z";
}

/// Reads the columns of entriesSql() through `text`, `blob`, `isNull`, `integer` and `real`, so both
/// connectors decode a row the same way. Compressed columns (content_z) are decoded by StoredText,
/// as EvidenceLog reads them.
template<typename Source>
void decode(Source& s, LogRow& row)
{
    LogEntry& e = row.entry;
    e.seq = s.integer(0);
    s.text(1, e.evidenceId);
    s.text(2, e.action);
    s.text(3, e.content);
    if (!s.isNull(39))
    {
        const std::string_view z = s.blob(39);
        const long long seq = e.seq;
        StoredText::decode(z.data(), z.size(), e.content,
                           [seq] { return "evidence log entry " + std::to_string(seq); });
    }
    // Hashes are stored as their bytes (HashColumn).
    auto hash = [&s](int column) {
        const std::string_view bytes = s.blob(column);
        return HashColumn::hex(bytes.data(), bytes.size());
    };
    auto optHash = [&s, &hash](int column, std::optional<std::string>& into) {
        if (s.isNull(column)) into.reset();
        else into = hash(column);
    };
    e.contentSha256 = hash(4);
    e.prevHash = EvidenceLog::prevHash(e.seq, s.isNull(5) ? std::nullopt : std::optional<std::string>(hash(5)));
    e.chainHash = hash(6);
    s.text(7, e.loggedAt);
    row.record.reset();
    row.learnerRefNow.reset();
    row.assessorRefNow.reset();
    if (s.isNull(8)) return;
    auto optText = [&s](int column, std::optional<std::string>& into) {
        if (s.isNull(column)) into.reset();
        else s.text(column, into.emplace());
    };
    auto optReal = [&s](int column, std::optional<double>& into) {
        if (s.isNull(column)) into.reset();
        else into = s.real(column);
    };
    EvidenceRecord& r = row.record.emplace();
    s.text(8, r.id);
    r.seq = s.integer(9);
    s.text(10, r.eventId);
    s.text(11, r.kind);
    s.text(12, r.learner);
    s.text(13, r.skillCode);
    r.level = static_cast<int>(s.integer(14));
    s.text(15, r.definitionSha256);
    r.levelTextSha256 = hash(16);
    optText(17, r.activityId);
    optText(18, r.mappingId);
    s.text(19, r.verb);
    optReal(20, r.scoreRaw);
    optReal(21, r.scoreMin);
    optReal(22, r.scoreMax);
    optReal(23, r.scoreScaled);
    if (s.isNull(24)) r.success.reset();
    else r.success = s.integer(24) != 0;
    optText(25, r.assessor);
    optText(26, r.outcome);
    optText(27, r.note);
    optText(28, r.evidenceUrl);
    s.text(29, r.occurredAt);
    s.text(30, r.recordedAt);
    optText(31, r.withdrawnAt);
    optText(32, r.withdrawnReason);
    if (s.isNull(33)) r.learnerRef.clear();
    else r.learnerRef = hash(33);
    optHash(34, r.assessorRef);
    optHash(35, r.noteSha256);
    optText(36, r.erasedAt);
    optText(37, row.learnerRefNow);
    optText(38, row.assessorRefNow);
}

/// A Poco::Data RecordSet's current row as decode() reads it.
struct PocoRow
{
    Poco::Data::RecordSet& rs;
    bool isNull(int c) const { return rs[static_cast<std::size_t>(c)].isEmpty(); }
    long long integer(int c) const { return rs[static_cast<std::size_t>(c)].convert<Poco::Int64>(); }
    double real(int c) const { return rs[static_cast<std::size_t>(c)].convert<double>(); }
    void text(int c, std::string& into) const { into = rs[static_cast<std::size_t>(c)].convert<std::string>(); }
    /// Valid until the next blob(): rs[c] is a copy of the value, which `held` keeps (a view into a
    /// temporary's BLOB would point into freed memory once the statement ended).
    /// A value written as text (by someone editing a SQLite store) is viewed as its bytes.
    std::string_view blob(int c) const
    {
        held = rs[static_cast<std::size_t>(c)];
        if (held.type() == typeid(std::string)) return held.extract<std::string>();
        const auto& b = held.extract<Poco::Data::BLOB>();
        return std::string_view(reinterpret_cast<const char*>(b.rawContent()), b.size());
    }

    mutable Poco::Dynamic::Var held;
};

StatementRecord statementFrom(Poco::Data::RecordSet& rs)
{
    auto opt = [&rs](std::size_t c) {
        return rs[c].isEmpty() ? std::optional<std::string>()
                               : std::optional<std::string>(rs[c].convert<std::string>());
    };
    StatementRecord s;
    s.id = rs[0].convert<std::string>();
    s.seq = rs[1].convert<Poco::Int64>();
    s.evidenceId = opt(2);
    s.kind = rs[3].convert<std::string>();
    s.learner = rs[4].convert<std::string>();
    s.body = rs[5].convert<std::string>();
    if (rs.columnCount() > 10 && !rs[10].isEmpty())
    {
        const Poco::Dynamic::Var held = rs[10]; // a copy: the BLOB lives as long as it
        const auto& b = held.extract<Poco::Data::BLOB>();
        s.body = StoredText::decode(std::string(reinterpret_cast<const char*>(b.rawContent()), b.size()),
                                    "statement " + s.id);
    }
    s.voidsStatementId = opt(6);
    s.state = rs[7].convert<std::string>();
    s.signature = opt(8);
    if (!rs[9].isEmpty()) s.logSeq = rs[9].convert<Poco::Int64>();
    return s;
}

} // namespace

/// The SQLite reads: sqlite3 statements on the calling thread's connection, stepped row by row.
/// Poco::Data's SQLite connector copies every row of a result into its own storage first.
class LogCursor::SQLite
{
public:
    SQLite(Database& db, long long from, long long to):
        _db(db),
        _handle(Poco::Data::SQLite::Utility::dbHandle(db.session()))
    {
        if (!_handle)
            throw runtime::Error(SFE_STORE, "cannot read the evidence log: the store " + db.target() + " is closed");
        _entries = prepare(entriesSql(_db).c_str());
        _responsibilities = prepare(kResponsibilitiesSql);
        for (sqlite3_stmt* s : {_entries, _responsibilities})
            if (sqlite3_bind_int64(s, 1, from) != SQLITE_OK || sqlite3_bind_int64(s, 2, to) != SQLITE_OK) fail("bind");
        _haveResponsibility = step(_responsibilities);
    }

    ~SQLite()
    {
        sqlite3_finalize(_entries);
        sqlite3_finalize(_responsibilities);
        sqlite3_finalize(_statement);
        sqlite3_finalize(_stream);
    }

    SQLite(const SQLite&) = delete;
    SQLite& operator=(const SQLite&) = delete;

    bool next(LogRow& row)
    {
        if (!step(_entries)) return false;
        Row source{_entries};
        decode(source, row);
        // The responsibilities come in entry order: take this entry's, skip any of entries before it.
        while (_haveResponsibility && sqlite3_column_int64(_responsibilities, 0) < row.entry.seq)
            _haveResponsibility = step(_responsibilities);
        if (row.record)
        {
            auto& ids = row.record->responsibilities;
            ids.clear();
            while (_haveResponsibility && sqlite3_column_int64(_responsibilities, 0) == row.entry.seq)
            {
                Row{_responsibilities}.text(1, ids.emplace_back());
                _haveResponsibility = step(_responsibilities);
            }
            // Byte order, as EvidenceRepository reads them and LogContent logs them.
            std::sort(ids.begin(), ids.end());
        }
        return true;
    }

    std::optional<StatementRecord> statement(const std::string& id)
    {
        if (!_statement)
            _statement = prepare(("SELECT " + statementColumns(_db) + " FROM statements WHERE id = ?").c_str());
        sqlite3_reset(_statement);
        if (sqlite3_bind_text(_statement, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT) != SQLITE_OK)
            fail("bind");
        if (!step(_statement)) return std::nullopt;
        StatementRecord s = statementAt(_statement);
        sqlite3_reset(_statement);
        return s;
    }

    /// The statement `id` if it is the next one of the forward stream that `logSeq` binds (skipping
    /// those of earlier entries and unbound ones); else looked up by id, and the stream moved past it.
    std::optional<StatementRecord> statement(const std::string& id, long long logSeq)
    {
        if (_streamOpen)
        {
            auto boundBefore = [this, logSeq] {
                return sqlite3_column_type(_stream, 9) == SQLITE_NULL || sqlite3_column_int64(_stream, 9) < logSeq;
            };
            while (_haveStreamed && boundBefore()) _haveStreamed = step(_stream);
            if (_haveStreamed && sqlite3_column_int64(_stream, 9) == logSeq &&
                static_cast<std::size_t>(sqlite3_column_bytes(_stream, 0)) == id.size() &&
                id.compare(0, id.size(), reinterpret_cast<const char*>(sqlite3_column_text(_stream, 0)), id.size()) ==
                    0)
            {
                StatementRecord s = statementAt(_stream);
                _haveStreamed = step(_stream);
                return s;
            }
        }
        auto s = statement(id);
        if (s && s->logSeq == logSeq)
        {
            // Statements are written with their entry, so those after this one are likely the next entries'.
            if (!_stream)
                _stream = prepare(
                    ("SELECT " + statementColumns(_db) + " FROM statements WHERE seq > ? ORDER BY seq").c_str());
            sqlite3_reset(_stream);
            if (sqlite3_bind_int64(_stream, 1, s->seq) != SQLITE_OK) fail("bind");
            _streamOpen = true;
            _haveStreamed = step(_stream);
        }
        return s;
    }

private:
    /// The statement at a statement's current row (statementColumns()), its body decoded.
    StatementRecord statementAt(sqlite3_stmt* statement)
    {
        Row r{statement};
        StatementRecord s;
        r.text(0, s.id);
        s.seq = r.integer(1);
        if (!r.isNull(2)) r.text(2, s.evidenceId.emplace());
        r.text(3, s.kind);
        r.text(4, s.learner);
        if (r.isNull(10)) r.text(5, s.body);
        else
        {
            const std::string_view z = r.blob(10);
            StoredText::decode(z.data(), z.size(), s.body, [&s] { return "statement " + s.id; });
        }
        if (!r.isNull(6)) r.text(6, s.voidsStatementId.emplace());
        r.text(7, s.state);
        if (!r.isNull(8)) r.text(8, s.signature.emplace());
        if (!r.isNull(9)) s.logSeq = r.integer(9);
        return s;
    }

    /// A sqlite3 statement's current row as decode() reads it.
    struct Row
    {
        sqlite3_stmt* s;
        bool isNull(int c) const { return sqlite3_column_type(s, c) == SQLITE_NULL; }
        long long integer(int c) const { return sqlite3_column_int64(s, c); }
        double real(int c) const { return sqlite3_column_double(s, c); }
        void text(int c, std::string& into) const
        {
            const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
            into.assign(data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(s, c)));
        }
        /// Valid until the statement steps on.
        std::string_view blob(int c) const
        {
            const auto* data = static_cast<const char*>(sqlite3_column_blob(s, c));
            return std::string_view(data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(s, c)));
        }
    };

    sqlite3_stmt* prepare(const char* sql)
    {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v3(_handle, sql, -1, 0, &statement, nullptr) != SQLITE_OK)
        {
            const std::string message = sqlite3_errmsg(_handle);
            sqlite3_finalize(statement);
            throw runtime::Error(SFE_STORE,
                                 "cannot read the evidence log of the store " + _db.target() + ": " + message);
        }
        return statement;
    }

    bool step(sqlite3_stmt* statement)
    {
        const int rc = sqlite3_step(statement);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) fail("read");
        return false;
    }

    [[noreturn]] void fail(const char* what) const
    {
        throw runtime::Error(SFE_STORE, std::string("cannot ") + what + " the evidence log of the store " +
                                            _db.target() + ": " + sqlite3_errmsg(_handle));
    }

    Database& _db;
    sqlite3* _handle;
    sqlite3_stmt* _entries = nullptr;
    sqlite3_stmt* _responsibilities = nullptr;
    sqlite3_stmt* _statement = nullptr;
    sqlite3_stmt* _stream = nullptr; ///< statements by seq, from just after the last one looked up by id
    bool _streamOpen = false;
    bool _haveStreamed = false; ///< _stream is on a row
    bool _haveResponsibility = false;
};

LogCursor::LogCursor(Database& db, long long from, long long to):
    _db(db),
    _from(from),
    _to(to)
{
    if (db.isSQLite()) _sqlite = std::make_unique<SQLite>(db, from, to);
}

LogCursor::~LogCursor() = default;

bool LogCursor::next(LogRow& row)
{
    if (_sqlite) return _sqlite->next(row);
    return nextPage(row);
}

bool LogCursor::nextPage(LogRow& row)
{
    if (_page.empty())
    {
        if (_from > _to) return false;
        Poco::Data::Statement select(_db.session());
        Poco::Int64 from = _from, to = _to, limit = static_cast<Poco::Int64>(kPage);
        select << _db.sql(entriesSql(_db) + " LIMIT ?"), use(from), use(to), use(limit), now;
        Poco::Data::RecordSet rs(select);
        for (bool more = rs.moveFirst(); more; more = rs.moveNext())
        {
            PocoRow source{rs, {}};
            decode(source, _page.emplace_back());
        }
        if (_page.empty())
        {
            _from = _to + 1;
            return false;
        }
        Poco::Int64 first = _page.front().entry.seq, last = _page.back().entry.seq;
        std::vector<Poco::Int64> seqs;
        std::vector<std::string> ids;
        _db.session() << _db.sql(kResponsibilitiesSql), use(first), use(last), into(seqs), into(ids), now;
        std::size_t i = 0;
        for (LogRow& r : _page)
        {
            while (i < seqs.size() && seqs[i] < r.entry.seq) ++i;
            for (; i < seqs.size() && seqs[i] == r.entry.seq; ++i)
                if (r.record) r.record->responsibilities.push_back(ids[i]);
            if (r.record) std::sort(r.record->responsibilities.begin(), r.record->responsibilities.end());
        }
        _from = last + 1;
    }
    row = std::move(_page.front());
    _page.pop_front();
    return true;
}

std::optional<StatementRecord> LogCursor::statement(const std::string& id)
{
    if (_sqlite) return _sqlite->statement(id);
    if (!_db.canHoldId(id)) return std::nullopt;
    Poco::Data::Statement select(_db.session());
    std::string key = id;
    select << _db.sql("SELECT " + statementColumns(_db) + " FROM statements WHERE id = ?"), use(key), now;
    Poco::Data::RecordSet rs(select);
    if (!rs.moveFirst()) return std::nullopt;
    return statementFrom(rs);
}

std::optional<StatementRecord> LogCursor::statement(const std::string& id, long long logSeq)
{
    if (_sqlite) return _sqlite->statement(id, logSeq);
    // PostgreSQL: the same forward stream as on SQLite, read a page of kPage statements at a time.
    if (_streamOpen)
    {
        for (;;)
        {
            while (!_streamed.empty() && (!_streamed.front().logSeq || *_streamed.front().logSeq < logSeq))
                _streamed.pop_front();
            if (!_streamed.empty() || _streamAfter < 0) break;
            Poco::Data::Statement select(_db.session());
            Poco::Int64 after = _streamAfter, limit = static_cast<Poco::Int64>(kPage);
            select << _db.sql("SELECT " + statementColumns(_db) +
                              " FROM statements WHERE seq > ? ORDER BY seq LIMIT ?"),
                use(after), use(limit), now;
            Poco::Data::RecordSet rs(select);
            for (bool more = rs.moveFirst(); more; more = rs.moveNext()) _streamed.push_back(statementFrom(rs));
            _streamAfter = _streamed.size() < kPage ? -1 : _streamed.back().seq;
        }
        if (!_streamed.empty() && _streamed.front().logSeq == logSeq && _streamed.front().id == id)
        {
            StatementRecord s = std::move(_streamed.front());
            _streamed.pop_front();
            return s;
        }
    }
    auto s = statement(id);
    if (s && s->logSeq == logSeq)
    {
        _streamOpen = true;
        _streamed.clear();
        _streamAfter = s->seq;
    }
    return s;
}

long long LogCursor::statementsBoundIn(long long from, long long to)
{
    Poco::Int64 a = from, b = to, count = 0;
    _db.session() << _db.sql("SELECT COUNT(*) FROM statements WHERE log_seq >= ? AND log_seq <= ?"), use(a), use(b),
        into(count), now;
    return count;
}

std::vector<StatementRecord> LogCursor::statementsWhere(const std::string& where, long long afterSeq, std::size_t limit)
{
    Poco::Data::Statement select(_db.session());
    Poco::Int64 after = afterSeq, lim = static_cast<Poco::Int64>(limit);
    // Columns of the same types in the places of body and signature, which are not read.
    const std::string voids = _db.idText("voids_statement_id");
    select << _db.sql("SELECT " + _db.idText("id") + ", seq, " + _db.idText("evidence_id") + ", kind, learner, kind, " +
                      voids + ", state, " + voids + ", log_seq FROM statements WHERE seq > ? AND (" + where +
                      ") ORDER BY seq LIMIT ?"),
        use(after), use(lim), now;
    Poco::Data::RecordSet rs(select);
    std::vector<StatementRecord> result;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext())
    {
        result.push_back(statementFrom(rs));
        result.back().body.clear();
        result.back().signature.reset();
    }
    return result;
}

long long LogCursor::lastSeq(Database& db)
{
    Poco::Nullable<Poco::Int64> last;
    db.session() << "SELECT MAX(seq) FROM evidence_log", into(last), now;
    return last.isNull() ? 0 : last.value();
}

std::optional<std::string> LogCursor::chainHashAt(Database& db, long long seq)
{
    Poco::Int64 at = seq;
    Poco::Data::Statement select(db.session());
    select << db.sql("SELECT chain_hash FROM evidence_log WHERE seq = ?"), use(at), now;
    Poco::Data::RecordSet rs(select);
    if (!rs.moveFirst() || rs[0].isEmpty()) return std::nullopt;
    PocoRow row{rs, {}};
    const std::string_view bytes = row.blob(0);
    return HashColumn::hex(bytes.data(), bytes.size());
}

}
} // namespace sfe::store
