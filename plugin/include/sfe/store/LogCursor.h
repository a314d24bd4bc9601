//
// LogCursor.h
//
// Library: sfe_core
// Package: store
//
// A forward-only bulk reader of the evidence log, joined with what `audit verify` compares it with.
//

#ifndef SFE_STORE_LOGCURSOR_H
#define SFE_STORE_LOGCURSOR_H

#include "sfe/store/Database.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/StatementRepository.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>

struct sqlite3_stmt;

namespace sfe {
namespace store {

/// One log entry with the evidence row it names, as the row is now, and the refs its people's
/// ids lead to now (learner_refs).
struct LogRow
{
    LogEntry entry;
    std::optional<EvidenceRecord> record;      ///< empty when no evidence row has the entry's evidence id
    std::optional<std::string> learnerRefNow;  ///< learner_refs.ref of record->learner, if any
    std::optional<std::string> assessorRefNow; ///< learner_refs.ref of record->assessor, if any
};

/// Reads the entries seq in [from, to] in seq order, each joined with its evidence row, the row's
/// responsibilities and its people's refs, in one pass: `audit verify` reads a million entries, and
/// a query per entry (EvidenceRepository::find) was most of its time. On SQLite the reads are
/// sqlite3 statements stepped row by row (nothing is held beyond the current row); on PostgreSQL,
/// Poco::Data pages of kPage entries. Memory stays bounded at any log size.
///
/// The columns are decoded here as the store writes them (EvidenceLog, EvidenceRepository,
/// StatementRepository): a change of the stored format changes this file too.
///
/// Also looks up single statements and counts statements by the entry that binds them (log_seq),
/// for the outbox half of the check. Use on one thread, within one Database::Lease.
class LogCursor
{
public:
    LogCursor(Database& db, long long from, long long to);
    ~LogCursor();

    LogCursor(const LogCursor&) = delete;
    LogCursor& operator=(const LogCursor&) = delete;

    /// The next entry; false after the last one.
    bool next(LogRow& row);

    /// The statement with this id, without its delivery fields (attempts, errors, times).
    std::optional<StatementRecord> statement(const std::string& id);

    /// The same, for the entry `logSeq` that binds it: read from a forward stream of the statements
    /// in seq order (they are written with their entry, so in the log's order), not looked up one by
    /// one; a statement not next in the stream is looked up by id and the stream moves on after it.
    /// Which way it was read never changes the result. Call with non-decreasing `logSeq`.
    std::optional<StatementRecord> statement(const std::string& id, long long logSeq);

    /// How many statements name an entry in [from, to] as theirs (log_seq).
    long long statementsBoundIn(long long from, long long to);

    /// A page of the statements with seq > `afterSeq` that `where` selects (SQL over the columns
    /// of statements, portable, no placeholders), in seq order, at most `limit`; bodies and
    /// signatures are not read. Page on with the last one's seq.
    std::vector<StatementRecord> statementsWhere(const std::string& where, long long afterSeq, std::size_t limit);

    /// The last entry's seq; 0 when the log is empty.
    static long long lastSeq(Database& db);

    /// The chain hash stored at `seq`; empty when there is no such entry.
    static std::optional<std::string> chainHashAt(Database& db, long long seq);

private:
    class SQLite;
    bool nextPage(LogRow& row);

    static constexpr std::size_t kPage = 2000;

    Database& _db;
    long long _from, _to;
    std::unique_ptr<SQLite> _sqlite;
    std::deque<LogRow> _page;    ///< PostgreSQL: the rest of the current page
    bool _streamOpen = false;    ///< PostgreSQL: the statement stream of statement(id, logSeq)
    long long _streamAfter = -1; ///< the seq the next page starts after; -1: no more pages
    std::deque<StatementRecord> _streamed;
};

}
} // namespace sfe::store

#endif
