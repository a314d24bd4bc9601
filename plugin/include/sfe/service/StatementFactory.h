//
// StatementFactory.h
//
// Library: sfe_core
// Package: service
//
// Turns evidence into xAPI statements that follow our profile (docs in xapi/profile/README.md).
//

#ifndef SFE_SERVICE_STATEMENTFACTORY_H
#define SFE_SERVICE_STATEMENTFACTORY_H

#include "sfe/runtime/Settings.h"
#include "sfe/store/DefinitionRepository.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/MappingRepository.h"

#include "sfe/xapi/Statement.h"

#include <string>

namespace sfe {
namespace service {

/// Builds the statements of each kind. It knows our IRIs: the framework, skills, levels and
/// responsibilities sit under xapi.base_iri; LMS activities given by id sit under lms.home_page.
/// Names and descriptions come from the definition, in every language it has.
class StatementFactory
{
public:
    explicit StatementFactory(const runtime::Settings& settings);

    /// "completed", "passed" or "failed" an LMS activity that develops a level.
    xapi::Statement learning(const std::string& statementId, const store::EvidenceRecord& evidence,
                             const store::ActivityRecord& activity, const store::StoredSkill& skill) const;

    /// An assessor attested a learner's demonstration of a responsibility.
    xapi::Statement attestation(const std::string& statementId, const store::EvidenceRecord& evidence,
                                const store::StoredSkill& skill) const;

    /// The learner attained a level under the configured rule. `timestamp` is when the level was
    /// attained: the time of the deciding evidence (ProgressService::decidedAt), not of recording.
    xapi::Statement achievement(const std::string& statementId, const std::string& learner, int level,
                                const store::StoredSkill& skill, const std::string& timestamp) const;

    /// Voids an earlier statement (evidence withdrawn, attainment broken). The actor is the LMS.
    xapi::Statement voiding(const std::string& statementId, const std::string& voidedId,
                            const std::string& timestamp) const;

    /// The agent for an LMS user: account{homePage: lms.home_page, name} or, with xapi.actor=mbox,
    /// mailto:ID@lms.mbox_domain (mailto:ID when ID is an address already). An ID that makes no
    /// valid mailbox is refused when the statement is validated.
    xapi::Agent agent(const std::string& lmsUserId) const;

    /// The xAPI activity id of an LMS activity: itself if it is an absolute IRI, else
    /// lms.home_page + "/activities/" + the percent-encoded id.
    std::string activityIri(const std::string& lmsActivityId) const;

    std::string frameworkIri(const definition::Framework& framework) const;
    std::string skillIri(const definition::Framework& framework, const std::string& code) const;
    std::string levelIri(const definition::Framework& framework, const std::string& code, int level) const;
    std::string responsibilityIri(const definition::Framework& framework, const std::string& code,
                                  const std::string& responsibilityId) const;

    /// The ADL activity type of an LMS activity type (course, module, assessment, task).
    static std::string activityType(const std::string& lmsType);

private:
    xapi::Context context(const store::StoredSkill& skill, const std::string& definitionSha256,
                          const std::string& levelTextSha256) const;
    xapi::Activity levelActivity(const store::StoredSkill& skill, int level) const;
    xapi::Activity responsibilityActivity(const store::StoredSkill& skill, const std::string& id) const;

    runtime::Settings _settings;
};

}
} // namespace sfe::service

#endif
