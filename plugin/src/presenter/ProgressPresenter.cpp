//
// ProgressPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/ProgressPresenter.h"

#include "sfe/presenter/EvidencePresenter.h"
#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"
#include "sfe/store/DefinitionRepository.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/StatementRepository.h"

#include <set>

namespace sfe {
namespace presenter {

namespace {

void collect(std::set<std::string>& ids, const std::vector<std::string>& more)
{
    ids.insert(more.begin(), more.end());
}

} // namespace

ProgressPresenter::ProgressPresenter(runtime::Runtime& runtime, service::ProgressService& progress,
                                     service::EvidenceService& evidence):
    _runtime(runtime),
    _progress(progress),
    _evidence(evidence)
{
}

std::string ProgressPresenter::progress(const Request& request)
{
    const std::string learner = request.string("learner");
    const bool explain = request.optBool("explain").value_or(false);
    std::vector<std::string> skills;
    if (auto skill = request.optString("skill")) skills.push_back(*skill);
    else
    {
        skills = _progress.skillsOf(learner);
        if (skills.empty())
            for (const auto& s : store::DefinitionRepository(_runtime.database()).currentSkills())
                skills.push_back(s.skill.code);
    }

    std::set<std::string> deciding;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& code : skills)
    {
        const service::SkillProgress p = _progress.progress(learner, code);
        Poco::JSON::Array::Ptr levels = new Poco::JSON::Array;
        for (const auto& l : p.levels)
        {
            auto lo = object();
            lo->set("level", l.level);
            lo->set("defined", l.defined);
            lo->set("attained", l.attained);
            if (l.attainment)
            {
                auto a = object();
                a->set("attainedAt", l.attainment->attainedAt);
                a->set("rule", l.attainment->rule);
                a->set("statement", l.attainment->statementId);
                lo->set("attainment", a);
            }
            else
                lo->set("attainment", Poco::Dynamic::Var());
            std::size_t demonstrated = 0;
            Poco::JSON::Array::Ptr responsibilities = new Poco::JSON::Array;
            for (const auto& r : l.responsibilities)
            {
                auto ro = object();
                ro->set("id", r.id);
                ro->set("learning", array(r.learning));
                ro->set("demonstrated", array(r.demonstrated));
                ro->set("verified", array(r.verified));
                ro->set("otherAttestations", array(r.otherAttestations));
                responsibilities->add(ro);
                if (!r.demonstrated.empty()) ++demonstrated;
                collect(deciding, r.learning);
                collect(deciding, r.demonstrated);
                collect(deciding, r.otherAttestations);
            }
            lo->set("responsibilities", responsibilities);
            lo->set("responsibilitiesDemonstrated", demonstrated);
            lo->set("levelWideLearning", array(l.levelWideLearning));
            collect(deciding, l.levelWideLearning);
            auto activities = object();
            activities->set("done", l.activitiesDone.size());
            activities->set("total", l.activitiesTotal);
            activities->set("doneIds", array(l.activitiesDone));
            lo->set("activities", activities);
            lo->set("why", array(l.why));
            levels->add(lo);
        }
        auto so = object();
        so->set("skill", p.skill);
        so->set("definition", p.definitionSha256);
        so->set("rule", p.rule);
        so->set("levels", levels);
        list->add(so);
    }
    auto o = object();
    o->set("learner", learner);
    o->set("skills", list);
    if (explain)
    {
        // The records that decide the levels, each with its statements.
        store::EvidenceRepository evidence(_runtime.database());
        store::StatementRepository statements(_runtime.database());
        auto records = object();
        for (const auto& id : deciding)
        {
            auto record = evidence.find(id);
            if (!record) continue;
            auto ro = EvidencePresenter::evidenceJson(*record);
            ro->set("statements", array(statements.idsForEvidence(id)));
            records->set(id, ro);
        }
        o->set("evidence", records);
    }
    return toJson(o);
}

std::string ProgressPresenter::verify(const Request& request)
{
    const std::string evidenceId = request.string("evidence");
    _evidence.verify(evidenceId, request.string("auditor"), request.optText("note"), _runtime.host().now());
    auto o = object();
    o->set("evidence", evidenceId);
    o->set("verified", true);
    return toJson(o);
}

} } // namespace sfe::presenter
