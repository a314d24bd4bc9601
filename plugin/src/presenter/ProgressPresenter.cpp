//
// ProgressPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/ProgressPresenter.h"

#include "sfe/presenter/EvidencePresenter.h"
#include "sfe/presenter/HtmlPage.h"
#include "sfe/presenter/Json.h"
#include "sfe/runtime/Error.h"
#include "sfe/runtime/Time.h"
#include "sfe/service/ProgressView.h"

#include <set>

namespace sfe {
namespace presenter {

namespace {

using service::ResponsibilityView;

void collect(std::set<std::string>& ids, const std::vector<std::string>& more)
{
    ids.insert(more.begin(), more.end());
}

/// A stored UTC time as the reader's calendar day; "" for none.
std::string day(const Audience& reader, const std::string& utc)
{
    if (utc.empty()) return "";
    auto at = runtime::parseTime(utc);
    return at ? reader.times().date(*at) : utc;
}

const char* stateName(ResponsibilityView::State state)
{
    switch (state)
    {
        case ResponsibilityView::State::Verified:
            return "verified";
        case ResponsibilityView::State::Demonstrated:
            return "demonstrated";
        case ResponsibilityView::State::Partial:
            return "partial";
        default:
            return "not-yet";
    }
}

/// The CSS class of a state on the page (the state is also written out: never colour alone).
const char* stateClass(const ResponsibilityView& r)
{
    if (r.counts) return "state-done";
    return r.state == ResponsibilityView::State::NotYet ? "state-open" : "state-partial";
}

std::string stateText(const Audience& reader, const ResponsibilityView& r)
{
    i18n::MessageArgs args;
    args.set("date", day(reader, r.decidedAt)).set("assessor", r.assessor).set("verified", day(reader, r.verifiedAt));
    switch (r.state)
    {
        case ResponsibilityView::State::Verified:
            return reader.text("progress.state.verified", args);
        case ResponsibilityView::State::Demonstrated:
            return reader.text("progress.state.demonstrated", args);
        case ResponsibilityView::State::Partial:
            return reader.text("progress.state.partial", args);
        default:
            return reader.text("progress.state.notYet");
    }
}

std::string activityType(const Audience& reader, const std::string& type)
{
    if (type == "course" || type == "module" || type == "assessment" || type == "task")
        return reader.text("progress.activityType." + type);
    return type;
}

Poco::JSON::Object::Ptr responsibilityJson(const Audience& reader, const ResponsibilityView& r,
                                           const service::ResponsibilityProgress* ids)
{
    auto o = object();
    o->set("id", r.id);
    o->set("sentence", r.sentence);
    o->set("state", stateName(r.state));
    o->set("stateText", stateText(reader, r));
    o->set("stateClass", stateClass(r));
    o->set("counts", r.counts);
    o->set("demonstratedAt", r.decidedAt.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.decidedAt));
    o->set("assessor", r.assessor.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.assessor));
    o->set("verifiedAt", r.verifiedAt.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.verifiedAt));
    o->set("earlierWording", r.earlierWording);
    if (r.earlierWording)
    {
        o->set("earlierWordingText", reader.text("progress.earlierWording"));
        if (!r.earlierSentence.empty())
            o->set("earlierSentence",
                   reader.text("progress.earlierSentence", i18n::MessageArgs().set("sentence", r.earlierSentence)));
    }
    o->set("learningRecords", r.learning);
    if (ids) // explain: the records behind the state
    {
        o->set("learning", array(ids->learning));
        o->set("demonstrated", array(ids->demonstrated));
        o->set("verified", array(ids->verified));
        o->set("otherAttestations", array(ids->otherAttestations));
    }
    return o;
}

/// The reasons a level is not attained, in the reader's language (AttainmentRule::attained gives
/// the same in English, as "why", with explain).
Poco::JSON::Array::Ptr reasons(const Audience& reader, const service::LevelView& l, const std::string& rule)
{
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    if (!l.defined || l.attained) return list;
    for (const auto& r : l.responsibilities)
    {
        if (r.counts) continue;
        const bool demonstrated = r.state >= ResponsibilityView::State::Demonstrated;
        list->add(reader.text(demonstrated ? "progress.reason.notVerified" : "progress.reason.notDemonstrated",
                              i18n::MessageArgs().set("sentence", r.sentence).set("id", r.id)));
    }
    if (rule == "all-demonstrated-and-learning")
    {
        if (l.activities.empty()) list->add(reader.text("progress.reason.noActivities"));
        else if (l.activitiesMissing > 0)
            list->add(
                reader.text("progress.reason.activities",
                            i18n::MessageArgs().set("missing", l.activitiesMissing).set("total", l.activities.size())));
    }
    return list;
}

Poco::JSON::Object::Ptr levelJson(const Audience& reader, const service::ProgressView& v, const service::LevelView& l,
                                  const service::LevelProgress& lp, bool explain, std::set<std::string>& deciding)
{
    const i18n::MessageArgs number = i18n::MessageArgs().set("level", l.level).set("phrase", l.guidingPhrase);
    auto o = object();
    o->set("level", l.level);
    o->set("defined", l.defined);
    o->set("heading", reader.text(l.defined ? "progress.levelHeading" : "progress.levelNotDefinedHeading", number));
    o->set("guidingPhrase", l.guidingPhrase);
    o->set("essence", l.essence.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(l.essence));
    o->set("attained", l.attained);
    o->set("attainedAt", l.attainedAt.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(l.attainedAt));
    o->set("stateText",
           !l.defined   ? reader.text("progress.notDefined")
           : l.attained ? reader.text("progress.attainedOn", i18n::MessageArgs().set("date", day(reader, l.attainedAt)))
                        : reader.text("progress.notAttained"));
    if (lp.attainment)
    {
        auto a = object();
        a->set("attainedAt", lp.attainment->attainedAt);
        a->set("rule", lp.attainment->rule);
        if (explain) a->set("statement", lp.attainment->statementId);
        o->set("attainment", a);
    }
    else o->set("attainment", Poco::Dynamic::Var());
    if (!l.defined && !l.notDefinedReason.empty()) o->set("notDefinedReason", l.notDefinedReason);

    Poco::JSON::Array::Ptr responsibilities = new Poco::JSON::Array;
    std::size_t demonstrated = 0;
    for (std::size_t i = 0; i < l.responsibilities.size(); ++i)
    {
        const service::ResponsibilityProgress& ids = lp.responsibilities[i];
        responsibilities->add(responsibilityJson(reader, l.responsibilities[i], explain ? &ids : nullptr));
        if (!ids.demonstrated.empty()) ++demonstrated;
        collect(deciding, ids.learning);
        collect(deciding, ids.demonstrated);
        collect(deciding, ids.otherAttestations);
    }
    collect(deciding, lp.levelWideLearning);
    o->set("responsibilities", responsibilities);
    o->set("hasResponsibilities", !l.responsibilities.empty());
    o->set("responsibilitiesDemonstrated", demonstrated);
    o->set("counted", l.counted);
    const bool verifiedRule = v.rule == "all-verified";
    o->set("countText",
           reader.text(verifiedRule ? "progress.count.verified" : "progress.count.demonstrated",
                       i18n::MessageArgs().set("counted", l.counted).set("total", l.responsibilities.size())));

    auto activities = object();
    std::size_t done = 0;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& a : l.activities)
    {
        auto ao = object();
        ao->set("name", a.name);
        ao->set("type", a.type);
        ao->set("typeText", activityType(reader, a.type));
        ao->set("done", a.done);
        ao->set("doneAt", a.doneAt.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(a.doneAt));
        ao->set("stateText",
                a.done ? reader.text("progress.activity.done", i18n::MessageArgs().set("date", day(reader, a.doneAt)))
                       : reader.text("progress.activity.notYet"));
        ao->set("stateClass", a.done ? "state-done" : "state-open");
        ao->set("covers", array(a.covers));
        ao->set("coversText", a.covers.empty()
                                  ? reader.text("progress.coversWholeLevel")
                                  : reader.text("progress.covers", i18n::MessageArgs().set("count", a.covers.size())));
        list->add(ao);
        if (a.done) ++done;
    }
    activities->set("done", done);
    activities->set("total", l.activities.size());
    activities->set("text", reader.text("progress.count.activities",
                                        i18n::MessageArgs().set("done", done).set("total", l.activities.size())));
    activities->set("list", list);
    if (explain) activities->set("doneIds", array(lp.activitiesDone));
    o->set("activities", activities);
    o->set("hasActivities", !l.activities.empty());

    if (!l.development.text.empty() || !l.development.steps.empty())
    {
        auto d = object();
        d->set("text", l.development.text);
        d->set("steps", array(l.development.steps));
        d->set("hasSteps", !l.development.steps.empty());
        o->set("development", d);
    }
    else o->set("development", Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr missing = new Poco::JSON::Array;
    for (const auto& r : l.responsibilities)
        if (!r.counts) missing->add(r.sentence);
    o->set("missing", missing);
    o->set("reasons", reasons(reader, l, v.rule));
    if (explain)
    {
        o->set("why", array(lp.why));
        o->set("levelWideLearning", array(lp.levelWideLearning));
    }
    return o;
}

/// The bar chart of the page: one bar per defined level, what the rule counts (the level's
/// countText) out of its responsibilities, attained levels marked in words. The template has no
/// arithmetic, and a host's Content-Security-Policy may forbid style attributes, so the geometry
/// is computed here as numbers for SVG presentation attributes (row y, bar width of a 0-100 %
/// track). ariaLabel says everything the bars show, for readers that do not see them.
Poco::JSON::Object::Ptr chartJson(const Audience& reader, const service::ProgressView& v,
                                  const Poco::JSON::Array& levels)
{
    constexpr int kRow = 32;    // one row per bar
    constexpr int kTrack = 240; // the bar's width at 100 %
    auto chart = object();
    Poco::JSON::Array::Ptr bars = new Poco::JSON::Array;
    const std::string title = reader.text("progress.chart.title", i18n::MessageArgs().set("skill", v.skillName));
    std::string spoken = title + ". " + reader.text("progress.chart.summary");
    for (std::size_t i = 0; i < v.levels.size(); ++i)
    {
        const service::LevelView& l = v.levels[i];
        if (!l.defined) continue;
        const std::size_t total = l.responsibilities.size();
        const int percent = total == 0 ? 0 : static_cast<int>((l.counted * 100 + total / 2) / total);
        const std::string count = levels.getObject(static_cast<unsigned>(i))->getValue<std::string>("countText");
        const int row = static_cast<int>(bars->size());
        auto bar = object();
        bar->set("level", l.level);
        bar->set("label", reader.text("progress.chart.level", i18n::MessageArgs().set("level", l.level)));
        bar->set("counted", l.counted);
        bar->set("total", total);
        bar->set("percent", percent);
        bar->set("width", percent * kTrack / 100);
        bar->set("track", kTrack);
        bar->set("y", row * kRow + 6);
        bar->set("textY", row * kRow + 21);
        bar->set("countText", count);
        bar->set("attained", l.attained);
        if (l.attained) bar->set("attainedText", reader.text("progress.chart.attained"));
        const std::string text = reader.text("progress.chart.bar", i18n::MessageArgs()
                                                                       .set("level", l.level)
                                                                       .set("count", count)
                                                                       .set("percent", percent)
                                                                       .set("attained", l.attained ? "yes" : "no"));
        bar->set("text", text);
        spoken += " " + text + ".";
        bars->add(bar);
    }
    chart->set("bars", bars);
    chart->set("any", bars->size() > 0);
    chart->set("title", title);
    chart->set("summary", reader.text("progress.chart.summary"));
    chart->set("ariaLabel", spoken);
    chart->set("height", static_cast<int>(bars->size()) * kRow + 8);
    return chart;
}

Poco::JSON::Object::Ptr skillJson(const Audience& reader, const service::ProgressView& v, bool explain,
                                  std::set<std::string>& deciding)
{
    auto so = object();
    so->set("skill", v.skill);
    so->set("name", v.skillName);
    so->set("heading",
            reader.text("progress.skillHeading", i18n::MessageArgs().set("name", v.skillName).set("code", v.skill)));
    so->set("definition", v.definitionSha256);
    so->set("rule", v.rule);
    so->set("ruleText", reader.text("progress.rule." + v.rule));
    so->set("development", v.development);
    Poco::JSON::Array::Ptr levels = new Poco::JSON::Array;
    for (std::size_t i = 0; i < v.levels.size(); ++i)
        levels->add(levelJson(reader, v, v.levels[i], v.progress.levels[i], explain, deciding));
    so->set("levels", levels);
    so->set("chart", chartJson(reader, v, *levels));

    so->set("nextLevel", v.nextLevel ? Poco::Dynamic::Var(*v.nextLevel) : Poco::Dynamic::Var());
    if (v.nextLevel)
    {
        const service::LevelView* next = nullptr;
        for (const auto& l : v.levels)
            if (l.level == *v.nextLevel) next = &l;
        so->set(
            "nextLevelText",
            reader.text("progress.nextLevel",
                        i18n::MessageArgs().set("level", *v.nextLevel).set("phrase", next ? next->guidingPhrase : "")));
        Poco::JSON::Array::Ptr missing =
            next ? reasons(reader, *next, v.rule) : Poco::JSON::Array::Ptr(new Poco::JSON::Array);
        so->set("nextMissing", missing);
        so->set("hasNextMissing", missing->size() > 0);
    }
    else so->set("nextLevelText", reader.text("progress.allAttained"));
    Poco::JSON::Array::Ptr steps = new Poco::JSON::Array;
    for (const auto& s : v.nextSteps)
    {
        auto st = object();
        st->set("activity", s.activity);
        st->set("type", s.type);
        st->set("typeText", activityType(reader, s.type));
        st->set("level", s.level);
        std::vector<std::string> sentences;
        for (const auto& id : s.covers) sentences.push_back(v.sentence(id));
        st->set("covers", array(sentences));
        st->set("hasCovers", !sentences.empty());
        st->set("coversText", s.covers.empty()
                                  ? reader.text("progress.coversWholeLevel")
                                  : reader.text("progress.covers", i18n::MessageArgs().set("count", s.covers.size())));
        steps->add(st);
    }
    so->set("nextSteps", steps);
    so->set("hasNextSteps", v.nextSteps.size() > 0);
    if (v.nextLevel && v.nextSteps.empty()) so->set("noNextStepsText", reader.text("progress.noNextSteps"));
    return so;
}

/// The headings and labels a page or a host's screen needs besides the view's own texts.
Poco::JSON::Object::Ptr labels(const Audience& reader)
{
    auto o = object();
    for (const char* key : {"responsibilities", "state", "activities", "activity", "development", "nextSteps",
                            "missing", "essence", "rule", "covers", "earlierWording"})
        o->set(key, reader.text(std::string("progress.label.") + key));
    return o;
}

} // namespace

ProgressPresenter::ProgressPresenter(service::ProgressService& progress, service::EvidenceService& evidence,
                                     plugin::HostServices& host, Audience::Defaults defaults):
    _progress(progress),
    _evidence(evidence),
    _host(host),
    _defaults(std::move(defaults))
{}

std::string ProgressPresenter::progress(const Request& request)
{
    request.allowOnly({"learner", "skill", "explain", "format"});
    const std::string learner = request.string("learner");
    const bool explain = request.optBool("explain").value_or(false);
    const std::string format = request.optString("format").value_or("json");
    if (format != "json" && format != "html") request.fail("format", "must be json or html (not '" + format + "')");
    std::vector<std::string> skills;
    if (auto skill = request.optString("skill")) skills.push_back(*skill);
    const std::vector<std::string> held = _progress.skillsOf(learner);
    const Audience reader = Audience::of(
        request, _defaults, _progress.definitionLanguage(skills.empty() ? (held.empty() ? "" : held[0]) : skills[0]));
    // A learner the store holds no evidence of (a mistyped id, or one erased) has no progress to
    // show: all-zero levels would read as a real, empty record.
    if (held.empty())
        throw runtime::Error::notFound(
            reader.text("progress.unknownLearner", i18n::MessageArgs().set("learner", learner)));
    if (skills.empty()) skills = held;

    std::set<std::string> deciding;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& code : skills)
    {
        if (_progress.definitionLanguage(code).empty())
            throw runtime::Error::notFound(
                reader.text("progress.unknownSkill", i18n::MessageArgs().set("skill", code)));
        list->add(skillJson(reader, _progress.view(learner, code, reader.language()), explain, deciding));
    }
    auto o = object();
    o->set("lang", reader.language());
    o->set("learner", learner);
    o->set("title", reader.text("progress.title", i18n::MessageArgs().set("learner", learner)));
    o->set("skills", list);
    if (explain)
    {
        // The records that decide the levels, each with its statements.
        auto records = object();
        for (auto& r : _progress.records(deciding))
        {
            auto ro = EvidencePresenter::evidenceJson(r.evidence);
            ro->set("statements", array(r.statements));
            records->set(r.evidence.id, ro);
        }
        o->set("evidence", records);
    }
    if (format == "html")
    {
        o->set("labels", labels(reader));
        o->set("footer", reader.text("progress.footer"));
        auto page = object();
        page->set("html", HtmlPage::render("progress", *o));
        return toJson(page);
    }
    return toJson(o);
}

std::string ProgressPresenter::verify(const Request& request)
{
    const std::string evidenceId = request.string("evidence");
    _evidence.verify(evidenceId, request.string("auditor"), request.optText("note"), _host.now());
    auto o = object();
    o->set("evidence", evidenceId);
    o->set("verified", true);
    return toJson(o);
}

}
} // namespace sfe::presenter
