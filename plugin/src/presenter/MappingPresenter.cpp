//
// MappingPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/MappingPresenter.h"

#include "sfe/plugin/HostServices.h"
#include "sfe/presenter/HtmlPage.h"
#include "sfe/presenter/Json.h"
#include "sfe/runtime/Error.h"

namespace sfe {
namespace presenter {

MappingPresenter::MappingPresenter(service::MappingService& mappings, plugin::HostServices& host,
                                   Audience::Defaults audience):
    _mappings(mappings),
    _host(host),
    _audience(std::move(audience))
{}

Poco::JSON::Object::Ptr MappingPresenter::mappingJson(const store::MappingRecord& m)
{
    auto activity = object();
    activity->set("id", m.activity.id);
    activity->set("iri", m.activity.iri);
    activity->set("name", m.activity.name);
    activity->set("type", m.activity.type);
    auto o = object();
    o->set("id", m.id);
    o->set("activity", activity);
    o->set("skill", m.skillCode);
    o->set("level", m.level);
    o->set("definition", m.definitionSha256);
    std::vector<std::string> ids;
    for (const auto& r : m.responsibilities) ids.push_back(r.id);
    o->set("responsibilities", array(ids));
    o->set("createdAt", m.createdAt);
    o->set("flagged", m.flaggedAt.has_value());
    o->set("flaggedAt", m.flaggedAt ? Poco::Dynamic::Var(*m.flaggedAt) : Poco::Dynamic::Var());
    o->set("flagReason", m.flagReason ? Poco::Dynamic::Var(*m.flagReason) : Poco::Dynamic::Var());
    return o;
}

std::string MappingPresenter::map(const Request& request)
{
    service::MapRequest m;
    m.activity = request.string("activity");
    m.name = request.optString("name");
    m.type = request.optString("type");
    m.skill = request.string("skill");
    auto level = request.optInt("level");
    if (!level) request.fail("level", "is required");
    m.level = *level;
    m.responsibilities = request.strings("responsibilities");
    return toJson(outcomeJson(_mappings.map(m, _host.now())));
}

Poco::JSON::Object::Ptr MappingPresenter::outcomeJson(const service::MapOutcome& outcome)
{
    auto o = object();
    o->set("mapping", mappingJson(outcome.mapping));
    o->set("replaced", outcome.replaced ? Poco::Dynamic::Var(mappingJson(*outcome.replaced)) : Poco::Dynamic::Var());
    auto change = [&](const std::optional<std::string>& from, const std::string& to) {
        if (!from) return Poco::Dynamic::Var();
        auto c = object();
        c->set("activity", outcome.mapping.activity.id);
        c->set("from", *from);
        c->set("to", to);
        c->set("mappings", outcome.activityMappings);
        return Poco::Dynamic::Var(c);
    };
    o->set("renamed", change(outcome.renamedFrom, outcome.mapping.activity.name));
    o->set("retyped", change(outcome.retypedFrom, outcome.mapping.activity.type));
    return o;
}

std::string MappingPresenter::importCsv(const Request& request)
{
    request.allowOnly({"csv", "file", "dryRun"}); // a misspelt dryRun must not write
    const std::string csv = request.optText("csv").value_or("");
    const std::string file = request.optString("file").value_or("mappings.csv");
    const auto result = _mappings.importCsv(csv, file, request.optBool("dryRun").value_or(false), _host.now());
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& row : result.rows)
    {
        auto o = outcomeJson(row.map);
        o->set("line", row.line);
        o->set("outcome", row.outcome);
        rows->add(o);
    }
    auto o = object();
    o->set("file", file);
    o->set("dryRun", result.dryRun);
    o->set("added", result.added);
    o->set("replaced", result.replaced);
    o->set("unchanged", result.unchanged);
    o->set("rows", rows);
    return toJson(o);
}

Request::Page MappingPresenter::page(const Request& request)
{
    // The cursor is the id of the mapping a page ended at: the order (skill, level, activity) is
    // no sequence number, and a mapping's id keeps its place in it even once removed.
    return request.keyedPage([this](const std::string& id) {
        return id.size() <= 64 && id.find_first_not_of("0123456789abcdef-") == std::string::npos &&
               _mappings.isMapping(id);
    });
}

std::string MappingPresenter::exportCsv(const Request& request)
{
    // A page at a time as every list ("limit", "after"; "next" while there are more): the pages'
    // "csv" texts, in order, are the whole file.
    const Request::Page page = MappingPresenter::page(request);
    auto records = _mappings.mappings(std::nullopt, page.afterKey, page.limit + 1);
    const bool more = records.size() > page.limit;
    if (more) records.pop_back();
    auto o = object();
    o->set("csv", service::MappingService::exportCsv(records, page.afterKey.empty()));
    o->set("rows", records.size());
    if (more) o->set("next", request.nextCursor(records.back().id));
    return toJson(o);
}

std::string MappingPresenter::unmap(const Request& request)
{
    auto removed = _mappings.unmap(request.optString("mapping"), request.optString("activity"),
                                   request.optString("skill"), request.optInt("level"), _host.now());
    auto o = object();
    o->set("removed", array(removed));
    return toJson(o);
}

std::string MappingPresenter::mappings(const Request& request)
{
    // A page at a time ("limit", "after"; "next" while there are more).
    const Request::Page page = MappingPresenter::page(request);
    auto records = _mappings.mappings(request.optString("skill"), page.afterKey, page.limit + 1);
    const bool more = records.size() > page.limit;
    if (more) records.pop_back();
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& m : records) list->add(mappingJson(m));
    auto o = object();
    o->set("mappings", list);
    if (more) o->set("next", request.nextCursor(records.back().id));
    return toJson(o);
}

std::string MappingPresenter::activityText(const std::string& name, const std::string& type, const Audience& reader)
{
    return reader.text("admin.activity", i18n::MessageArgs().set("name", name).set("type", type));
}

Poco::JSON::Array::Ptr MappingPresenter::reasonsJson(const std::vector<service::ReviewReason>& reasons,
                                                     const Audience& reader)
{
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& r : reasons)
    {
        auto o = object();
        o->set("kind", r.name());
        o->set("responsibility",
               r.responsibility.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.responsibility));
        o->set("level", r.level);
        o->set("text", reader.text(std::string("admin.reason.") + r.name(),
                                   i18n::MessageArgs().set("id", r.responsibility).set("level", r.level)));
        list->add(o);
    }
    return list;
}

Poco::JSON::Object::Ptr MappingPresenter::coverageJson(const service::CoverageView& view, const Audience& reader)
{
    const std::string& language = reader.language();
    auto mappingView = [&](const service::CoverageView::Mapping& m) {
        auto o = object();
        o->set("mapping", m.id);
        o->set("activity", m.activity);
        o->set("name", m.name);
        o->set("type", m.type);
        o->set("text", activityText(m.name, m.type, reader));
        o->set("flagged", m.flagged);
        if (!m.flagged)
        {
            o->set("review", Poco::Dynamic::Var());
            return o;
        }
        // Reasons against the current version; a flag whose texts read the same again keeps its note.
        auto review = object();
        review->set("mark", reader.text("coverage.mark.review"));
        review->set("flaggedAt", m.flaggedAt ? Poco::Dynamic::Var(*m.flaggedAt) : Poco::Dynamic::Var());
        review->set("reasons", reasonsJson(m.reasons, reader));
        std::string text;
        for (const auto& r : m.reasons)
            text += (text.empty() ? "" : "; ") +
                    reader.text(std::string("admin.reason.") + r.name(),
                                i18n::MessageArgs().set("id", r.responsibility).set("level", r.level));
        if (text.empty()) text = m.flagReason.value_or("");
        review->set("text", reader.text("coverage.review", i18n::MessageArgs().set("reasons", text)));
        review->set("note", m.flagReason ? Poco::Dynamic::Var(*m.flagReason) : Poco::Dynamic::Var());
        o->set("review", review);
        return o;
    };
    auto texts = [&](const std::vector<service::CoverageView::Mapping>& list, bool flagged) {
        std::vector<std::string> out;
        for (const auto& m : list)
            if (m.flagged == flagged) out.push_back(activityText(m.name, m.type, reader));
        return out;
    };
    auto joined = [](const std::vector<std::string>& parts) {
        std::string out;
        for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
        return out;
    };

    const std::string name = view.name.get(language);
    Poco::JSON::Array::Ptr levels = new Poco::JSON::Array;
    for (const auto& level : view.levels)
    {
        const std::string phrase = level.guidingPhrase.get(language);
        const std::string wholeLevel = joined(texts(level.wholeLevel, false));
        auto lo = object();
        lo->set("level", level.number);
        lo->set("guidingPhrase", phrase);
        lo->set("heading",
                reader.text("coverage.level", i18n::MessageArgs().set("level", level.number).set("phrase", phrase)));
        Poco::JSON::Array::Ptr responsibilities = new Poco::JSON::Array;
        std::vector<std::string> uncovered, levelWide;
        for (const auto& r : level.responsibilities)
        {
            auto ro = object();
            ro->set("id", r.id);
            ro->set("text", r.text.get(language));
            ro->set("state", service::CoverageView::stateName(r.state));
            std::vector<std::string> ids;
            Poco::JSON::Array::Ptr mappings = new Poco::JSON::Array;
            for (const auto& m : r.mappings)
            {
                if (!m.flagged) ids.push_back(m.activity);
                mappings->add(mappingView(m));
            }
            ro->set("activities", array(ids)); // the activities that cover it
            ro->set("mappings", mappings);     // every mapping naming it, flagged ones marked
            ro->set("covered", r.state == service::CoverageView::State::Covered);
            ro->set("coveredAsWhole", r.state == service::CoverageView::State::CoveredAsWhole);
            ro->set("uncovered", r.state == service::CoverageView::State::Uncovered);
            ro->set(
                "stateText",
                reader.text(
                    std::string("coverage.state.") + service::CoverageView::stateName(r.state),
                    i18n::MessageArgs().set("activities", joined(texts(r.mappings, false))).set("whole", wholeLevel)));
            if (r.state == service::CoverageView::State::Uncovered) uncovered.push_back(r.id);
            responsibilities->add(ro);
        }
        lo->set("responsibilities", responsibilities);
        lo->set("uncovered", array(uncovered));
        Poco::JSON::Array::Ptr whole = new Poco::JSON::Array;
        for (const auto& m : level.wholeLevel)
        {
            if (!m.flagged) levelWide.push_back(m.activity);
            whole->add(mappingView(m));
        }
        lo->set("levelWideActivities", array(levelWide));
        lo->set("wholeLevel", whole);
        lo->set("wholeLevelText", reader.text(levelWide.empty() ? "coverage.wholeLevel.none" : "coverage.wholeLevel",
                                              i18n::MessageArgs()
                                                  .set("level", level.number)
                                                  .set("activities", wholeLevel)
                                                  .set("count", level.responsibilities.size())));
        lo->set("summary", reader.text("coverage.levelSummary", i18n::MessageArgs()
                                                                    .set("total", level.responsibilities.size())
                                                                    .set("covered", level.covered)
                                                                    .set("whole", level.coveredAsWhole)
                                                                    .set("uncovered", level.uncovered)));
        levels->add(lo);
    }

    auto labels = object();
    for (const char* key : {"id", "sentence", "state", "activities", "wholeLevel", "meaning", "flagged"})
        labels->set(key, reader.text(std::string("coverage.label.") + key));

    auto o = object();
    o->set("lang", language);
    o->set("skill", view.skill);
    o->set("name", name);
    o->set("definition", view.definitionSha256);
    o->set("title", reader.text("coverage.title", i18n::MessageArgs().set("skill", view.skill).set("name", name)));
    o->set("responsibilities", view.responsibilities);
    o->set("covered", view.covered);
    o->set("coveredAsWhole", view.coveredAsWhole);
    o->set("uncovered", view.uncovered);
    o->set("flagged", view.flagged);
    o->set("summary", reader.text("coverage.summary", i18n::MessageArgs()
                                                          .set("skill", view.skill)
                                                          .set("total", view.responsibilities)
                                                          .set("covered", view.covered)
                                                          .set("whole", view.coveredAsWhole)
                                                          .set("uncovered", view.uncovered)
                                                          .set("flagged", view.flagged)));
    o->set("labels", labels);
    o->set("levels", levels);
    return o;
}

std::string MappingPresenter::coverage(const Request& request)
{
    request.allowOnly({"skill", "format"});
    const std::string format = request.optString("format").value_or("json");
    if (format != "json" && format != "html")
        request.fail("format", "must be json or html (not '" + runtime::Error::printable(format, 32) + "')");
    const service::CoverageView view = _mappings.coverage(request.string("skill"));
    const Audience reader = Audience::of(request, _audience, view.definitionLanguage);
    const auto o = coverageJson(view, reader);
    if (format == "json") return toJson(o);
    auto page = object();
    page->set("html", HtmlPage::render("coverage", *o));
    return toJson(page);
}

}
} // namespace sfe::presenter
