//
// Migrations.h
//
// Library: sfe_core
// Package: store
//
// The store's schema, as an ordered list of versioned migrations.
//

#ifndef SFE_STORE_MIGRATIONS_H
#define SFE_STORE_MIGRATIONS_H

#include <functional>
#include <string>
#include <vector>

namespace sfe {
namespace store {

class Database;

/// One step of the schema. Statements are portable SQL (SQLite and PostgreSQL): TEXT, INTEGER,
/// BIGINT, DOUBLE PRECISION, VARCHAR(n); no AUTOINCREMENT or SERIAL (see Database::nextSequence);
/// times are RFC 3339 UTC strings, which sort in time order.
struct Migration
{
    int version;
    std::string description;
    std::vector<std::string> statements;
    /// Run after `statements`, in the same transaction, for what portable SQL cannot do (column
    /// types that differ by dialect, rows converted by C++ code); empty for most migrations.
    std::function<void(Database&)> convert = nullptr;
};

/// All migrations, in version order. A migration once released is never edited, only followed.
const std::vector<Migration>& migrations();

}
} // namespace sfe::store

#endif
