//
// ProgressService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/ProgressService.h"

#include "sfe/runtime/Error.h"
#include "sfe/service/StatementFactory.h"
#include "sfe/service/Vocabulary.h"
#include "sfe/xapi/Uuid.h"

#include <algorithm>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace service {

namespace {

void addOnce(std::vector<std::string>& list, const std::string& id)
{
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
}

} // namespace

ProgressService::ProgressService(store::Database& db, DefinitionCache& definitions,
                                 const StatementFactory& statements, AttainmentRule rule):
    _db(db),
    _definitions(definitions),
    _statements(statements),
    _rule(std::move(rule)),
    _repo(db)
{
}

std::shared_ptr<const std::vector<store::MappingRecord>> ProgressService::mappingsOf(const std::string& skill)
{
    const long generation = _definitions.generation();
    {
        std::lock_guard<std::mutex> lock(_mappingsMutex);
        auto it = _mappings.find(skill);
        if (it != _mappings.end() && it->second.first == generation) return it->second.second;
    }
    // Read outside the lock: other threads' progress views need not wait for this read.
    store::MappingRepository repo(_db);
    auto mappings = std::make_shared<const std::vector<store::MappingRecord>>(repo.activeMappings(skill));
    std::lock_guard<std::mutex> lock(_mappingsMutex);
    _mappings.insert_or_assign(skill, std::make_pair(generation, mappings));
    return mappings;
}

SkillProgress ProgressService::progress(const std::string& learner, const std::string& skill)
{
    const store::StoredSkill* stored = _definitions.current(skill);
    if (!stored) throw runtime::Error::notFound("progress: no skill with code '" + skill + "' has been imported");
    return compute(learner, *stored);
}

std::vector<std::string> ProgressService::skillsOf(const std::string& learner)
{
    std::string who = learner;
    std::vector<std::string> skills;
    _db.session() << _db.sql("SELECT DISTINCT skill_code FROM evidence WHERE learner = ?"), use(who), into(skills),
        now;
    std::sort(skills.begin(), skills.end());    // byte order, whatever the database's collation
    return skills;
}

SkillProgress ProgressService::compute(const std::string& learner, const store::StoredSkill& stored)
{
    SkillProgress p;
    p.learner = learner;
    p.skill = stored.skill.code;
    p.definitionSha256 = stored.definitionSha256;
    p.rule = _rule.name();

    const auto mappingsHeld = mappingsOf(stored.skill.code);
    const std::vector<store::MappingRecord>& mappings = *mappingsHeld;
    p.levels.reserve(stored.skill.levels.size());
    for (const definition::Level& l : stored.skill.levels)
    {
        LevelProgress& lp = p.levels.emplace_back();
        lp.level = l.number;
        lp.defined = l.defined;
        lp.responsibilities.reserve(l.responsibilities.size());
        for (const auto& r : l.responsibilities) lp.responsibilities.push_back({r.id, {}, {}, {}, {}});
        for (const auto& m : mappings)
            if (m.level == l.number) ++lp.activitiesTotal;
    }
    auto levelOf = [&](int number) -> LevelProgress* {
        for (auto& l : p.levels)
            if (l.level == number) return &l;
        return nullptr;
    };

    // One vector per thread, kept from call to call: the rows' strings keep their buffers.
    thread_local std::vector<store::ProgressRow> rows;
    _repo.rows(learner, stored.skill.code, rows);
    for (const store::ProgressRow& row : rows)
    {
        if (row.withdrawn) continue;
        LevelProgress* level = levelOf(row.level);
        if (!level) continue;
        if (row.kind == "learning")
        {
            if (row.verb == "failed") continue;
            bool mapped = false;
            for (const auto& m : mappings)
                if (m.level == row.level && m.activity.id == row.activityId) mapped = true;
            if (mapped) addOnce(level->activitiesDone, row.activityId);
            if (row.responsibility.empty())
            {
                addOnce(level->levelWideLearning, row.evidenceId);
                continue;
            }
        }
        for (auto& r : level->responsibilities)
        {
            if (r.id != row.responsibility) continue;
            if (row.kind == "learning") addOnce(r.learning, row.evidenceId);
            else if (row.outcome == "demonstrated")
            {
                addOnce(r.demonstrated, row.evidenceId);
                if (row.verified) addOnce(r.verified, row.evidenceId);
            }
            else addOnce(r.otherAttestations, row.evidenceId);
        }
    }
    for (auto& level : p.levels) level.attained = _rule.attained(level, level.why);
    for (auto& a : _repo.activeAttainments(learner, stored.skill.code))
        if (LevelProgress* level = levelOf(a.level)) level->attainment = a;
    return p;
}

std::vector<store::StatementRecord> ProgressService::reevaluate(
    const std::set<std::pair<std::string, std::string>>& affected, const std::string& at,
    const std::function<void(const xapi::Statement&, store::StatementRecord&)>& seal)
{
    std::vector<store::StatementRecord> statements;
    for (const auto& [learner, code] : affected)
    {
        const store::StoredSkill* stored = _definitions.current(code);
        if (!stored) continue;
        SkillProgress p = compute(learner, *stored);
        for (const LevelProgress& level : p.levels)
        {
            if (level.attained == level.attainment.has_value()) continue;
            store::StatementRecord s;
            s.id = xapi::Uuid::random();
            s.learner = learner;
            s.nextAttemptAt = at;
            s.createdAt = at;
            if (level.attained)
            {
                s.kind = vocabulary::kKindLevelAchieved;
                seal(_statements.achievement(s.id, learner, level.level, *stored, at), s);
                _repo.addAttainment({xapi::Uuid::random(), learner, code, level.level, _rule.name(), at, s.id});
            }
            else
            {
                s.kind = vocabulary::kKindVoided;
                s.voidsStatementId = level.attainment->statementId;
                seal(_statements.voiding(s.id, level.attainment->statementId, at), s);
                _repo.voidAttainment(level.attainment->id, at, s.id);
            }
            statements.push_back(std::move(s));
        }
    }
    return statements;
}

} } // namespace sfe::service
