//
// MappingPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/MappingPresenter.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"

namespace sfe {
namespace presenter {

MappingPresenter::MappingPresenter(runtime::Runtime& runtime, service::MappingService& mappings):
    _runtime(runtime),
    _mappings(mappings)
{
}

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
    return toJson(outcomeJson(_mappings.map(m, _runtime.host().now())));
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
    request.allowOnly({"csv", "file", "dryRun"});    // a misspelt dryRun must not write
    const std::string csv = request.optText("csv").value_or("");
    const std::string file = request.optString("file").value_or("mappings.csv");
    const auto result = _mappings.importCsv(csv, file, request.optBool("dryRun").value_or(false),
                                            _runtime.host().now());
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

std::string MappingPresenter::exportCsv(const Request& request)
{
    (void)request;
    std::size_t rows = 0;
    auto o = object();
    o->set("csv", _mappings.exportCsv(rows));
    o->set("rows", rows);
    return toJson(o);
}

std::string MappingPresenter::unmap(const Request& request)
{
    auto removed = _mappings.unmap(request.optString("mapping"), request.optString("activity"),
                                   request.optString("skill"), request.optInt("level"), _runtime.host().now());
    auto o = object();
    o->set("removed", array(removed));
    return toJson(o);
}

std::string MappingPresenter::mappings(const Request& request)
{
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& m : _mappings.mappings(request.optString("skill"))) list->add(mappingJson(m));
    auto o = object();
    o->set("mappings", list);
    return toJson(o);
}

std::string MappingPresenter::coverage(const Request& request)
{
    const std::string skill = request.string("skill");
    Poco::JSON::Array::Ptr levels = new Poco::JSON::Array;
    std::size_t total = 0, uncovered = 0;
    for (const auto& c : _mappings.coverage(skill))
    {
        auto lo = object();
        lo->set("level", c.level);
        Poco::JSON::Array::Ptr responsibilities = new Poco::JSON::Array;
        for (const auto& [id, activities] : c.coveredBy)
        {
            auto ro = object();
            ro->set("id", id);
            ro->set("activities", array(activities));
            responsibilities->add(ro);
        }
        lo->set("responsibilities", responsibilities);
        lo->set("uncovered", array(c.uncovered));
        lo->set("levelWideActivities", array(c.levelWideActivities));
        levels->add(lo);
        total += c.responsibilities.size();
        uncovered += c.uncovered.size();
    }
    auto o = object();
    o->set("skill", skill);
    o->set("responsibilities", total);
    o->set("uncovered", uncovered);
    o->set("levels", levels);
    return toJson(o);
}

} } // namespace sfe::presenter
