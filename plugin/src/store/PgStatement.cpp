//
// PgStatement.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/PgStatement.h"
#include "sfe/runtime/Error.h"
#include "sfe.h"

#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <Poco/NumberParser.h>

#include <libpq-fe.h>

#include <cctype>
#include <cstdio>

namespace sfe {
namespace store {

namespace {

/// The highest $n in a statement in PostgreSQL's dialect: how many values it takes.
int parameterCount(const std::string& sql)
{
    int highest = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < sql.size(); ++i)
    {
        if (sql[i] == '\'') quoted = !quoted;
        if (quoted || sql[i] != '$') continue;
        int n = 0;
        std::size_t j = i + 1;
        for (; j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j])); ++j) n = n * 10 + (sql[j] - '0');
        if (j > i + 1 && n > highest) highest = n;
    }
    return highest;
}

} // namespace

PgStatement::PgStatement(Database& db, const std::string& portableSql):
    _db(db),
    _sql(db.sql(portableSql))
{
    auto* session = dynamic_cast<Poco::Data::PostgreSQL::SessionImpl*>(db.session().impl());
    if (!session)
        throw runtime::Error(SFE_STORE, "the store " + db.target() + " is not a PostgreSQL database: cannot run " +
                                            Database::nameOf(_sql) + " through libpq");
    _connection = session->handle();
    const auto n = static_cast<std::size_t>(parameterCount(_sql));
    // Sized once: _values points into _numbers and _texts, which must not move.
    _values.assign(n, nullptr);
    _lengths.assign(n, 0);
    _formats.assign(n, 0);
    _numbers.resize(n);
    _texts.resize(n);
}

PgStatement::~PgStatement()
{
    if (_pipeline)
    {
        // Unfinished (an exception between queue() and finish()): drain what the server still owes,
        // so the connection is usable for the rollback that follows.
        try
        {
            sync();
        }
        catch (...)
        {}
    }
    clear(); // after the drain, which may keep rows
}

void PgStatement::set(int index, const char* data, std::size_t size, bool binary)
{
    if (index < 1 || static_cast<std::size_t>(index) > _values.size())
        throw runtime::Error(SFE_STORE, "cannot bind value " + std::to_string(index) + " of " + Database::nameOf(_sql) +
                                            ": it takes " + std::to_string(_values.size()));
    const auto i = static_cast<std::size_t>(index - 1);
    _values[i] = data;
    _lengths[i] = static_cast<int>(size);
    _formats[i] = binary ? 1 : 0;
}

void PgStatement::bind(int index, const std::string& value)
{
    // Copied: a temporary bound here (a value_or(), a concatenation) would be gone by execute().
    // Text parameters go as C strings: libpq reads up to the NUL and ignores the length.
    if (index >= 1 && static_cast<std::size_t>(index) <= _texts.size())
    {
        std::string& slot = _texts[static_cast<std::size_t>(index - 1)];
        slot = value;
        set(index, slot.c_str(), slot.size(), false);
    }
    else set(index, nullptr, 0, false);
}

void PgStatement::bind(int index, Poco::Int64 value)
{
    if (index >= 1 && static_cast<std::size_t>(index) <= _numbers.size())
    {
        std::string& slot = _numbers[static_cast<std::size_t>(index - 1)];
        slot = std::to_string(value);
        set(index, slot.c_str(), slot.size(), false);
    }
    else set(index, nullptr, 0, false);
}

void PgStatement::bind(int index, int value)
{
    bind(index, static_cast<Poco::Int64>(value));
}

void PgStatement::bind(int index, double value)
{
    if (index >= 1 && static_cast<std::size_t>(index) <= _numbers.size())
    {
        // 17 significant digits give back the same double.
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.17g", value);
        std::string& slot = _numbers[static_cast<std::size_t>(index - 1)];
        slot = buffer;
        set(index, slot.c_str(), slot.size(), false);
    }
    else set(index, nullptr, 0, false);
}

void PgStatement::bind(int index, const Poco::Data::BLOB& value)
{
    // A BLOB of no bytes is an empty bytea, not NULL: the pointer must not be null.
    static const char kEmpty = 0;
    set(index, value.size() ? reinterpret_cast<const char*>(value.rawContent()) : &kEmpty, value.size(), true);
}

void PgStatement::bindNull(int index)
{
    set(index, nullptr, 0, false);
}

void PgStatement::execute()
{
    if (_pipeline) sync();
    clear();
    pg_result* result = PQexecParams(_connection, _sql.c_str(), static_cast<int>(_values.size()), nullptr,
                                     _values.data(), _lengths.data(), _formats.data(), 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail("cannot run " + Database::nameOf(_sql), result);
    keep(result);
}

void PgStatement::keep(pg_result* result)
{
    const int n = PQntuples(result);
    if (n == 0)
    {
        PQclear(result);
        return;
    }
    _results.push_back(result);
    for (int r = 0; r < n; ++r) _rows.emplace_back(result, r);
}

void PgStatement::clear()
{
    for (pg_result* result : _results) PQclear(result);
    _results.clear();
    _rows.clear();
}

bool PgStatement::isNull(std::size_t row, int column) const
{
    const auto& [result, r] = _rows.at(row);
    return PQgetisnull(result, r, column) != 0;
}

std::string PgStatement::text(std::size_t row, int column) const
{
    const auto& [result, r] = _rows.at(row);
    return std::string(PQgetvalue(result, r, column), static_cast<std::size_t>(PQgetlength(result, r, column)));
}

std::string PgStatement::bytes(std::size_t row, int column) const
{
    if (isNull(row, column)) return std::string();
    const auto& [result, r] = _rows.at(row);
    std::size_t size = 0;
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result, r, column)), &size);
    if (!raw)
        throw runtime::Error(SFE_STORE, Database::nameOf(_sql) + " on the store " + _db.target() +
                                            " gave a value that is not bytea");
    std::string value(reinterpret_cast<const char*>(raw), size);
    PQfreemem(raw);
    return value;
}

Poco::Int64 PgStatement::integer(std::size_t row, int column) const
{
    Poco::Int64 value = 0;
    if (!Poco::NumberParser::tryParse64(text(row, column), value))
        throw runtime::Error(SFE_STORE, Database::nameOf(_sql) + " on the store " + _db.target() + " gave '" +
                                            text(row, column) + "' where it should give a number");
    return value;
}

void PgStatement::queue(std::size_t row)
{
    if (!_pipeline)
    {
        if (PQenterPipelineMode(_connection) != 1)
            fail("cannot start a pipeline for " + Database::nameOf(_sql) + " (the connection is busy)", nullptr);
        _pipeline = true;
        // The unnamed statement, parsed once for the whole pipeline; PostgreSQL replaces it at the
        // next unnamed Parse (Poco::Data names all of its statements).
        if (PQsendPrepare(_connection, "", _sql.c_str(), static_cast<int>(_values.size()), nullptr) != 1)
            fail("cannot send " + Database::nameOf(_sql), nullptr);
    }
    if (PQsendQueryPrepared(_connection, "", static_cast<int>(_values.size()), _values.data(), _lengths.data(),
                            _formats.data(), 0) != 1)
        fail("cannot send row " + std::to_string(row + 1) + " of " + Database::nameOf(_sql), nullptr);
    _queued.push_back(row);
    if (_queued.size() >= kPipelineRows) sync();
}

void PgStatement::finish()
{
    if (_pipeline) sync();
}

void PgStatement::sync()
{
    // Every result is read, even after a failure, so that the connection leaves pipeline mode clean.
    std::vector<std::size_t> rows;
    rows.swap(_queued);
    const bool sent = PQpipelineSync(_connection) == 1;
    pg_result* firstError = nullptr;
    std::string failedRow;
    // The Parse of the statement, once per pipeline, then one result per row.
    const std::size_t expected = rows.size() + 1;
    for (std::size_t i = 0; sent && i < expected; ++i)
    {
        pg_result* result = PQgetResult(_connection);
        if (!result) break; // the connection broke: nothing more will come
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_TUPLES_OK && i > 0) keep(result);
        else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_PIPELINE_ABORTED &&
                 !firstError)
        {
            firstError = result;
            failedRow = i == 0 ? "" : "row " + std::to_string(rows[i - 1] + 1) + " of ";
        }
        else PQclear(result);
        while ((result = PQgetResult(_connection)) != nullptr) PQclear(result); // the end of this command
    }
    if (sent)
        if (pg_result* result = PQgetResult(_connection)) PQclear(result); // PGRES_PIPELINE_SYNC
    // The next queue() starts a new pipeline, which parses the statement again.
    const bool left = PQexitPipelineMode(_connection) == 1;
    _pipeline = false;
    if (firstError) fail("cannot run " + failedRow + Database::nameOf(_sql), firstError);
    if (!sent || !left) fail("cannot finish the rows of " + Database::nameOf(_sql), nullptr);
}

void PgStatement::fail(const std::string& what, pg_result* result) const
{
    std::string why = result ? PQresultErrorMessage(result) : PQerrorMessage(_connection);
    while (!why.empty() && std::isspace(static_cast<unsigned char>(why.back()))) why.pop_back();
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlState = state ? state : "";
    PQclear(result);
    // lock_timeout passed (55P03) or a deadlock was broken (40P01): the store is busy, not broken.
    const bool busy = sqlState == "55P03" || sqlState == "40P01";
    throw runtime::Error(busy ? SFE_BUSY : SFE_STORE, what + " on the store " + _db.target() + ": " + why +
                                                          (sqlState.empty() ? "" : " (SQLSTATE " + sqlState + ")"));
}

}
} // namespace sfe::store
