//
// LearnerRefs.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/LearnerRefs.h"
#include "sfe/store/BatchInsert.h"
#include "sfe/store/KeyLookup.h"

#include <Poco/DigestEngine.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

std::string randomSalt()
{
    Poco::RandomInputStream random;
    unsigned char bytes[32];
    random.read(reinterpret_cast<char*>(bytes), sizeof bytes);
    return Poco::DigestEngine::digestToHex(Poco::DigestEngine::Digest(bytes, bytes + sizeof bytes));
}

std::string refOf(const std::string& salt, const std::string& id)
{
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(salt);
    sha.update(id);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

} // namespace

LearnerRefs::LearnerRefs(Database& db):
    _db(db)
{}

std::map<std::string, std::string> LearnerRefs::refs(const std::vector<std::string>& ids)
{
    std::lock_guard<std::mutex> lock(_mutex);
    std::map<std::string, std::string> result;
    std::vector<std::string> missing;
    for (const auto& id : ids)
    {
        if (result.count(id)) continue;
        auto it = _cache.find(id);
        if (it != _cache.end()) result[id] = it->second;
        else missing.push_back(id);
    }
    if (missing.empty()) return result;

    std::vector<std::string> foundIds, foundRefs;
    KeyLookup::rows(_db, "SELECT learner, ref FROM learner_refs WHERE learner = ?", missing, foundIds, foundRefs);
    for (std::size_t i = 0; i < foundIds.size(); ++i) result[foundIds[i]] = _cache[foundIds[i]] = foundRefs[i];
    std::vector<std::string> newIds, newRefs, newSalts;
    for (const auto& id : missing)
    {
        if (result.count(id)) continue;
        const std::string salt = randomSalt();
        newIds.push_back(id);
        newSalts.push_back(salt);
        newRefs.push_back(refOf(salt, id));
        result[id] = _cache[id] = newRefs.back();
    }
    if (!newIds.empty())
        BatchInsert::rows(_db, "INSERT INTO learner_refs(learner, ref, salt) VALUES (?, ?, ?)", newIds, newRefs,
                          newSalts);
    return result;
}

std::optional<std::string> LearnerRefs::find(const std::string& id)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _cache.find(id);
    if (it != _cache.end()) return it->second;
    std::string key = id;
    Poco::Nullable<std::string> ref;
    _db.session() << _db.sql("SELECT ref FROM learner_refs WHERE learner = ?"), use(key), into(ref), now;
    if (ref.isNull()) return std::nullopt;
    return _cache[id] = ref.value();
}

std::optional<std::string> LearnerRefs::erase(const std::string& id)
{
    auto ref = find(id);
    if (!ref) return std::nullopt;
    std::lock_guard<std::mutex> lock(_mutex);
    std::string key = id;
    _db.session() << _db.sql("DELETE FROM learner_refs WHERE learner = ?"), use(key), now;
    _cache.erase(id);
    return ref;
}

void LearnerRefs::clearCache()
{
    std::lock_guard<std::mutex> lock(_mutex);
    _cache.clear();
}

}
} // namespace sfe::store
