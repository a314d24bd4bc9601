//
// Examples.h
//
// Project: sfia-evidence, tests/xapi
//
// One statement of each kind our profile describes, built with StatementBuilder, for the tests.
//

#ifndef SFE_TESTS_XAPI_EXAMPLES_H
#define SFE_TESTS_XAPI_EXAMPLES_H

#include "sfe/xapi/StatementBuilder.h"
#include <string>

namespace sfe {
namespace test {

namespace iri {
const std::string kProfileVersion = "https://sfia-evidence.org/xapi/profile/v1.0";
const std::string kProfileBase = "https://sfia-evidence.org/xapi/profile/";
const std::string kTypeLevel = kProfileBase + "activity-types/level";
const std::string kTypeResponsibility = kProfileBase + "activity-types/responsibility";
const std::string kTypeSkill = kProfileBase + "activity-types/skill";
const std::string kTypeFramework = kProfileBase + "activity-types/framework";
const std::string kTypeWorkplaceTask = kProfileBase + "activity-types/workplace-task";
const std::string kAssessor = kProfileBase + "agent-types/assessor";
const std::string kExtDefinitionVersion = kProfileBase + "extensions/definition-version";
const std::string kExtLevelTextSha256 = kProfileBase + "extensions/level-text-sha256";
const std::string kExtEvidenceId = kProfileBase + "extensions/evidence-id";
const std::string kExtEvidenceUrl = kProfileBase + "extensions/evidence-url";
const std::string kVerbAttested = kProfileBase + "verbs/attested";
const std::string kVerbAchieved = kProfileBase + "verbs/achieved";
const std::string kTemplates = kProfileBase + "templates/";
const std::string kAdlVerbs = "http://adlnet.gov/expapi/verbs/";
const std::string kAdlActivities = "http://adlnet.gov/expapi/activities/";
} // namespace iri

const std::string kSha256A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const std::string kSha256B = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
const std::string kFramework = "https://sfia-evidence.org/xapi/framework/sfia-9-de";
const std::string kSkill = kFramework + "/skill/CSMG";
const std::string kLevel = kSkill + "/level/3";

inline xapi::Agent learner()
{
    return xapi::Agent::withAccount("https://lms.example.org", "4711");
}
inline xapi::Agent assessor()
{
    return xapi::Agent::withAccount("https://lms.example.org", "42");
}

inline xapi::Activity levelActivity()
{
    return xapi::Activity(kLevel, iri::kTypeLevel, xapi::LanguageMap{{"de-DE", "Kundenservice, Stufe 3"}});
}

inline xapi::Activity responsibilityActivity(int n)
{
    return xapi::Activity(kLevel + "/responsibility/CSMG-3." + std::to_string(n), iri::kTypeResponsibility);
}

/// Learning statement: completed, passed or failed (`verb` is the ADL verb's last segment).
inline xapi::StatementBuilder learning(const std::string& verb)
{
    xapi::StatementBuilder b;
    b.id("3b0b6e3c-4a5f-4d8e-9c1a-2f3e4d5c6b7a")
        .actor(learner())
        .verb(iri::kAdlVerbs + verb, {{"de-DE", verb == "completed" ? "abgeschlossen"
                                                : verb == "passed"  ? "bestanden"
                                                                    : "nicht bestanden"},
                                      {"en-US", verb}})
        .object(xapi::Activity("https://lms.example.org/mod/quiz/view.php?id=12", iri::kAdlActivities + "assessment",
                               xapi::LanguageMap{{"de-DE", "Prüfung Kundenservice"}}))
        .completion(true);
    if (verb == "passed") b.success(true).scaledScore(0.85);
    if (verb == "failed") b.success(false).rawScore(3, 0, 10);
    b.parent(levelActivity())
        .parent(responsibilityActivity(1))
        .parent(responsibilityActivity(2))
        .grouping(xapi::Activity(kSkill, iri::kTypeSkill))
        .grouping(xapi::Activity(kFramework, iri::kTypeFramework))
        .category(xapi::Activity(iri::kProfileVersion))
        .language("de-DE")
        .contextExtension(iri::kExtDefinitionVersion, kSha256A)
        .contextExtension(iri::kExtLevelTextSha256, kSha256B)
        .contextExtension(iri::kExtEvidenceId, "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        .timestamp("2024-05-01T10:00:00.123Z");
    return b;
}

inline xapi::StatementBuilder attested()
{
    xapi::StatementBuilder b;
    b.id("5a1f7a62-9a2c-4e0b-8d3f-0e1d2c3b4a59")
        .actor(learner())
        .verb(iri::kVerbAttested, {{"de-DE", "bestätigt"}, {"en", "attested"}})
        .object(responsibilityActivity(2))
        .success(true)
        .scaledScore(1)
        .response("Hat die Eskalation sauber dokumentiert.")
        .resultExtension(iri::kExtEvidenceUrl, "https://lms.example.org/pluginfile.php/12/report.pdf")
        .instructor(assessor())
        .parent(levelActivity())
        .grouping(xapi::Activity(kSkill, iri::kTypeSkill))
        .grouping(xapi::Activity(kFramework, iri::kTypeFramework))
        .category(xapi::Activity(iri::kProfileVersion))
        .contextExtension(iri::kExtEvidenceId, "0f8fad5b-d9cb-469f-a165-70867728950e")
        .timestamp("2024-05-02T08:30:00.000Z");
    return b;
}

inline xapi::StatementBuilder achieved()
{
    xapi::StatementBuilder b;
    b.id("e4eaaaf2-d142-41ec-8c36-0a5a1c1a3d11")
        .actor(learner())
        .verb(iri::kVerbAchieved, {{"de-DE", "erreicht"}, {"en", "achieved"}})
        .object(levelActivity())
        .grouping(xapi::Activity(kSkill, iri::kTypeSkill))
        .grouping(xapi::Activity(kFramework, iri::kTypeFramework))
        .category(xapi::Activity(iri::kProfileVersion))
        .contextExtension(iri::kExtDefinitionVersion, kSha256A)
        .contextExtension(iri::kExtLevelTextSha256, kSha256B)
        .timestamp("2024-05-03T12:00:00.000Z");
    return b;
}

inline xapi::StatementBuilder voided()
{
    xapi::StatementBuilder b;
    b.id("b1a6d0c4-2f7e-4a3b-9e8d-7c6b5a4f3e2d")
        .actor(xapi::Agent::withAccount("https://lms.example.org", "sfia-evidence"))
        .voids("3b0b6e3c-4a5f-4d8e-9c1a-2f3e4d5c6b7a")
        .category(xapi::Activity(iri::kProfileVersion))
        .timestamp("2024-05-04T09:00:00.000Z");
    return b;
}

}
} // namespace sfe::test

#endif // SFE_TESTS_XAPI_EXAMPLES_H
