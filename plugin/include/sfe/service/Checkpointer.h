//
// Checkpointer.h
//
// Library: sfe_core
// Package: service
//
// Signs the head of the evidence log now and then, so that rewriting the log is detectable.
//

#ifndef SFE_SERVICE_CHECKPOINTER_H
#define SFE_SERVICE_CHECKPOINTER_H

#include "sfe/service/AuditService.h"
#include "sfe/service/SigningKeys.h"
#include "sfe/store/Database.h"
#include "sfe/store/EvidenceLog.h"

#include <Poco/Timestamp.h>

#include <memory>
#include <optional>
#include <string>

namespace sfe {
namespace service {

/// A checkpoint is a JWS (RS256) over {"seq":N,"chainHash":"...","signedAt":"..."}, stored with
/// the seq and chain hash it covers. One is made when `every` entries passed since the last, or
/// `seconds` passed and new entries exist — so signing costs one RSA signature per many records
/// and never bounds the recording rate. Without a signing key there are no checkpoints.
class Checkpointer
{
public:
    Checkpointer(store::Database& db, std::shared_ptr<const SigningKeys> keys, int every, int seconds);

    bool enabled() const { return _keys && _keys->canSign(); }

    /// Called inside the transaction that appended `head`; signs it when one is due.
    void afterAppend(const store::LogEntry& head, const Poco::Timestamp& now);

    /// Signs the current head now, if it is not signed yet. Returns the seq of the checkpoint that
    /// covers the head (new, or the last one when the head was signed already); empty when the log
    /// is empty or there is no key. Runs its own transaction.
    std::optional<long long> checkpointNow(const Poco::Timestamp& now);

    /// Checks a checkpoint's JWS against the public key: for AuditService.
    AuditService::CheckpointVerifier verifier() const;

    static std::string payload(long long seq, const std::string& chainHash, const std::string& signedAt);

private:
    void sign(const store::LogEntry& head, const Poco::Timestamp& now);
    /// Reads the last checkpoint (seq and time). Call inside a write transaction.
    void loadLast();

    store::Database& _db;
    std::shared_ptr<const SigningKeys> _keys;
    int _every;
    Poco::Timestamp::TimeDiff _window;
    long long _lastSeq = 0; ///< the last checkpoint, read inside each write transaction
    Poco::Timestamp _lastTime;
};

}
} // namespace sfe::service

#endif
