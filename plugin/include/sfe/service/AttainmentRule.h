//
// AttainmentRule.h
//
// Library: sfe_core
// Package: service
//
// When a level counts as attained (configuration key progress.rule).
//

#ifndef SFE_SERVICE_ATTAINMENTRULE_H
#define SFE_SERVICE_ATTAINMENTRULE_H

#include <string>
#include <vector>

namespace sfe {
namespace service {

struct LevelProgress;

/// The rules a host can configure. In every rule learning alone never attains a level: SFIA
/// treats formal learning as development, not as demonstration.
///  - all-demonstrated (default): every responsibility of the level is demonstrated, attested by
///    an assessor (outcome "demonstrated", not withdrawn).
///  - all-verified: as all-demonstrated, and each of those attestations was verified by an auditor.
///  - all-demonstrated-and-learning: as all-demonstrated, and every activity mapped to the level
///    was completed or passed (a level with no mapped activity cannot be attained this way).
class AttainmentRule
{
public:
    enum class Kind
    {
        AllDemonstrated,
        AllVerified,
        AllDemonstratedAndLearning
    };

    /// Throws runtime::Error (SFE_CONFIG) for an unknown name.
    static AttainmentRule parse(const std::string& name);

    const std::string& name() const { return _name; }
    Kind kind() const { return _kind; }

    /// Whether learning evidence can change the outcome (so completions must re-evaluate it).
    bool usesLearning() const { return _kind == Kind::AllDemonstratedAndLearning; }

    /// Whether a new record of this kind (learning | demonstrated), with this verb or outcome, can
    /// make a level attained under this rule. New records never break an attainment; withdrawals
    /// and verifications are re-evaluated always. Saves the re-evaluation for most records.
    bool canAttain(const std::string& kind, const std::string& verb, const std::string& outcome) const;

    /// Whether the level is attained; `why` receives one line per unmet condition, or the reason
    /// it is met.
    bool attained(const LevelProgress& level, std::vector<std::string>& why) const;

private:
    AttainmentRule(Kind kind, std::string name):
        _kind(kind),
        _name(std::move(name))
    {}

    Kind _kind;
    std::string _name;
};

}
} // namespace sfe::service

#endif
