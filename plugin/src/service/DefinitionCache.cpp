//
// DefinitionCache.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/DefinitionCache.h"

#include "sfe/runtime/Error.h"

namespace sfe {
namespace service {

DefinitionCache::DefinitionCache(store::Database& db):
    _db(db)
{}

const store::StoredSkill& DefinitionCache::skill(const std::string& code, const std::string& definitionSha256)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto key = std::make_pair(code, definitionSha256);
    auto it = _skills.find(key);
    if (it != _skills.end()) return it->second;
    store::DefinitionRepository definitions(_db);
    auto stored = definitions.skill(code, definitionSha256);
    if (!stored)
        throw runtime::Error::notFound("skill " + code + " is not stored in definition version " + definitionSha256);
    return _skills.emplace(key, std::move(*stored)).first->second;
}

const store::StoredSkill* DefinitionCache::current(const std::string& code)
{
    std::optional<std::string> hash;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        auto it = _current.find(code);
        if (it != _current.end()) hash = it->second;
        else
        {
            store::DefinitionRepository definitions(_db);
            hash = definitions.currentVersion(code);
            _current[code] = hash;
        }
    }
    if (!hash) return nullptr;
    return &skill(code, *hash);
}

const store::StoredSkill* DefinitionCache::currentHolding(const std::string& responsibilityId)
{
    const auto dash = responsibilityId.find('-');
    if (dash == std::string::npos || dash == 0) return nullptr;
    const store::StoredSkill* s = current(responsibilityId.substr(0, dash));
    if (!s || !s->skill.responsibility(responsibilityId)) return nullptr;
    return s;
}

void DefinitionCache::preload()
{
    store::DefinitionRepository definitions(_db);
    std::vector<store::StoredSkill> skills = definitions.currentSkills();
    std::lock_guard<std::mutex> lock(_mutex);
    for (auto& s : skills)
    {
        const std::string code = s.skill.code;
        const std::string hash = s.definitionSha256;
        _current[code] = hash;
        _skills.emplace(std::make_pair(code, hash), std::move(s));
    }
}

void DefinitionCache::invalidate()
{
    std::lock_guard<std::mutex> lock(_mutex);
    _current.clear();
    ++_generation;
}

}
} // namespace sfe::service
