//
// DefinitionPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/DefinitionPresenter.h"

#include "sfe/presenter/Audience.h"
#include "sfe/presenter/Json.h"
#include "sfe/presenter/MappingPresenter.h"
#include "sfe/runtime/Error.h"
#include "sfe/plugin/HostServices.h"
#include "sfe/store/DefinitionRepository.h"

namespace sfe {
namespace presenter {

namespace {

Poco::JSON::Object::Ptr guidanceJson(const definition::NotDefinedGuidance& g, const std::string& language)
{
    auto o = object();
    o->set("understanding", g.understanding.get(language));
    o->set("development", g.development.get(language));
    Poco::JSON::Array::Ptr steps = new Poco::JSON::Array;
    for (const auto& step : g.developmentSteps) steps->add(step.get(language));
    o->set("developmentSteps", steps);
    return o;
}

/// Per level the sentences added, changed and removed, as `diff` and `import` say them.
Poco::JSON::Array::Ptr levelsJson(const std::vector<service::DefinitionDiff::Level>& levels)
{
    auto sentences = [](const std::vector<service::DefinitionDiff::Sentence>& list) {
        Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
        for (const auto& s : list)
        {
            auto so = object();
            so->set("id", s.id);
            if (!s.before.empty()) so->set("before", s.before);
            if (!s.after.empty()) so->set("after", s.after);
            a->add(so);
        }
        return a;
    };
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& level : levels)
    {
        auto lo = object();
        lo->set("level", level.number);
        lo->set("added", sentences(level.added));
        lo->set("changed", sentences(level.changed));
        lo->set("removed", sentences(level.removed));
        out->add(lo);
    }
    return out;
}

/// The mappings a new version flagged, each as `mappings` lists it with its reasons worded for `reader`.
Poco::JSON::Array::Ptr flaggedJson(const std::vector<service::FlaggedMapping>& flagged, const Audience& reader)
{
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& f : flagged)
    {
        auto o = MappingPresenter::mappingJson(f.mapping);
        o->set("reasons", MappingPresenter::reasonsJson(f.reasons, reader));
        list->add(o);
    }
    return list;
}

} // namespace

DefinitionPresenter::DefinitionPresenter(service::ImportService& importer, store::Database& db,
                                         plugin::HostServices& clock, Audience::Defaults readers):
    _importer(importer),
    _db(db),
    _clock(clock),
    _readers(std::move(readers))
{}

std::string DefinitionPresenter::importDefinition(const Request& request)
{
    service::ImportOutcome outcome;
    Audience::of(request, _readers, ""); // a bad lang fails before anything is written
    const Poco::Timestamp now = _clock.now();
    if (auto xml = request.optText("xml"))
        outcome = _importer.importBuffer(*xml, request.optString("name").value_or("(request)"), now);
    else outcome = _importer.importFile(request.string("path"), now);

    const Audience reader = Audience::of(request, _readers, outcome.language);
    auto o = object();
    o->set("result", outcome.unchanged ? "unchanged" : "imported");
    o->set("definition", outcome.definitionSha256);
    o->set("skills", array(outcome.skills));
    o->set("flaggedMappings", array(outcome.flaggedMappings));
    o->set("lang", reader.language());
    // What an admin reviews after a new version: each flagged mapping and why, and the sentences it changed.
    o->set("flagged", flaggedJson(outcome.flagged, reader));
    Poco::JSON::Array::Ptr changes = new Poco::JSON::Array;
    for (const auto& c : outcome.changes)
    {
        auto co = object();
        co->set("skill", c.skill);
        co->set("fromVersion", c.fromVersion);
        co->set("toVersion", c.toVersion);
        co->set("fromDefinition", c.fromDefinition);
        co->set("levels", levelsJson(c.levels));
        changes->add(co);
    }
    o->set("changes", changes);
    Poco::JSON::Array::Ptr stored = new Poco::JSON::Array;
    for (const auto& st : outcome.stored)
    {
        auto so = object();
        so->set("skill", st.skill);
        so->set("version", st.version);
        so->set("current", st.version == st.currentVersion);
        so->set("currentVersion", st.currentVersion);
        so->set("currentDefinition", st.currentDefinition);
        stored->add(so);
    }
    o->set("stored", stored);
    return toJson(o);
}

Poco::JSON::Object::Ptr DefinitionPresenter::versionJson(const service::VersionInfo& v)
{
    auto o = object();
    o->set("version", v.number);
    o->set("definition", v.version.definitionSha256);
    o->set("current", v.current);
    o->set("frameworkVersion", v.version.frameworkVersion);
    o->set("source", v.version.sourceName);
    o->set("importedAt", v.version.importedAt);
    return o;
}

std::string DefinitionPresenter::versions(const Request& request)
{
    const std::string code = request.string("skill");
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& v : _importer.versions(code)) list->add(versionJson(v));
    auto o = object();
    o->set("skill", code);
    o->set("versions", list);
    return toJson(o);
}

std::string DefinitionPresenter::diff(const Request& request)
{
    const std::string code = request.string("skill");
    const std::string from = request.string("from"), to = request.string("to");
    const auto levels = levelsJson(_importer.diff(code, from, to));
    auto o = object();
    o->set("skill", code);
    o->set("from", versionJson(_importer.version(code, from)));
    o->set("to", versionJson(_importer.version(code, to)));
    o->set("levels", levels);
    return toJson(o);
}

std::string DefinitionPresenter::use(const Request& request)
{
    const std::string code = request.string("skill");
    Audience::of(request, _readers, ""); // a bad lang fails before anything is written
    const auto outcome = _importer.use(code, request.string("version"), _clock.now());
    store::DefinitionRepository definitions(_db);
    const auto current = definitions.currentSkill(code);
    const Audience reader = Audience::of(request, _readers, current ? current->framework.language : std::string());
    auto o = object();
    o->set("skill", code);
    o->set("result", outcome.unchanged ? "unchanged" : "current");
    o->set("version", versionJson(outcome.version));
    o->set("flaggedMappings", array(outcome.flaggedMappings));
    o->set("lang", reader.language());
    o->set("flagged", flaggedJson(outcome.flagged, reader));
    return toJson(o);
}

std::string DefinitionPresenter::skills(const Request&)
{
    store::DefinitionRepository definitions(_db);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const store::StoredSkill& s : definitions.currentSkills())
    {
        auto o = object();
        o->set("code", s.skill.code);
        o->set("name", s.skill.name.get(s.framework.language));
        o->set("language", s.framework.language);
        o->set("definition", s.definitionSha256);
        o->set("framework", s.framework.name);
        o->set("frameworkVersion", s.framework.version);
        Poco::JSON::Array::Ptr defined = new Poco::JSON::Array;
        for (const auto& level : s.skill.levels)
            if (level.defined) defined->add(level.number);
        o->set("definedLevels", defined);
        o->set("importedAt", s.importedAt);
        list->add(o);
    }
    auto o = object();
    o->set("skills", list);
    return toJson(o);
}

std::string DefinitionPresenter::show(const Request& request)
{
    const std::string code = request.string("code");
    const int level = request.optInt("level").value_or(0);
    if (request.has("level") && (level < 1 || level > 7)) request.fail("level", "must be from 1 to 7");

    store::DefinitionRepository definitions(_db);
    auto stored = definitions.currentSkill(code);
    if (!stored) throw runtime::Error::notFound("show: no skill with code '" + code + "' has been imported");
    if (level > 0 && !stored->skill.level(level))
        throw runtime::Error::notFound("show: skill " + code + " has no level " + std::to_string(level));
    const std::string language = request.optString("language").value_or(stored->framework.language);
    return toJson(skillJson(*stored, language, level));
}

Poco::JSON::Object::Ptr DefinitionPresenter::skillJson(const store::StoredSkill& stored, const std::string& language,
                                                       int level)
{
    const definition::Skill& s = stored.skill;
    auto o = object();
    o->set("code", s.code);
    o->set("name", s.name.get(language));
    o->set("language", language);
    o->set("description", s.description.get(language));
    o->set("guidanceNotes", s.guidanceNotes.get(language));
    o->set("activitiesIntro", s.activitiesIntro.get(language));
    Poco::JSON::Array::Ptr activities = new Poco::JSON::Array;
    for (const auto& a : s.activities) activities->add(a.get(language));
    o->set("activities", activities);
    o->set("developmentIntro", s.developmentIntro.get(language));
    if (s.lowerLevelsNotDefined) o->set("lowerLevelsNotDefined", guidanceJson(*s.lowerLevelsNotDefined, language));
    else o->set("lowerLevelsNotDefined", Poco::Dynamic::Var());
    o->set("definition", stored.definitionSha256);

    auto f = object();
    f->set("name", stored.framework.name);
    f->set("version", stored.framework.version);
    f->set("title", stored.framework.title.get(language));
    f->set("sourceUrl", stored.framework.sourceUrl);
    f->set("copyright", stored.framework.copyright);
    f->set("licence", stored.framework.licence);
    o->set("framework", f);

    Poco::JSON::Array::Ptr levels = new Poco::JSON::Array;
    for (const definition::Level& l : s.levels)
    {
        if (level > 0 && l.number != level) continue;
        auto lo = object();
        lo->set("number", l.number);
        lo->set("defined", l.defined);
        lo->set("guidingPhrase", l.guidingPhrase.get(language));
        lo->set("essence", l.essence.get(language));
        lo->set("textSha256", l.textSha256);
        Poco::JSON::Array::Ptr responsibilities = new Poco::JSON::Array;
        for (const definition::Responsibility& r : l.responsibilities)
        {
            auto ro = object();
            ro->set("id", r.id);
            ro->set("position", r.position);
            ro->set("text", r.text.get(language));
            ro->set("textSha256", r.textSha256);
            responsibilities->add(ro);
        }
        lo->set("responsibilities", responsibilities);
        lo->set("developmentGuidance", l.developmentGuidance.get(language));
        if (l.defined) lo->set("notDefined", Poco::Dynamic::Var());
        else lo->set("notDefined", guidanceJson(l.notDefined, language));
        levels->add(lo);
    }
    o->set("levels", levels);
    return o;
}

}
} // namespace sfe::presenter
