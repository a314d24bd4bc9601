//
// ProgressBaseline.cpp
//
// Benchmark support: the plain indexed SQL query that reads the rows of a learner's progress,
// through the raw sqlite3 API, as the baseline the progress view is measured against.
//

#include "ProgressBaseline.h"

#include "sfe/store/ProgressRepository.h"

#include <sqlite3.h>

#include <stdexcept>

namespace sfe {
namespace bench {

namespace {

// The very query store::ProgressRepository runs (the plain way to ask for these rows): served by
// the covering index evidence_progress, the primary key of evidence_responsibilities and that of
// verifications. Sharing the text keeps "the same rows" true when the repository changes.
const char* const kRowsSql = store::ProgressRepository::rowsSql();

const char* const kAttainmentsSql =
    "SELECT id, learner, skill_code, level_number, rule, attained_at, statement_id FROM attainments"
    " WHERE learner = ? AND skill_code = ? AND voided_at IS NULL ORDER BY skill_code, level_number";

} // namespace

ProgressBaseline::ProgressBaseline(const std::string& storePath, const std::string& pragmas):
    _path(storePath)
{
    if (sqlite3_open_v2(storePath.c_str(), &_db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    {
        const std::string message = _db ? sqlite3_errmsg(_db) : "out of memory";
        sqlite3_close(_db);
        throw std::runtime_error("cannot open " + storePath + ": " + message);
    }
    if (!pragmas.empty() && sqlite3_exec(_db, pragmas.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
        fail("running " + pragmas);
    if (sqlite3_prepare_v3(_db, kRowsSql, -1, SQLITE_PREPARE_PERSISTENT, &_rows, nullptr) != SQLITE_OK)
        fail("preparing the rows query");
    if (sqlite3_prepare_v3(_db, kAttainmentsSql, -1, SQLITE_PREPARE_PERSISTENT, &_attainments, nullptr) != SQLITE_OK)
        fail("preparing the attainments query");
}

ProgressBaseline::~ProgressBaseline()
{
    sqlite3_finalize(_rows);
    sqlite3_finalize(_attainments);
    sqlite3_close(_db);
}

const char* ProgressBaseline::rowsSql()
{
    return kRowsSql;
}

std::size_t ProgressBaseline::rows(const std::string& learner, const std::string& skill)
{
    return run(_rows, learner, skill);
}

std::vector<std::string> ProgressBaseline::rowsAsText(const std::string& learner, const std::string& skill)
{
    sqlite3_bind_text(_rows, 1, learner.data(), static_cast<int>(learner.size()), SQLITE_STATIC);
    sqlite3_bind_text(_rows, 2, skill.data(), static_cast<int>(skill.size()), SQLITE_STATIC);
    std::vector<std::string> rows;
    int rc;
    while ((rc = sqlite3_step(_rows)) == SQLITE_ROW)
    {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(_rows); ++c)
        {
            if (c) row += '|';
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(_rows, c));
            row += text ? text : "NULL";
        }
        rows.push_back(std::move(row));
    }
    sqlite3_reset(_rows);
    if (rc != SQLITE_DONE) fail("stepping the rows query");
    return rows;
}

std::size_t ProgressBaseline::attainments(const std::string& learner, const std::string& skill)
{
    return run(_attainments, learner, skill);
}

std::size_t ProgressBaseline::run(sqlite3_stmt* statement, const std::string& learner, const std::string& skill)
{
    sqlite3_bind_text(statement, 1, learner.data(), static_cast<int>(learner.size()), SQLITE_STATIC);
    sqlite3_bind_text(statement, 2, skill.data(), static_cast<int>(skill.size()), SQLITE_STATIC);
    const int columns = sqlite3_column_count(statement);
    std::size_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW)
    {
        ++rows;
        for (int c = 0; c < columns; ++c)
        {
            if (sqlite3_column_type(statement, c) == SQLITE_INTEGER)
                _bytes += static_cast<std::size_t>(sqlite3_column_int(statement, c) != 0);
            else
            {
                sqlite3_column_text(statement, c);
                _bytes += static_cast<std::size_t>(sqlite3_column_bytes(statement, c));
            }
        }
    }
    sqlite3_reset(statement);
    if (rc != SQLITE_DONE) fail("stepping a query");
    return rows;
}

void ProgressBaseline::fail(const std::string& what) const
{
    throw std::runtime_error(_path + ": " + what + ": " + sqlite3_errmsg(_db));
}

}
} // namespace sfe::bench
