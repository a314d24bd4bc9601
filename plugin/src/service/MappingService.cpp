//
// MappingService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/MappingService.h"

#include "sfe/runtime/Error.h"
#include "sfe/service/StatementFactory.h"
#include "sfe/store/Transaction.h"
#include "sfe/xapi/Timestamp.h"
#include "sfe/xapi/Uuid.h"

#include <algorithm>
#include <set>

namespace sfe {
namespace service {

namespace {

// The activity id is a key, and so is its IRI (made from it, percent-encoded, up to three times as
// long); PostgreSQL refuses index entries over 2704 bytes, so both stores take the same bound.
constexpr std::size_t kMaxActivityIdLength = 512;

bool validType(const std::string& type)
{
    return type == "course" || type == "module" || type == "assessment" || type == "task";
}

} // namespace

MappingService::MappingService(store::Database& db, DefinitionCache& definitions, const StatementFactory& statements):
    _db(db),
    _definitions(definitions),
    _statements(statements)
{
}

store::MappingRecord MappingService::map(const MapRequest& request, const Poco::Timestamp& now)
{
    const store::StoredSkill* skill = _definitions.current(request.skill);
    if (!skill) throw runtime::Error::notFound("map: no skill with code '" + request.skill + "' has been imported");
    const definition::Level* level = skill->skill.level(request.level);
    if (request.level < 1 || request.level > 7)
        throw runtime::Error::invalid("map: level " + std::to_string(request.level) + " is not a level from 1 to 7");
    if (!level || !level->defined)
        throw runtime::Error::invalid("map: level " + std::to_string(request.level) + " of " + request.skill +
                                      " is not defined, so no activity can develop it");
    const std::string type = request.type.value_or("course");
    if (!validType(type))
        throw runtime::Error::invalid("map: type '" + type + "' is not one of course, module, assessment, task");
    if (request.activity.empty()) throw runtime::Error::invalid("map: the activity id must not be empty");
    if (request.activity.size() > kMaxActivityIdLength)
        throw runtime::Error::invalid("map: the activity id is longer than " + std::to_string(kMaxActivityIdLength) +
                                      " bytes");

    store::MappingRecord m;
    m.id = xapi::Uuid::random();
    m.skillCode = request.skill;
    m.level = request.level;
    m.definitionSha256 = skill->definitionSha256;
    m.createdAt = xapi::Timestamp::format(now);
    std::set<std::string> seen;
    for (const std::string& id : request.responsibilities)
    {
        const definition::Responsibility* r = nullptr;
        for (const auto& candidate : level->responsibilities)
            if (candidate.id == id) r = &candidate;
        if (!r)
            throw runtime::Error::invalid("map: '" + id + "' is not a responsibility of " + request.skill + " level " +
                                          std::to_string(request.level));
        if (seen.insert(id).second) m.responsibilities.push_back({id, r->textSha256});
    }

    store::MappingRepository repo(_db);
    store::Transaction tx(_db);
    auto existing = repo.activity(request.activity);
    store::ActivityRecord activity;
    if (existing)
    {
        activity = *existing;
        if (request.name) activity.name = *request.name;
        if (request.type) activity.type = type;
    }
    else
    {
        activity.id = request.activity;
        activity.iri = _statements.activityIri(request.activity);
        activity.name = request.name.value_or(request.activity);
        activity.type = type;
        activity.createdAt = m.createdAt;
    }
    repo.saveActivity(activity);
    m.activity = activity;
    for (const auto& old : repo.activeMappings(request.skill, activity.id))
        if (old.level == request.level) repo.removeMapping(old.id, m.createdAt);
    repo.addMapping(m);
    tx.commit();
    _definitions.invalidate();
    return m;
}

std::vector<std::string> MappingService::unmap(const std::optional<std::string>& mappingId,
                                               const std::optional<std::string>& activity,
                                               const std::optional<std::string>& skill,
                                               const std::optional<int>& level, const Poco::Timestamp& now)
{
    if (!mappingId && !activity) throw runtime::Error::invalid("unmap: give an activity or a mapping id");
    store::MappingRepository repo(_db);
    store::Transaction tx(_db);
    const std::string at = xapi::Timestamp::format(now);
    std::vector<std::string> removed;
    if (mappingId)
    {
        if (repo.removeMapping(*mappingId, at)) removed.push_back(*mappingId);
    }
    else
    {
        auto known = repo.activity(*activity);
        if (known)
            for (const auto& m : repo.activeMappings(skill, known->id))
                if ((!level || m.level == *level) && repo.removeMapping(m.id, at)) removed.push_back(m.id);
    }
    if (removed.empty())
        throw runtime::Error::notFound("unmap: no active mapping matches " +
                                       (mappingId ? "id " + *mappingId : "activity '" + *activity + "'"));
    tx.commit();
    _definitions.invalidate();
    return removed;
}

std::vector<store::MappingRecord> MappingService::mappings(const std::optional<std::string>& skill)
{
    store::MappingRepository repo(_db);
    return repo.activeMappings(skill);
}

std::vector<LevelCoverage> MappingService::coverage(const std::string& code)
{
    const store::StoredSkill* skill = _definitions.current(code);
    if (!skill) throw runtime::Error::notFound("coverage: no skill with code '" + code + "' has been imported");
    store::MappingRepository repo(_db);
    const auto mappings = repo.activeMappings(code);
    std::vector<LevelCoverage> result;
    for (const definition::Level& level : skill->skill.levels)
    {
        if (!level.defined) continue;
        LevelCoverage c;
        c.level = level.number;
        for (const auto& m : mappings)
            if (m.level == level.number && m.responsibilities.empty()) c.levelWideActivities.push_back(m.activity.id);
        for (const auto& r : level.responsibilities)
        {
            c.responsibilities.push_back(r.id);
            std::vector<std::string> activities;
            for (const auto& m : mappings)
                for (const auto& mr : m.responsibilities)
                    if (mr.id == r.id) activities.push_back(m.activity.id);
            if (activities.empty()) c.uncovered.push_back(r.id);
            c.coveredBy.emplace_back(r.id, activities);
        }
        result.push_back(std::move(c));
    }
    return result;
}

std::vector<std::string> MappingService::reviewAfterImport(const definition::Definition& d, const std::string& at)
{
    store::MappingRepository repo(_db);
    std::vector<std::string> flagged;
    for (const definition::Skill& skill : d.skills)
    {
        for (const auto& m : repo.activeMappings(skill.code))
        {
            if (m.definitionSha256 == d.contentSha256) continue;
            std::vector<std::string> reasons;
            const definition::Level* level = skill.level(m.level);
            if (!level || !level->defined)
                reasons.push_back("level " + std::to_string(m.level) + " is no longer defined");
            else if (m.responsibilities.empty())
            {
                // A mapping to the level as a whole refers to all of the level's text.
                const definition::Level* before = _definitions.skill(skill.code, m.definitionSha256).skill.level(m.level);
                if (!before || before->textSha256 != level->textSha256)
                    reasons.push_back("level " + std::to_string(m.level) + " changed its text");
            }
            else
            {
                for (const auto& mr : m.responsibilities)
                {
                    const definition::Responsibility* r = skill.responsibility(mr.id);
                    if (!r || r->textSha256 != mr.textSha256 ||
                        std::none_of(level->responsibilities.begin(), level->responsibilities.end(),
                                     [&](const auto& lr) { return lr.id == mr.id; }))
                        reasons.push_back(mr.id + (r ? " changed its text" : " no longer exists"));
                }
            }
            if (reasons.empty())
            {
                repo.moveMapping(m.id, d.contentSha256);
                continue;
            }
            std::string reason = "definition " + d.contentSha256.substr(0, 12) + ":";
            for (const auto& r : reasons) reason += " " + r + ";";
            reason.pop_back();
            repo.flagMapping(m.id, at, reason);
            flagged.push_back(m.id);
        }
    }
    return flagged;
}

} } // namespace sfe::service
