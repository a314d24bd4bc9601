//
// CheckpointRepository.h
//
// Library: sfe_core
// Package: store
//
// Reads the signed checkpoints of the evidence log.
//

#ifndef SFE_STORE_CHECKPOINTREPOSITORY_H
#define SFE_STORE_CHECKPOINTREPOSITORY_H

#include "sfe/store/Database.h"

#include <optional>
#include <string>

namespace sfe {
namespace store {

/// A stored checkpoint: a JWS over the chain hash of entry `seq`. Since each entry's chain hash
/// covers every entry before it, the checkpoint covers entries 1 to `seq`; `fromSeq` is the first
/// entry no earlier checkpoint covered.
struct CheckpointRecord
{
    long long seq = 0;
    long long fromSeq = 1;
    std::string chainHash;
    std::string signedAt;
    std::string keyId;
    std::string jws;
};

/// Reads checkpoints (service::Checkpointer writes them).
class CheckpointRepository
{
public:
    explicit CheckpointRepository(Database& db);

    /// The first checkpoint at or after log entry `seq`, which is the one that first covered it;
    /// empty when no checkpoint covers it yet.
    std::optional<CheckpointRecord> covering(long long seq);

private:
    Database& _db;
};

}
} // namespace sfe::store

#endif
