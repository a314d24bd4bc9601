//
// ProgressRepository.h
//
// Library: sfe_core
// Package: store
//
// Reads what decides a learner's progress, and keeps attainments.
//

#ifndef SFE_STORE_PROGRESSREPOSITORY_H
#define SFE_STORE_PROGRESSREPOSITORY_H

#include "sfe/store/Database.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace sfe {
namespace store {

/// One evidence record of a learner in one skill, joined with one of its responsibilities (a row
/// per responsibility; a record without responsibilities gives one row with none).
struct ProgressRow
{
    std::string evidenceId;
    std::string kind; ///< learning | demonstrated
    int level = 0;
    std::string verb;
    std::string outcome;        ///< "" for learning
    std::string activityId;     ///< "" for attestations
    std::string responsibility; ///< "" when the record names none
    bool withdrawn = false;
    bool verified = false; ///< an auditor verified it
    std::string occurredAt;
};

/// What the learner's view shows of one evidence record beyond the progress rows: who judged it,
/// against which definition version, and when an auditor first verified it. Read only for the
/// view and when a level becomes attained, never on the progress query's hot path.
struct EvidenceDetail
{
    std::string evidenceId;
    int level = 0;
    std::string kind; ///< learning | demonstrated
    std::string verb;
    std::string outcome;          ///< "" for learning
    std::string activityId;       ///< "" for attestations
    std::string assessor;         ///< "" for learning
    std::string definitionSha256; ///< the definition version it was recorded against
    std::string occurredAt;
    std::string firstVerifiedAt; ///< "" when no auditor verified it
};

/// An attained level, with its "achieved" statement.
struct Attainment
{
    std::string id;
    std::string learner;
    std::string skillCode;
    int level = 0;
    std::string rule;
    std::string attainedAt;
    std::string statementId;
};

/// The progress query runs for every progress view and after every demonstration, so it must
/// cost little more than SQLite reading the rows. On SQLite both reads (rows and attainments in
/// force) run as sqlite3 statements prepared once per connection and reused: Poco::Data's SQLite
/// connector prepares a statement again on every execute, which was half of a progress query's
/// time. Other connectors go through Poco::Data.
///
/// Thread-safe: each call reads through the calling thread's session (Database::session()); on
/// SQLite the prepared statements are kept per connection (sqlite3 handle), so threads holding
/// different sessions never share a statement. They are finalised when the repository is destroyed
/// (a connection the Database closed first stays open until then: sqlite3_close_v2).
class ProgressRepository
{
public:
    explicit ProgressRepository(Database& db);
    ~ProgressRepository();

    ProgressRepository(const ProgressRepository&) = delete;
    ProgressRepository& operator=(const ProgressRepository&) = delete;

    /// Reads the rows of a learner in a skill (all levels), ordered by level and recording order,
    /// into `rows`. Rows already in the vector are overwritten in place, so a caller that keeps its
    /// vector from call to call keeps the strings' buffers. Throws runtime::Error (SFE_STORE) when
    /// the store cannot be read.
    void rows(const std::string& learner, const std::string& skill, std::vector<ProgressRow>& rows);

    /// The same rows in a new vector.
    std::vector<ProgressRow> rows(const std::string& learner, const std::string& skill);

    /// The SQL text rows() runs, with `?` placeholders (parameters: learner, skill), so a baseline
    /// can read the same rows.
    static const char* rowsSql();

    /// The learner's records in a skill that are not withdrawn, in recording order, with what the
    /// view needs of them. Throws runtime::Error (SFE_STORE) when the store cannot be read.
    std::vector<EvidenceDetail> details(const std::string& learner, const std::string& skill);

    /// The attainment in force (not voided) for this learner, skill and level; empty if none.
    std::optional<Attainment> activeAttainment(const std::string& learner, const std::string& skill, int level);

    /// All attainments in force for a learner, optionally in one skill, ordered by skill and level.
    std::vector<Attainment> activeAttainments(const std::string& learner, const std::optional<std::string>& skill);

    void addAttainment(const Attainment& a);
    void voidAttainment(const std::string& id, const std::string& at, const std::string& voidingStatementId);

private:
    class SQLiteReads;

    /// The prepared statements of the calling thread's SQLite connection, prepared on first use.
    std::shared_ptr<SQLiteReads> sqliteReads();
    /// PostgreSQL: the same two reads through PgStatement, one round trip each (Poco::Data's
    /// connector made four).
    void rowsOnPostgreSQL(const std::string& learner, const std::string& skill, std::vector<ProgressRow>& rows);
    std::vector<Attainment> attainmentsOnPostgreSQL(const std::string& learner,
                                                    const std::optional<std::string>& skill);

    Database& _db;
    std::mutex _mutex;                                        ///< guards _sqlite
    std::map<sqlite3*, std::shared_ptr<SQLiteReads>> _sqlite; ///< per connection, on SQLite stores
};

}
} // namespace sfe::store

#endif
