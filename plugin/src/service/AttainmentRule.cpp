//
// AttainmentRule.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/AttainmentRule.h"

#include "sfe/runtime/Error.h"
#include "sfe/service/ProgressService.h"

namespace sfe {
namespace service {

AttainmentRule AttainmentRule::parse(const std::string& name)
{
    if (name == "all-demonstrated") return AttainmentRule(Kind::AllDemonstrated, name);
    if (name == "all-verified") return AttainmentRule(Kind::AllVerified, name);
    if (name == "all-demonstrated-and-learning") return AttainmentRule(Kind::AllDemonstratedAndLearning, name);
    throw runtime::Error::config("progress.rule: '" + name +
                                 "' is not one of all-demonstrated, all-verified, all-demonstrated-and-learning");
}

bool AttainmentRule::canAttain(const std::string& kind, const std::string& verb, const std::string& outcome) const
{
    if (kind == "demonstrated") return _kind != Kind::AllVerified && outcome == "demonstrated";
    return _kind == Kind::AllDemonstratedAndLearning && verb != "failed";
}

bool AttainmentRule::attained(const LevelProgress& level, std::vector<std::string>& why) const
{
    why.clear();
    if (!level.defined)
    {
        why.push_back("level " + std::to_string(level.level) + " is not defined for this skill");
        return false;
    }
    const bool needVerified = _kind == Kind::AllVerified;
    for (const auto& r : level.responsibilities)
    {
        if (r.demonstrated.empty())
            why.push_back(r.id + ": no assessor has attested it as demonstrated" +
                          (r.learning.empty() ? "" : " (learning alone does not attain a level)"));
        else if (needVerified && r.verified.empty())
            why.push_back(r.id + ": demonstrated, but no auditor has verified the attestation");
    }
    if (_kind == Kind::AllDemonstratedAndLearning)
    {
        if (level.activitiesTotal == 0)
            why.push_back("no activity is mapped to the level, and this rule requires its mapped activities");
        else if (level.activitiesDone.size() < level.activitiesTotal)
            why.push_back(std::to_string(level.activitiesTotal - level.activitiesDone.size()) + " of " +
                          std::to_string(level.activitiesTotal) + " mapped activities not completed");
    }
    if (!why.empty()) return false;
    why.push_back(std::string("every responsibility ") +
                  (needVerified ? "demonstrated and verified" : "demonstrated, attested by an assessor") +
                  (_kind == Kind::AllDemonstratedAndLearning ? ", and every mapped activity completed" : ""));
    return true;
}

}
} // namespace sfe::service
