//
// Checkpointer.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/Checkpointer.h"

#include "sfe/runtime/Time.h"
#include "sfe/store/Transaction.h"
#include "sfe/xapi/JsonWriter.h"
#include "sfe/xapi/Jws.h"
#include "sfe/xapi/Timestamp.h"

#include <Poco/JSON/Parser.h>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace service {

Checkpointer::Checkpointer(store::Database& db, std::shared_ptr<const SigningKeys> keys, int every, int seconds):
    _db(db),
    _keys(std::move(keys)),
    _every(every),
    _window(Poco::Timestamp::TimeDiff(seconds) * 1000000)
{}

std::string Checkpointer::payload(long long seq, const std::string& chainHash, const std::string& signedAt)
{
    std::string out;
    xapi::JsonWriter w(out);
    w.beginObject();
    w.key("seq");
    w.integer(seq);
    w.key("chainHash");
    w.string(chainHash);
    w.key("signedAt");
    w.string(signedAt);
    w.endObject();
    return out;
}

void Checkpointer::loadLast()
{
    // Read each time, under the write lock: another process writing to the same store may have
    // signed since (one indexed read per recording transaction).
    Poco::Nullable<Poco::Int64> seq;
    Poco::Nullable<std::string> at;
    _db.session() << "SELECT seq, signed_at FROM checkpoints ORDER BY seq DESC LIMIT 1", into(seq), into(at), now;
    _lastSeq = seq.isNull() ? 0 : seq.value();
    _lastTime = Poco::Timestamp(); // with no checkpoint yet, the window starts now
    if (!at.isNull())
        if (auto t = runtime::parseTime(at.value())) _lastTime = *t;
}

void Checkpointer::afterAppend(const store::LogEntry& head, const Poco::Timestamp& now)
{
    if (!enabled() || head.seq == 0) return;
    loadLast();
    if (head.seq <= _lastSeq) return;
    if (head.seq - _lastSeq >= _every || now - _lastTime >= _window) sign(head, now);
}

void Checkpointer::sign(const store::LogEntry& head, const Poco::Timestamp& when)
{
    std::string at = xapi::Timestamp::format(when);
    std::string jws = xapi::Jws::signRs256(payload(head.seq, head.chainHash, at), _keys->key(), _keys->keyId());
    Poco::Int64 seq = head.seq;
    std::string hash = head.chainHash, kid = _keys->keyId();
    _db.session() << _db.sql("INSERT INTO checkpoints(seq, chain_hash, signed_at, key_id, jws) VALUES (?, ?, ?, ?, ?)"),
        use(seq), use(hash), use(at), use(kid), use(jws), now;
    _lastSeq = head.seq;
    _lastTime = when;
}

std::optional<long long> Checkpointer::checkpointNow(const Poco::Timestamp& now)
{
    if (!enabled()) return std::nullopt;
    store::Transaction tx(_db);
    loadLast();
    auto head = store::EvidenceLog(_db).head();
    if (!head || head->seq <= _lastSeq) return head ? std::optional<long long>(_lastSeq) : std::nullopt;
    sign(*head, now);
    tx.commit();
    return head->seq;
}

AuditService::CheckpointVerifier Checkpointer::verifier() const
{
    if (!_keys) return {};
    auto keys = _keys;
    return [keys](long long seq, const std::string& chainHash, const std::string& jws, std::string& why) {
        auto signedPayload = xapi::Jws::verifyRs256(jws, keys->key(), why);
        // Signed by an earlier key (rotated with `keys generate --force`): its certificate verifies.
        for (std::size_t i = 0; !signedPayload && i < keys->previous().size(); ++i)
        {
            std::string ignored;
            signedPayload = xapi::Jws::verifyRs256(jws, *keys->previous()[i].key, ignored);
        }
        if (!signedPayload) return false;
        why.clear();
        try
        {
            Poco::JSON::Parser parser;
            auto p = parser.parse(*signedPayload).extract<Poco::JSON::Object::Ptr>();
            if (p->getValue<Poco::Int64>("seq") != seq || p->getValue<std::string>("chainHash") != chainHash)
            {
                why = "the signed seq or chain hash differs from the stored one";
                return false;
            }
        }
        catch (const Poco::Exception& e)
        {
            why = "the signed payload is not a checkpoint: " + e.message();
            return false;
        }
        return true;
    };
}

}
} // namespace sfe::service
