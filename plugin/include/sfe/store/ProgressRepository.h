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

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace store {

/// One evidence record of a learner in one skill, joined with one of its responsibilities (a row
/// per responsibility; a record without responsibilities gives one row with none).
struct ProgressRow
{
    std::string evidenceId;
    std::string kind;                       ///< learning | demonstrated
    int level = 0;
    std::string verb;
    std::string outcome;                    ///< "" for learning
    std::string activityId;                 ///< "" for attestations
    std::string responsibility;             ///< "" when the record names none
    bool withdrawn = false;
    bool verified = false;                  ///< an auditor verified it
    std::string occurredAt;
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
/// force) run as sqlite3 statements on the store's connection, prepared once per repository and
/// reused: Poco::Data's SQLite connector prepares a statement again on every execute, which was
/// half of a progress query's time. Other connectors go through Poco::Data.
///
/// Not thread-safe: one repository serves one caller at a time (Runtime serialises calls). Destroy
/// it before its Database: its statements must be finalised before the connection closes.
class ProgressRepository
{
public:
    explicit ProgressRepository(Database& db);
    ~ProgressRepository();

    ProgressRepository(const ProgressRepository&) = delete;
    ProgressRepository& operator=(const ProgressRepository&) = delete;

    /// The rows of a learner in a skill (all levels), ordered by level and recording order. The
    /// vector is the repository's own, valid until the next call. Throws runtime::Error (SFE_STORE)
    /// when the store cannot be read.
    const std::vector<ProgressRow>& rows(const std::string& learner, const std::string& skill);

    /// The SQL text rows() runs (parameters: learner, skill), so a baseline can read the same rows.
    static const char* rowsSql();

    /// The attainment in force (not voided) for this learner, skill and level; empty if none.
    std::optional<Attainment> activeAttainment(const std::string& learner, const std::string& skill, int level);

    /// All attainments in force for a learner, optionally in one skill, ordered by skill and level.
    std::vector<Attainment> activeAttainments(const std::string& learner, const std::optional<std::string>& skill);

    void addAttainment(const Attainment& a);
    void voidAttainment(const std::string& id, const std::string& at, const std::string& voidingStatementId);

private:
    class SQLiteReads;

    void rowsThroughPoco(const std::string& learner, const std::string& skill);
    std::vector<Attainment> attainmentsThroughPoco(const std::string& learner, const std::optional<std::string>& skill);

    Database& _db;
    std::unique_ptr<SQLiteReads> _sqlite;       ///< on SQLite stores
    std::vector<ProgressRow> _rows;
};

} } // namespace sfe::store

#endif
