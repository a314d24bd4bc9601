//
// ProgressService.h
//
// Library: sfe_core
// Package: service
//
// Use cases for learners: where they stand at each level; and keeping attainments current.
//

#ifndef SFE_SERVICE_PROGRESSSERVICE_H
#define SFE_SERVICE_PROGRESSSERVICE_H

#include "sfe/service/AttainmentRule.h"
#include "sfe/service/DefinitionCache.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/MappingRepository.h"
#include "sfe/store/ProgressRepository.h"
#include "sfe/store/StatementRepository.h"
#include "sfe/xapi/Statement.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace sfe {
namespace service {

class StatementFactory;
struct ProgressView;

/// The evidence of one responsibility, by kind (evidence ids, in recording order).
struct ResponsibilityProgress
{
    std::string id;
    std::vector<std::string> learning;          ///< learning contributed (completed or passed)
    std::vector<std::string> demonstrated;      ///< attested as demonstrated by an assessor
    std::vector<std::string> verified;          ///< ...and verified by an auditor
    std::vector<std::string> otherAttestations; ///< attested partial or not demonstrated
};

/// One level of a learner's progress.
struct LevelProgress
{
    int level = 0;
    bool defined = false;
    std::vector<ResponsibilityProgress> responsibilities;
    std::vector<std::string> levelWideLearning; ///< learning evidence for the level as a whole
    std::vector<std::string> activitiesDone;    ///< mapped activities completed or passed
    std::size_t activitiesTotal = 0;            ///< activities mapped to the level
    bool attained = false;
    std::vector<std::string> why;                ///< the rule's explanation
    std::optional<store::Attainment> attainment; ///< the attainment in force, with its statement
};

struct SkillProgress
{
    std::string learner;
    std::string skill;
    std::string definitionSha256;
    std::string rule;
    std::vector<LevelProgress> levels;
};

/// Computes progress from the evidence, and keeps attainments in step with it: when a level
/// becomes attained, one "achieved" statement is made; when withdrawn evidence breaks an
/// attainment, that statement is voided.
class ProgressService
{
public:
    ProgressService(store::Database& db, DefinitionCache& definitions, const StatementFactory& statements,
                    AttainmentRule rule);

    const AttainmentRule& rule() const { return _rule; }

    /// The learner's progress in the skill's current version. Throws SFE_NOTFOUND for an unknown skill.
    SkillProgress progress(const std::string& learner, const std::string& skill);

    /// The learner's view of the skill's current version (service/ProgressView.h): sentences and
    /// other texts of the definition in `language` (an xml:lang or a primary tag; LocalizedText::get
    /// falls back to the definition's own), states with their deciding attestations, activities by
    /// name, and the next steps. Throws SFE_NOTFOUND for an unknown skill.
    ProgressView view(const std::string& learner, const std::string& skill, const std::string& language);

    /// The skills the learner has evidence in (withdrawn evidence included): empty for a learner
    /// the store holds no evidence of.
    std::vector<std::string> skillsOf(const std::string& learner);

    /// The language of the skill's current definition (its xml:lang, "de-DE"); empty if unknown.
    std::string definitionLanguage(const std::string& skill);

    /// An evidence record with the ids of the statements made for it (for --explain).
    struct Record
    {
        store::EvidenceRecord evidence;
        std::vector<std::string> statements;
    };

    /// The records with these ids, in id order (unknown ids are left out: a record the caller
    /// saw may have been erased since).
    std::vector<Record> records(const std::set<std::string>& ids);

    /// The time a level became attained by the rule: the time of the evidence that completed it.
    /// Per requirement the earliest evidence that meets it counts (the first demonstrating
    /// attestation of each responsibility, its first verification under all-verified, the first
    /// completion of each mapped activity under all-demonstrated-and-learning); the latest of
    /// those is the deciding one. Times are the evidence's occurredAt (when it happened, as the
    /// LMS reported it), not when it was recorded. Empty when the level is not attained.
    std::string decidedAt(const LevelProgress& level, const std::vector<store::EvidenceDetail>& details) const;

    /// Re-evaluates the levels of these (learner, skill) pairs inside the caller's transaction,
    /// records attainments and their voiding, and returns the statements to add to the outbox
    /// (ids fixed; seq not yet assigned). `seal` validates a statement and writes its body.
    std::vector<store::StatementRecord>
    reevaluate(const std::set<std::pair<std::string, std::string>>& affected, const std::string& at,
               const std::function<void(const xapi::Statement&, store::StatementRecord&)>& seal);

private:
    SkillProgress compute(const std::string& learner, const store::StoredSkill& skill);
    /// The active mappings of the skill, cached per DefinitionCache generation (which mapping
    /// changes advance). [thread-safe]
    std::shared_ptr<const std::vector<store::MappingRecord>> mappingsOf(const std::string& skill);

    store::Database& _db;
    DefinitionCache& _definitions;
    const StatementFactory& _statements;
    AttainmentRule _rule;
    store::ProgressRepository _repo;
    std::mutex _mappingsMutex;
    std::map<std::string, std::pair<long, std::shared_ptr<const std::vector<store::MappingRecord>>>> _mappings;
};

}
} // namespace sfe::service

#endif
