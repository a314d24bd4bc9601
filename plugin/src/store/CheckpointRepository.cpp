//
// CheckpointRepository.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/CheckpointRepository.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

CheckpointRepository::CheckpointRepository(Database& db):
    _db(db)
{}

std::optional<CheckpointRecord> CheckpointRepository::covering(long long seq)
{
    Poco::Int64 entry = seq;
    Poco::Data::Statement select(_db.session());
    select << _db.sql("SELECT seq, chain_hash, signed_at, key_id, jws FROM checkpoints WHERE seq >= ?"
                      " ORDER BY seq LIMIT 1"),
        use(entry), now;
    Poco::Data::RecordSet rs(select);
    if (!rs.moveFirst()) return std::nullopt;
    CheckpointRecord c;
    c.seq = rs["seq"].convert<Poco::Int64>();
    c.chainHash = rs["chain_hash"].convert<std::string>();
    c.signedAt = rs["signed_at"].convert<std::string>();
    c.keyId = rs["key_id"].convert<std::string>();
    c.jws = rs["jws"].convert<std::string>();
    Poco::Nullable<Poco::Int64> previous;
    _db.session() << _db.sql("SELECT MAX(seq) FROM checkpoints WHERE seq < ?"), use(entry), into(previous), now;
    c.fromSeq = previous.isNull() ? 1 : previous.value() + 1;
    return c;
}

}
} // namespace sfe::store
