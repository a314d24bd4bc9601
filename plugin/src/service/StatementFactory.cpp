//
// StatementFactory.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/StatementFactory.h"

#include "sfe/service/ShortText.h"
#include "sfe/service/Vocabulary.h"
#include "sfe/xapi/Iri.h"

#include <Poco/String.h>
#include <Poco/URI.h>

namespace sfe {
namespace service {

namespace v = vocabulary;

namespace {

xapi::LanguageMap languageMap(const definition::LocalizedText& text)
{
    return xapi::LanguageMap(text.all().begin(), text.all().end());
}

std::string segment(const std::string& raw)
{
    std::string encoded;
    Poco::URI::encode(raw, "/?#[]@!$&'()*+,;=:% ", encoded);
    return encoded;
}

xapi::Verb verb(const char* iri, const char* de, const char* en)
{
    return xapi::Verb{iri, xapi::LanguageMap{{"de-DE", de}, {"en-US", en}}};
}

} // namespace

StatementFactory::StatementFactory(const runtime::Settings& settings):
    _settings(settings)
{}

std::string StatementFactory::frameworkIri(const definition::Framework& f) const
{
    return _settings.xapiBaseIri + "/frameworks/" + segment(Poco::toLower(f.name)) + "/" + segment(f.version);
}

std::string StatementFactory::skillIri(const definition::Framework& f, const std::string& code) const
{
    return frameworkIri(f) + "/skills/" + segment(code);
}

std::string StatementFactory::levelIri(const definition::Framework& f, const std::string& code, int level) const
{
    return skillIri(f, code) + "/levels/" + std::to_string(level);
}

std::string StatementFactory::responsibilityIri(const definition::Framework& f, const std::string& code,
                                                const std::string& responsibilityId) const
{
    return skillIri(f, code) + "/responsibilities/" + segment(responsibilityId);
}

std::string StatementFactory::activityIri(const std::string& lmsActivityId) const
{
    if (xapi::Iri::isValid(lmsActivityId)) return lmsActivityId;
    return _settings.lmsHomePage + "/activities/" + segment(lmsActivityId);
}

std::string StatementFactory::activityType(const std::string& lmsType)
{
    if (lmsType == "course") return v::kTypeCourse;
    if (lmsType == "module") return v::kTypeModule;
    if (lmsType == "assessment") return v::kTypeAssessment;
    return v::kTypeWorkplaceTask;
}

xapi::Agent StatementFactory::agent(const std::string& lmsUserId) const
{
    if (_settings.xapiActor == "mbox")
    {
        // An LMS id that is an e-mail address already is the mailbox; others get lms.mbox_domain.
        const bool address = lmsUserId.find('@') != std::string::npos;
        return xapi::Agent::withMbox("mailto:" + lmsUserId + (address ? "" : "@" + _settings.lmsMboxDomain));
    }
    return xapi::Agent::withAccount(_settings.lmsHomePage, lmsUserId);
}

xapi::Activity StatementFactory::levelActivity(const store::StoredSkill& s, int level) const
{
    xapi::Activity a(levelIri(s.framework, s.skill.code, level));
    xapi::ActivityDefinition d;
    d.type = v::kTypeLevel;
    if (const definition::Level* l = s.skill.level(level))
    {
        xapi::LanguageMap name;
        for (const auto& [language, skillName] : s.skill.name.all())
            name[language] = skillName + " " + std::to_string(level) + ": " + l->guidingPhrase.get(language);
        d.name = name;
        if (!l->essence.empty()) d.description = languageMap(l->essence);
    }
    a.definition = d;
    return a;
}

xapi::Activity StatementFactory::responsibilityActivity(const store::StoredSkill& s, const std::string& id) const
{
    xapi::Activity a(responsibilityIri(s.framework, s.skill.code, id));
    xapi::ActivityDefinition d;
    d.type = v::kTypeResponsibility;
    if (const definition::Responsibility* r = s.skill.responsibility(id))
    {
        // Reports show an activity by its name: the sentence itself (shortened), in each of the
        // definition's languages, reads better than its id. The whole sentence is the description.
        xapi::LanguageMap name;
        for (const auto& [language, sentence] : r->text.all()) name[language] = ShortText::of(sentence);
        d.name = name;
        d.description = languageMap(r->text);
    }
    a.definition = d;
    return a;
}

xapi::Context StatementFactory::context(const store::StoredSkill& s, const std::string& definitionSha256,
                                        const std::string& levelTextSha256) const
{
    xapi::Context c;
    xapi::Activity skill(skillIri(s.framework, s.skill.code));
    xapi::ActivityDefinition sd;
    sd.type = v::kTypeSkill;
    sd.name = languageMap(s.skill.name);
    if (!s.skill.description.empty()) sd.description = languageMap(s.skill.description);
    skill.definition = sd;

    xapi::Activity framework(frameworkIri(s.framework));
    xapi::ActivityDefinition fd;
    fd.type = v::kTypeFramework;
    xapi::LanguageMap fname;
    fname[s.framework.language] = s.framework.name + " " + s.framework.version;
    fd.name = fname;
    framework.definition = fd;

    c.contextActivities.grouping = {skill, framework};
    c.contextActivities.category = {xapi::Activity(v::kProfileVersion)};
    c.language = s.framework.language;
    c.extensions[v::kExtDefinitionVersion] = definitionSha256;
    c.extensions[v::kExtLevelTextSha256] = levelTextSha256;
    return c;
}

xapi::Statement StatementFactory::learning(const std::string& statementId, const store::EvidenceRecord& e,
                                           const store::ActivityRecord& activity, const store::StoredSkill& s) const
{
    xapi::Statement st;
    st.id = statementId;
    st.actor = agent(e.learner);
    if (e.verb == "passed") st.verb = verb(v::kVerbPassed, "bestanden", "passed");
    else if (e.verb == "failed") st.verb = verb(v::kVerbFailed, "nicht bestanden", "failed");
    else st.verb = verb(v::kVerbCompleted, "abgeschlossen", "completed");

    xapi::Activity object(activity.iri);
    xapi::ActivityDefinition d;
    d.type = activityType(activity.type);
    d.name = xapi::LanguageMap{{s.framework.language, activity.name}};
    object.definition = d;
    st.object = object;

    xapi::Result r;
    r.completion = true;
    if (e.verb == "passed") r.success = true;
    if (e.verb == "failed") r.success = false;
    if (e.scoreScaled || e.scoreRaw)
    {
        xapi::Score score;
        score.scaled = e.scoreScaled;
        score.raw = e.scoreRaw;
        score.min = e.scoreMin;
        score.max = e.scoreMax;
        r.score = score;
    }
    st.result = r;

    xapi::Context c = context(s, e.definitionSha256, e.levelTextSha256);
    c.contextActivities.parent.push_back(levelActivity(s, e.level));
    for (const std::string& id : e.responsibilities)
        c.contextActivities.parent.push_back(responsibilityActivity(s, id));
    c.extensions[v::kExtEvidenceId] = e.id;
    st.context = c;
    st.timestamp = e.occurredAt;
    if (_settings.xapiVersion == "2.0.0") st.version = "2.0.0";
    return st;
}

xapi::Statement StatementFactory::attestation(const std::string& statementId, const store::EvidenceRecord& e,
                                              const store::StoredSkill& s) const
{
    xapi::Statement st;
    st.id = statementId;
    st.actor = agent(e.learner);
    st.verb = verb(v::kVerbAttested, "bestätigt", "attested");
    st.object = responsibilityActivity(s, e.responsibilities.at(0));

    xapi::Result r;
    r.success = e.outcome.value_or("demonstrated") == "demonstrated";
    xapi::Score score;
    score.scaled = e.scoreScaled;
    r.score = score;
    if (e.note) r.response = *e.note;
    if (e.evidenceUrl) r.extensions[v::kExtEvidenceUrl] = *e.evidenceUrl;
    st.result = r;

    xapi::Context c = context(s, e.definitionSha256, e.levelTextSha256);
    c.contextActivities.parent.push_back(levelActivity(s, e.level));
    c.instructor = agent(e.assessor.value_or(""));
    c.extensions[v::kExtEvidenceId] = e.id;
    st.context = c;
    st.timestamp = e.occurredAt;
    if (_settings.xapiVersion == "2.0.0") st.version = "2.0.0";
    return st;
}

xapi::Statement StatementFactory::achievement(const std::string& statementId, const std::string& learner, int level,
                                              const store::StoredSkill& s, const std::string& timestamp) const
{
    xapi::Statement st;
    st.id = statementId;
    st.actor = agent(learner);
    st.verb = verb(v::kVerbAchieved, "erreicht", "achieved");
    st.object = levelActivity(s, level);
    const definition::Level* l = s.skill.level(level);
    st.context = context(s, s.definitionSha256, l ? l->textSha256 : std::string());
    st.timestamp = timestamp;
    if (_settings.xapiVersion == "2.0.0") st.version = "2.0.0";
    return st;
}

xapi::Statement StatementFactory::voiding(const std::string& statementId, const std::string& voidedId,
                                          const std::string& timestamp) const
{
    xapi::Statement st;
    st.id = statementId;
    st.actor = xapi::Agent::withAccount(_settings.lmsHomePage, "sfia-evidence");
    st.actor.name = "sfia-evidence";
    st.verb = verb(v::kVerbVoided, "annulliert", "voided");
    st.object = xapi::StatementRef{voidedId};
    // Like every statement we send, the voiding claims our profile, so its template (voided:
    // the object is a statement of one of our other templates) applies to it.
    xapi::Context c;
    c.contextActivities.category = {xapi::Activity(v::kProfileVersion)};
    st.context = c;
    st.timestamp = timestamp;
    if (_settings.xapiVersion == "2.0.0") st.version = "2.0.0";
    return st;
}

}
} // namespace sfe::service
