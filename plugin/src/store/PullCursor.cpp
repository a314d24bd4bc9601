//
// PullCursor.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/PullCursor.h"

#include "sfe/store/Transaction.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <sstream>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

PullCursor::PullCursor(Database& db):
    _db(db)
{}

std::optional<FeedPosition> PullCursor::load(const std::string& lrs)
{
    std::string key = lrs;
    Poco::Data::Statement select(_db.session());
    select << _db.sql("SELECT stored, ids FROM pull_cursor WHERE lrs = ?"), use(key), now;
    Poco::Data::RecordSet rs(select);
    if (!rs.moveFirst()) return std::nullopt;
    FeedPosition position;
    position.stored = rs["stored"].convert<std::string>();
    // Statement ids are UUIDs: a space never occurs in one.
    std::istringstream ids(rs["ids"].convert<std::string>());
    for (std::string id; ids >> id;) position.ids.push_back(id);
    return position;
}

void PullCursor::save(const std::string& lrs, const FeedPosition& position, const std::string& at)
{
    std::string key = lrs, stored = position.stored, ids, when = at;
    for (const std::string& id : position.ids) ids += (ids.empty() ? "" : " ") + id;
    Transaction tx(_db);
    _db.session() << _db.sql("DELETE FROM pull_cursor WHERE lrs = ?"), use(key), now;
    _db.session() << _db.sql("INSERT INTO pull_cursor(lrs, stored, ids, updated_at) VALUES (?, ?, ?, ?)"), use(key),
        use(stored), use(ids), use(when), now;
    tx.commit();
}

}
} // namespace sfe::store
