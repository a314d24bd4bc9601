//
// ProgressService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/ProgressService.h"

#include "sfe/runtime/Error.h"
#include "sfe/runtime/Time.h"
#include "sfe/service/ProgressView.h"
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

bool contains(const std::vector<std::string>& list, const std::string& id)
{
    return std::find(list.begin(), list.end(), id) != list.end();
}

/// The detail of the record with this id; null if the record is not in `details` (withdrawn).
const store::EvidenceDetail* detailOf(const std::vector<store::EvidenceDetail>& details, const std::string& id)
{
    for (const auto& d : details)
        if (d.evidenceId == id) return &d;
    return nullptr;
}

/// The earliest of `ids` by `time` (times are all "YYYY-MM-DDTHH:MM:SS.sssZ", so text order is
/// time order); ties keep the first recorded. Null if none has a detail.
template<typename Time>
const store::EvidenceDetail* earliest(const std::vector<store::EvidenceDetail>& details,
                                      const std::vector<std::string>& ids, Time time)
{
    const store::EvidenceDetail* best = nullptr;
    for (const auto& id : ids)
    {
        const store::EvidenceDetail* d = detailOf(details, id);
        if (d && !time(*d).empty() && (!best || time(*d) < time(*best))) best = d;
    }
    return best;
}

const std::string& occurred(const store::EvidenceDetail& d)
{
    return d.occurredAt;
}

const std::string& verifiedAt(const store::EvidenceDetail& d)
{
    return d.firstVerifiedAt;
}

/// The first completion or pass of a mapped activity at a level; null if none.
const store::EvidenceDetail* firstCompletion(const std::vector<store::EvidenceDetail>& details, int level,
                                             const std::string& activityId)
{
    const store::EvidenceDetail* best = nullptr;
    for (const auto& d : details)
        if (d.kind == "learning" && d.verb != "failed" && d.level == level && d.activityId == activityId &&
            (!best || d.occurredAt < best->occurredAt))
            best = &d;
    return best;
}

} // namespace

ProgressService::ProgressService(store::Database& db, DefinitionCache& definitions, const StatementFactory& statements,
                                 AttainmentRule rule):
    _db(db),
    _definitions(definitions),
    _statements(statements),
    _rule(std::move(rule)),
    _repo(db)
{}

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

std::string ProgressService::definitionLanguage(const std::string& skill)
{
    const store::StoredSkill* stored = _definitions.current(skill);
    return stored ? stored->framework.language : std::string();
}

std::vector<ProgressService::Record> ProgressService::records(const std::set<std::string>& ids)
{
    store::EvidenceRepository evidence(_db);
    store::StatementRepository statements(_db);
    std::vector<Record> result;
    for (const auto& id : ids)
        if (auto record = evidence.find(id)) result.push_back({std::move(*record), statements.idsForEvidence(id)});
    return result;
}

std::vector<std::string> ProgressService::skillsOf(const std::string& learner)
{
    std::string who = learner;
    std::vector<std::string> skills;
    _db.session() << _db.sql("SELECT DISTINCT skill_code FROM evidence WHERE learner = ?"), use(who), into(skills), now;
    std::sort(skills.begin(), skills.end()); // byte order, whatever the database's collation
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

std::vector<store::StatementRecord>
ProgressService::reevaluate(const std::set<std::pair<std::string, std::string>>& affected, const std::string& at,
                            const std::function<void(const xapi::Statement&, store::StatementRecord&)>& seal)
{
    std::vector<store::StatementRecord> statements;
    // Ids that sort after those of the records just made, as the store's keys expect (Uuid::timeOrdered).
    const auto atTime = runtime::parseTime(at);
    const long long atMs = atTime ? atTime->epochMicroseconds() / 1000 : 0;
    for (const auto& [learner, code] : affected)
    {
        const store::StoredSkill* stored = _definitions.current(code);
        if (!stored) continue;
        SkillProgress p = compute(learner, *stored);
        std::optional<std::vector<store::EvidenceDetail>> details; // read once, only if a level is attained
        for (const LevelProgress& level : p.levels)
        {
            if (level.attained == level.attainment.has_value()) continue;
            store::StatementRecord s;
            s.id = xapi::Uuid::timeOrdered(atMs);
            s.learner = learner;
            s.nextAttemptAt = at;
            s.createdAt = at;
            if (level.attained)
            {
                // The level was attained when the evidence that completed it happened, which may
                // be before this recording (events reported late, or replayed): the statement and
                // the attainment carry that time, not `at`.
                if (!details) details = _repo.details(learner, code);
                std::string attainedAt = decidedAt(level, *details);
                if (attainedAt.empty()) attainedAt = at;
                s.kind = vocabulary::kKindLevelAchieved;
                seal(_statements.achievement(s.id, learner, level.level, *stored, attainedAt), s);
                _repo.addAttainment(
                    {xapi::Uuid::timeOrdered(atMs), learner, code, level.level, _rule.name(), attainedAt, s.id});
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

std::string ProgressService::decidedAt(const LevelProgress& level,
                                       const std::vector<store::EvidenceDetail>& details) const
{
    if (!level.attained) return "";
    std::string latest;
    auto consider = [&latest](const store::EvidenceDetail* d,
                              const std::string& (*time)(const store::EvidenceDetail&)) {
        if (d && time(*d) > latest) latest = time(*d);
    };
    for (const auto& r : level.responsibilities)
    {
        if (_rule.kind() == AttainmentRule::Kind::AllVerified)
            consider(earliest(details, r.verified, verifiedAt), verifiedAt);
        else consider(earliest(details, r.demonstrated, occurred), occurred);
    }
    if (_rule.kind() == AttainmentRule::Kind::AllDemonstratedAndLearning)
        for (const auto& activity : level.activitiesDone)
            consider(firstCompletion(details, level.level, activity), occurred);
    return latest;
}

ProgressView ProgressService::view(const std::string& learner, const std::string& skill, const std::string& language)
{
    const store::StoredSkill* stored = _definitions.current(skill);
    if (!stored) throw runtime::Error::notFound("progress: no skill with code '" + skill + "' has been imported");
    const definition::Skill& current = stored->skill;
    ProgressView v;
    v.progress = compute(learner, *stored);
    v.learner = learner;
    v.skill = current.code;
    v.skillName = current.name.get(language);
    v.textLanguage = language;
    v.definitionSha256 = stored->definitionSha256;
    v.rule = _rule.name();
    v.development = current.developmentIntro.get(language);
    const std::vector<store::EvidenceDetail> details = _repo.details(learner, current.code);
    const auto mappingsHeld = mappingsOf(current.code);
    const bool verifiedCounts = _rule.kind() == AttainmentRule::Kind::AllVerified;

    // Whether an attestation was judged against another wording of the sentence than the current.
    auto earlierWording = [&](const store::EvidenceDetail& d, const definition::Responsibility& now,
                              std::string& then) {
        if (d.definitionSha256 == stored->definitionSha256) return false;
        const definition::Responsibility* old =
            _definitions.skill(current.code, d.definitionSha256).skill.responsibility(now.id);
        if (old && old->textSha256 == now.textSha256) return false;
        then = old ? old->text.get(language) : std::string();
        return true;
    };
    // The deciding attestation among `ids`, marked when judged against an earlier wording unless
    // another one of them was judged against the current wording.
    auto decide = [&](ResponsibilityView& rv, const std::vector<std::string>& ids, bool latestFirst,
                      const definition::Responsibility& now) {
        const store::EvidenceDetail* chosen = nullptr;
        bool anyCurrent = false;
        for (const auto& id : ids)
        {
            const store::EvidenceDetail* d = detailOf(details, id);
            if (!d) continue;
            std::string ignored;
            if (!earlierWording(*d, now, ignored)) anyCurrent = true;
            if (!chosen || (latestFirst ? d->occurredAt >= chosen->occurredAt : d->occurredAt < chosen->occurredAt))
                chosen = d;
        }
        if (!chosen) return;
        rv.decidedAt = chosen->occurredAt;
        rv.assessor = chosen->assessor;
        rv.earlierWording = !anyCurrent && earlierWording(*chosen, now, rv.earlierSentence);
    };

    for (const LevelProgress& lp : v.progress.levels)
    {
        const definition::Level* l = current.level(lp.level);
        LevelView& lv = v.levels.emplace_back();
        lv.level = lp.level;
        lv.defined = lp.defined;
        lv.attained = lp.attained;
        lv.attainedAt = decidedAt(lp, details);
        if (l)
        {
            lv.guidingPhrase = l->guidingPhrase.get(language);
            lv.essence = l->essence.get(language);
            const definition::NotDefinedGuidance* guidance = &l->notDefined;
            if (!l->defined && guidance->development.empty() && current.lowerLevelsNotDefined)
                guidance = &*current.lowerLevelsNotDefined;
            if (l->defined) lv.development.text = l->developmentGuidance.get(language);
            else
            {
                lv.notDefinedReason = guidance->understanding.get(language);
                lv.development.text = guidance->development.get(language);
                for (const auto& step : guidance->developmentSteps) lv.development.steps.push_back(step.get(language));
            }
        }
        for (const ResponsibilityProgress& rp : lp.responsibilities)
        {
            const definition::Responsibility* now = current.responsibility(rp.id);
            ResponsibilityView& rv = lv.responsibilities.emplace_back();
            rv.id = rp.id;
            rv.sentence = now ? now->text.get(language) : std::string();
            rv.learning = rp.learning.size();
            if (!rp.demonstrated.empty())
            {
                rv.state =
                    rp.verified.empty() ? ResponsibilityView::State::Demonstrated : ResponsibilityView::State::Verified;
                if (now) decide(rv, rp.demonstrated, false, *now);
                if (const auto* first = earliest(details, rp.verified, verifiedAt))
                    rv.verifiedAt = first->firstVerifiedAt;
            }
            else
            {
                std::vector<std::string> partial;
                for (const auto& id : rp.otherAttestations)
                    if (const auto* d = detailOf(details, id); d && d->outcome == "partial") partial.push_back(id);
                if (!partial.empty())
                {
                    rv.state = ResponsibilityView::State::Partial;
                    if (now) decide(rv, partial, true, *now); // the latest judgement says where it stands
                }
            }
            rv.counts = verifiedCounts ? rv.state == ResponsibilityView::State::Verified
                                       : rv.state >= ResponsibilityView::State::Demonstrated;
            if (rv.counts) ++lv.counted;
            else lv.missing.push_back(rv.id);
        }
        // One entry per activity (an activity mapped twice to a level covers the union).
        std::vector<std::string> activityIds;
        for (const auto& m : *mappingsHeld)
        {
            if (m.level != lp.level) continue;
            auto known = std::find(activityIds.begin(), activityIds.end(), m.activity.id);
            const bool isNew = known == activityIds.end();
            if (isNew) activityIds.push_back(m.activity.id);
            ActivityView& a = isNew ? lv.activities.emplace_back()
                                    : lv.activities[static_cast<std::size_t>(known - activityIds.begin())];
            a.name = m.activity.name.empty() ? m.activity.id : m.activity.name;
            a.type = m.activity.type;
            a.done = contains(lp.activitiesDone, m.activity.id);
            if (const auto* first = firstCompletion(details, lp.level, m.activity.id)) a.doneAt = first->occurredAt;
            if (m.responsibilities.empty()) a.covers.clear(); // the whole level
            else if (isNew || !a.covers.empty())
                for (const auto& r : m.responsibilities) addOnce(a.covers, r.id);
        }
        if (_rule.usesLearning())
            for (const auto& a : lv.activities) lv.activitiesMissing += a.done ? 0 : 1;
    }

    // Next steps: at the next level (the lowest defined level above the highest attained one; if
    // there is none above, the lowest defined level not attained), the activities not yet done
    // that cover a responsibility still missing there, or the level as a whole. Under the
    // learning rule every mapped activity is required, so each one not done is a step.
    int highest = 0;
    for (const LevelView& lv : v.levels)
        if (lv.defined && lv.attained) highest = std::max(highest, lv.level);
    const LevelView* next = nullptr;
    for (const LevelView& lv : v.levels)
        if (lv.defined && !lv.attained && lv.level > highest && (!next || lv.level < next->level)) next = &lv;
    for (const LevelView& lv : v.levels)
        if (!next && lv.defined && !lv.attained) next = &lv;
    if (next)
    {
        v.nextLevel = next->level;
        for (const ActivityView& a : next->activities)
        {
            if (a.done) continue;
            NextStep step{a.name, a.type, next->level, {}};
            for (const auto& id : a.covers)
                if (contains(next->missing, id)) step.covers.push_back(id);
            if (a.covers.empty() || !step.covers.empty() || _rule.usesLearning()) v.nextSteps.push_back(step);
        }
    }
    return v;
}

}
} // namespace sfe::service
