//
// ProgressRepository.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/ProgressRepository.h"

#include "sfe/runtime/Error.h"
#include "sfe/store/PgStatement.h"

#include "sfe.h"

#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>

#include <sqlite3.h>

#include <iterator>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

// COALESCE keeps every column non-null, so plain vectors can take them in one fetch. Served by the
// index evidence_progress (on SQLite it holds every column read here, in this order; on PostgreSQL
// it finds the learner's rows for the skill, migration 14) and the primary keys of
// evidence_responsibilities and verifications.
// Portable SQL with `?` placeholders: Database::sql() adapts it for Poco::Data.
const char* const kRowsSql =
    "SELECT e.id, e.kind, e.level_number, e.verb, COALESCE(e.outcome, ''),"
    " COALESCE(e.activity_id, ''), COALESCE(r.responsibility_id, ''),"
    " CASE WHEN e.withdrawn_at IS NULL THEN 0 ELSE 1 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM verifications v WHERE v.evidence_id = e.id) THEN 1 ELSE 0 END,"
    " e.occurred_at"
    " FROM evidence e LEFT JOIN evidence_responsibilities r ON r.evidence_id = e.id"
    " WHERE e.learner = ? AND e.skill_code = ? ORDER BY e.level_number, e.seq";

const char* const kAttainmentsSql =
    "SELECT id, learner, skill_code, level_number, rule, attained_at, statement_id FROM attainments"
    " WHERE learner = ? AND (? = 1 OR skill_code = ?) AND voided_at IS NULL"
    " ORDER BY skill_code, level_number";

/// How many connections keep prepared statements before unused ones are let go (the Database's
/// pool keeps 16 idle sessions, plus one per thread in a call).
constexpr std::size_t kMaxConnections = 64;

} // namespace

const char* ProgressRepository::rowsSql()
{
    return kRowsSql;
}

/// The two reads as sqlite3 statements on one connection, prepared on first use. Each run binds,
/// steps every row and resets, also when it throws, so no statement holds a read transaction
/// open between calls. A connection serves one thread at a time (its Lease); the mutex keeps a
/// second thread off the statements all the same.
class ProgressRepository::SQLiteReads
{
public:
    SQLiteReads(Database& db, sqlite3* handle):
        _db(db),
        _handle(handle)
    {}

    ~SQLiteReads()
    {
        sqlite3_finalize(_rows);
        sqlite3_finalize(_attainments);
    }

    SQLiteReads(const SQLiteReads&) = delete;
    SQLiteReads& operator=(const SQLiteReads&) = delete;

    void rows(const std::string& learner, const std::string& skill, std::vector<ProgressRow>& into)
    {
        std::lock_guard<std::mutex> lock(_mutex);
        Run run(*this, prepared(_rows, kRowsSql), "the evidence", learner);
        run.bind(1, learner);
        run.bind(2, skill);
        // Rows already in the vector are overwritten in place: their strings keep their buffers.
        std::size_t n = 0;
        while (run.step())
        {
            if (n == into.size()) into.emplace_back();
            ProgressRow& row = into[n++];
            run.text(0, row.evidenceId);
            run.text(1, row.kind);
            row.level = sqlite3_column_int(run.statement, 2);
            run.text(3, row.verb);
            run.text(4, row.outcome);
            run.text(5, row.activityId);
            run.text(6, row.responsibility);
            row.withdrawn = sqlite3_column_int(run.statement, 7) != 0;
            row.verified = sqlite3_column_int(run.statement, 8) != 0;
            run.text(9, row.occurredAt);
        }
        into.resize(n);
    }

    std::vector<Attainment> attainments(const std::string& learner, const std::optional<std::string>& skill)
    {
        std::lock_guard<std::mutex> lock(_mutex);
        Run run(*this, prepared(_attainments, kAttainmentsSql), "the attainments", learner);
        run.bind(1, learner);
        if (sqlite3_bind_int(run.statement, 2, skill ? 0 : 1) != SQLITE_OK) run.fail();
        static const std::string kAnySkill; // bound SQLITE_STATIC: must outlive the run, unlike a temporary
        run.bind(3, skill ? *skill : kAnySkill);
        std::vector<Attainment> result;
        while (run.step())
        {
            Attainment& a = result.emplace_back();
            run.text(0, a.id);
            run.text(1, a.learner);
            run.text(2, a.skillCode);
            a.level = sqlite3_column_int(run.statement, 3);
            run.text(4, a.rule);
            run.text(5, a.attainedAt);
            run.text(6, a.statementId);
        }
        return result;
    }

private:
    /// One execution of a prepared statement; resets it and clears its bindings when it ends.
    struct Run
    {
        Run(SQLiteReads& reads, sqlite3_stmt* s, const char* w, const std::string& l):
            owner(reads),
            statement(s),
            what(w),
            learner(l)
        {}

        ~Run()
        {
            sqlite3_reset(statement);
            sqlite3_clear_bindings(statement);
        }

        void bind(int index, const std::string& value)
        {
            // SQLITE_STATIC: the caller's string outlives the run, which resets the statement.
            if (sqlite3_bind_text(statement, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC) !=
                SQLITE_OK)
                fail();
        }

        bool step()
        {
            const int rc = sqlite3_step(statement);
            if (rc == SQLITE_ROW) return true;
            if (rc != SQLITE_DONE) fail();
            return false;
        }

        void text(int column, std::string& into) const
        {
            const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
            into.assign(data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
        }

        [[noreturn]] void fail() const
        {
            throw runtime::Error(SFE_STORE, std::string("cannot read ") + what + " of learner " + learner +
                                                " from the store " + owner._db.target() + ": " +
                                                sqlite3_errmsg(owner._handle));
        }

        SQLiteReads& owner;
        sqlite3_stmt* statement;
        const char* what; ///< what is read, for messages
        const std::string& learner;
    };

    sqlite3_stmt* prepared(sqlite3_stmt*& statement, const char* sql)
    {
        if (!statement &&
            sqlite3_prepare_v3(_handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
        {
            const std::string message = sqlite3_errmsg(_handle);
            sqlite3_finalize(statement);
            statement = nullptr;
            throw runtime::Error(SFE_STORE,
                                 "cannot prepare the progress query on the store " + _db.target() + ": " + message);
        }
        return statement;
    }

    Database& _db;
    sqlite3* _handle;
    std::mutex _mutex;
    sqlite3_stmt* _rows = nullptr;
    sqlite3_stmt* _attainments = nullptr;
};

ProgressRepository::ProgressRepository(Database& db):
    _db(db)
{}

ProgressRepository::~ProgressRepository() = default;

std::shared_ptr<ProgressRepository::SQLiteReads> ProgressRepository::sqliteReads()
{
    sqlite3* handle = Poco::Data::SQLite::Utility::dbHandle(_db.session());
    if (!handle) throw runtime::Error(SFE_STORE, "cannot read progress: the store " + _db.target() + " is closed");
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _sqlite.find(handle);
    if (it != _sqlite.end()) return it->second;
    // Connections come and go with the Database's pool, and one it closes stays allocated (a
    // zombie, sqlite3_close_v2) while statements prepared on it remain, so its address is never
    // reused meanwhile. Past a bound, let go of the statements no call is using: a live connection
    // prepares them again on its next call, a closed one is freed. (SQLite is serialised, so
    // finalising here while the connection's thread runs other statements is safe.)
    if (_sqlite.size() >= kMaxConnections)
        for (auto i = _sqlite.begin(); i != _sqlite.end();)
            i = i->second.use_count() == 1 ? _sqlite.erase(i) : std::next(i);
    return _sqlite.emplace(handle, std::make_shared<SQLiteReads>(_db, handle)).first->second;
}

void ProgressRepository::rows(const std::string& learner, const std::string& skill, std::vector<ProgressRow>& rows)
{
    if (_db.isSQLite()) sqliteReads()->rows(learner, skill, rows);
    else rowsOnPostgreSQL(learner, skill, rows);
}

std::vector<ProgressRow> ProgressRepository::rows(const std::string& learner, const std::string& skill)
{
    std::vector<ProgressRow> result;
    rows(learner, skill, result);
    return result;
}

void ProgressRepository::rowsOnPostgreSQL(const std::string& learner, const std::string& skill,
                                          std::vector<ProgressRow>& rows)
{
    try
    {
        PgStatement select(_db, kRowsSql);
        select.bind(1, learner);
        select.bind(2, skill);
        select.execute();
        rows.resize(select.rows());
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = {select.text(i, 0), select.text(i, 1),         static_cast<int>(select.integer(i, 2)),
                       select.text(i, 3), select.text(i, 4),         select.text(i, 5),
                       select.text(i, 6), select.integer(i, 7) != 0, select.integer(i, 8) != 0,
                       select.text(i, 9)};
    }
    catch (const runtime::Error& e)
    {
        throw runtime::Error(e.status(), "cannot read the evidence of learner " + learner + ": " + e.message());
    }
}

std::vector<EvidenceDetail> ProgressRepository::details(const std::string& learner, const std::string& skill)
{
    std::string who = learner, code = skill;
    std::vector<std::string> ids, kinds, verbs, outcomes, activities, assessors, definitions, occurred, verified;
    std::vector<int> levels;
    try
    {
        _db.session() << _db.sql(
            "SELECT e.id, e.level_number, e.kind, e.verb, COALESCE(e.outcome, ''),"
            " COALESCE(e.activity_id, ''), COALESCE(e.assessor, ''), e.definition_sha256,"
            " e.occurred_at,"
            " COALESCE((SELECT MIN(v.verified_at) FROM verifications v WHERE v.evidence_id = e.id), '')"
            " FROM evidence e WHERE e.learner = ? AND e.skill_code = ? AND e.withdrawn_at IS NULL"
            " ORDER BY e.seq"),
            use(who), use(code), into(ids), into(levels), into(kinds), into(verbs), into(outcomes), into(activities),
            into(assessors), into(definitions), into(occurred), into(verified), now;
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error(SFE_STORE, "cannot read the evidence of learner " + learner + " from the store " +
                                            _db.target() + ": " + e.displayText());
    }
    std::vector<EvidenceDetail> result(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        result[i] = {std::move(ids[i]),       levels[i],
                     std::move(kinds[i]),     std::move(verbs[i]),
                     std::move(outcomes[i]),  std::move(activities[i]),
                     std::move(assessors[i]), std::move(definitions[i]),
                     std::move(occurred[i]),  std::move(verified[i])};
    return result;
}

std::optional<Attainment> ProgressRepository::activeAttainment(const std::string& learner, const std::string& skill,
                                                               int level)
{
    for (auto& a : activeAttainments(learner, skill))
        if (a.level == level) return a;
    return std::nullopt;
}

std::vector<Attainment> ProgressRepository::activeAttainments(const std::string& learner,
                                                              const std::optional<std::string>& skill)
{
    return _db.isSQLite() ? sqliteReads()->attainments(learner, skill) : attainmentsOnPostgreSQL(learner, skill);
}

std::vector<Attainment> ProgressRepository::attainmentsOnPostgreSQL(const std::string& learner,
                                                                    const std::optional<std::string>& skill)
{
    try
    {
        const std::string code = skill.value_or(std::string());
        PgStatement select(_db, kAttainmentsSql);
        select.bind(1, learner);
        select.bind(2, skill ? 0 : 1);
        select.bind(3, code);
        select.execute();
        std::vector<Attainment> result(select.rows());
        for (std::size_t i = 0; i < result.size(); ++i)
            result[i] = {
                select.text(i, 0), select.text(i, 1), select.text(i, 2), static_cast<int>(select.integer(i, 3)),
                select.text(i, 4), select.text(i, 5), select.text(i, 6)};
        return result;
    }
    catch (const runtime::Error& e)
    {
        throw runtime::Error(e.status(), "cannot read the attainments of learner " + learner + ": " + e.message());
    }
}

void ProgressRepository::addAttainment(const Attainment& a)
{
    std::string id = a.id, learner = a.learner, skill = a.skillCode, rule = a.rule, at = a.attainedAt,
                statement = a.statementId;
    int level = a.level;
    _db.session() << _db.sql("INSERT INTO attainments(id, learner, skill_code, level_number, rule, attained_at,"
                             " statement_id) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        use(id), use(learner), use(skill), use(level), use(rule), use(at), use(statement), now;
}

void ProgressRepository::voidAttainment(const std::string& id, const std::string& at,
                                        const std::string& voidingStatementId)
{
    std::string key = id, when = at, voiding = voidingStatementId;
    _db.session() << _db.sql("UPDATE attainments SET voided_at = ?, voiding_statement_id = ? WHERE id = ?"), use(when),
        use(voiding), use(key), now;
}

}
} // namespace sfe::store
