//
// Vocabulary.h
//
// Library: sfe_core
// Package: service
//
// The IRIs of our xAPI Profile (xapi/profile/sfia-evidence-profile.jsonld) and of the ADL verbs
// and activity types we use. One place, so statements and profile cannot drift apart.
//

#ifndef SFE_SERVICE_VOCABULARY_H
#define SFE_SERVICE_VOCABULARY_H

namespace sfe {
namespace service {
namespace vocabulary {

inline constexpr const char* kProfile = "https://sfia-evidence.org/xapi/profile";
inline constexpr const char* kProfileVersion = "https://sfia-evidence.org/xapi/profile/v1.0";

inline constexpr const char* kVerbCompleted = "http://adlnet.gov/expapi/verbs/completed";
inline constexpr const char* kVerbPassed = "http://adlnet.gov/expapi/verbs/passed";
inline constexpr const char* kVerbFailed = "http://adlnet.gov/expapi/verbs/failed";
inline constexpr const char* kVerbVoided = "http://adlnet.gov/expapi/verbs/voided";
inline constexpr const char* kVerbAttested = "https://sfia-evidence.org/xapi/profile/verbs/attested";
inline constexpr const char* kVerbAchieved = "https://sfia-evidence.org/xapi/profile/verbs/achieved";

inline constexpr const char* kTypeCourse = "http://adlnet.gov/expapi/activities/course";
inline constexpr const char* kTypeModule = "http://adlnet.gov/expapi/activities/module";
inline constexpr const char* kTypeAssessment = "http://adlnet.gov/expapi/activities/assessment";
inline constexpr const char* kTypeWorkplaceTask =
    "https://sfia-evidence.org/xapi/profile/activity-types/workplace-task";
inline constexpr const char* kTypeFramework = "https://sfia-evidence.org/xapi/profile/activity-types/framework";
inline constexpr const char* kTypeSkill = "https://sfia-evidence.org/xapi/profile/activity-types/skill";
inline constexpr const char* kTypeLevel = "https://sfia-evidence.org/xapi/profile/activity-types/level";
inline constexpr const char* kTypeResponsibility =
    "https://sfia-evidence.org/xapi/profile/activity-types/responsibility";

inline constexpr const char* kExtDefinitionVersion =
    "https://sfia-evidence.org/xapi/profile/extensions/definition-version";
inline constexpr const char* kExtLevelTextSha256 =
    "https://sfia-evidence.org/xapi/profile/extensions/level-text-sha256";
inline constexpr const char* kExtEvidenceId = "https://sfia-evidence.org/xapi/profile/extensions/evidence-id";
inline constexpr const char* kExtEvidenceUrl = "https://sfia-evidence.org/xapi/profile/extensions/evidence-url";

/// xAPI 2.0.0: the relevantType of the contextAgent that names the assessor.
inline constexpr const char* kRelevantTypeAssessor = "https://sfia-evidence.org/xapi/profile/agent-types/assessor";

/// Statement kinds: the names of the profile's statement templates (template IRI = kProfile +
/// "/templates/" + kind).
inline constexpr const char* kKindLearningCompleted = "learning-completed";
inline constexpr const char* kKindLearningPassed = "learning-passed";
inline constexpr const char* kKindLearningFailed = "learning-failed";
inline constexpr const char* kKindDemonstrationAttested = "demonstration-attested";
inline constexpr const char* kKindLevelAchieved = "level-achieved";
inline constexpr const char* kKindVoided = "voided";

}
}
} // namespace sfe::service::vocabulary

#endif
