//
// StatementTemplateChecker.cpp
//
// Library: sfe_xapi
// Package: profile
//

#include "sfe/xapi/StatementTemplateChecker.h"
#include "sfe/xapi/JsonPath.h"
#include "sfe/xapi/JsonWriter.h"
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <optional>
#include <sstream>

namespace sfe {
namespace xapi {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

/// A value found by a rule's location; nullopt is the spec's UNMATCHABLE (a selector found nothing).
using Found = std::optional<Var>;

Array::Ptr arrayOf(const Object::Ptr& o, const std::string& name)
{
    if (!o || !o->has(name)) return nullptr;
    const Var v = o->get(name);
    return v.type() == typeid(Array::Ptr) ? v.extract<Array::Ptr>() : Array::Ptr();
}

std::string display(const Var& v)
{
    if (v.isEmpty()) return "null";
    if (v.isString())
    {
        std::string out;
        JsonWriter::appendQuoted(out, v.extract<std::string>());
        return out;
    }
    return v.toString();
}

std::string display(const std::vector<Var>& values)
{
    std::string out = "[";
    for (const auto& v : values) out += (out.size() > 1 ? ", " : "") + display(v);
    return out + "]";
}

bool sameValue(const Var& a, const Var& b)
{
    if (a.isEmpty() || b.isEmpty()) return a.isEmpty() && b.isEmpty();
    if (a.isString() || b.isString())
        return a.isString() && b.isString() && a.extract<std::string>() == b.extract<std::string>();
    if (a.isBoolean() || b.isBoolean()) return a.isBoolean() && b.isBoolean() && a.convert<bool>() == b.convert<bool>();
    if (a.isNumeric() && b.isNumeric()) return a.convert<double>() == b.convert<double>();
    return a.toString() == b.toString(); // objects and arrays: their JSON text
}

bool contains(const std::vector<Var>& list, const Var& v)
{
    for (const auto& e : list)
        if (sameValue(e, v)) return true;
    return false;
}

std::vector<Var> listOf(const Object::Ptr& o, const std::string& name)
{
    std::vector<Var> out;
    if (const Array::Ptr a = arrayOf(o, name))
        for (std::size_t i = 0; i < a->size(); ++i) out.push_back(a->get(static_cast<unsigned>(i)));
    return out;
}

std::string text(const Object::Ptr& o, const std::string& name)
{
    return o && o->has(name) && o->get(name).isString() ? o->get(name).extract<std::string>() : std::string();
}

/// The statement with single context activities wrapped in arrays (a copy, only if needed).
Object::Ptr normalised(const Object::Ptr& statement)
{
    const Var context = statement->has("context") ? statement->get("context") : Var();
    if (context.type() != typeid(Object::Ptr)) return statement;
    const Var activities = context.extract<Object::Ptr>()->has("contextActivities")
                               ? context.extract<Object::Ptr>()->get("contextActivities")
                               : Var();
    if (activities.type() != typeid(Object::Ptr)) return statement;
    bool needed = false;
    for (const auto& m : *activities.extract<Object::Ptr>()) needed = needed || m.second.type() == typeid(Object::Ptr);
    if (!needed) return statement;

    std::ostringstream json;
    statement->stringify(json);
    const Object::Ptr copy = Poco::JSON::Parser().parse(json.str()).extract<Object::Ptr>();
    Object::Ptr ca = copy->getObject("context")->getObject("contextActivities");
    for (const auto& name : std::vector<std::string>{"parent", "grouping", "category", "other"})
        if (ca->has(name) && ca->get(name).type() == typeid(Object::Ptr))
        {
            Array::Ptr wrapped = new Array;
            wrapped->add(ca->get(name));
            ca->set(name, wrapped);
        }
    return copy;
}

} // namespace

StatementTemplateChecker::StatementTemplateChecker(Profile profile):
    _profile(std::move(profile))
{
    for (const auto& id : _profile.templateIds())
        for (const auto& rule : listOf(_profile.findTemplate(id), "rules"))
            if (rule.type() == typeid(Object::Ptr))
            {
                JsonPath location(text(rule.extract<Object::Ptr>(), "location"));
                if (rule.extract<Object::Ptr>()->has("selector"))
                    JsonPath selector(text(rule.extract<Object::Ptr>(), "selector"));
            }
}

Problems StatementTemplateChecker::check(const Object::Ptr& statement, const std::string& templateId) const
{
    if (!statement) throw Poco::NullPointerException("statement");
    return checkNormalised(normalised(statement), templateId, 0);
}

Problems StatementTemplateChecker::check(const std::string& statementJson, const std::string& templateId) const
{
    const Var v = Poco::JSON::Parser().parse(statementJson);
    if (v.type() != typeid(Object::Ptr)) throw Poco::DataFormatException("statement JSON is not an object");
    return check(v.extract<Object::Ptr>(), templateId);
}

std::vector<std::string> StatementTemplateChecker::matchingTemplates(const Object::Ptr& statement) const
{
    std::vector<std::string> out;
    const Object::Ptr s = normalised(statement);
    for (const auto& id : _profile.templateIds())
    {
        Problems p;
        checkDeterminingProperties(s, _profile.findTemplate(id), p);
        if (p.empty()) out.push_back(id);
    }
    return out;
}

Problems StatementTemplateChecker::checkNormalised(const Object::Ptr& statement, const std::string& templateId,
                                                   int depth) const
{
    const Object::Ptr tmpl = _profile.findTemplate(templateId);
    if (!tmpl)
        throw Poco::NotFoundException("xAPI Profile " + _profile.id() + " has no Statement Template", templateId);
    Problems problems;
    checkDeterminingProperties(statement, tmpl, problems);
    checkStatementRefs(statement, tmpl, problems, depth);
    checkRules(statement, tmpl, problems);
    return problems;
}

void StatementTemplateChecker::checkDeterminingProperties(const Object::Ptr& statement, const Object::Ptr& tmpl,
                                                          Problems& problems) const
{
    const std::string templateId = text(tmpl, "id");
    auto single = [&](const char* property, const char* location) {
        if (!tmpl->has(property)) return;
        const std::string required = text(tmpl, property);
        const std::vector<Var> found = JsonPath(location).evaluate(Var(statement));
        if (found.size() == 1 && sameValue(found[0], Var(required))) return;
        problems.push_back({location, (found.empty() ? std::string("is missing") : "is " + display(found[0])) +
                                          "; template " + templateId + " requires " + property + " " +
                                          display(Var(required))});
    };
    single("verb", "$.verb.id");
    single("objectActivityType", "$.object.definition.type");

    auto superset = [&](const char* property, const std::string& location) {
        const std::vector<Var> found = JsonPath(location).evaluate(Var(statement));
        for (const auto& required : listOf(tmpl, property))
            if (!contains(found, required))
                problems.push_back({location, "has no " + display(required) + " (template " + templateId +
                                                  " requires " + property + " " + display(listOf(tmpl, property)) +
                                                  ")"});
    };
    superset("contextParentActivityType", "$.context.contextActivities.parent[*].definition.type");
    superset("contextGroupingActivityType", "$.context.contextActivities.grouping[*].definition.type");
    superset("contextCategoryActivityType", "$.context.contextActivities.category[*].definition.type");
    superset("contextOtherActivityType", "$.context.contextActivities.other[*].definition.type");
    superset("attachmentUsageType", "$.attachments[*].usageType");
}

void StatementTemplateChecker::checkStatementRefs(const Object::Ptr& statement, const Object::Ptr& tmpl,
                                                  Problems& problems, int depth) const
{
    auto refs = [&](const char* property, const std::string& location) {
        if (!tmpl->has(property)) return;
        const std::vector<Var> targets = JsonPath(location).evaluate(Var(statement));
        const Object::Ptr ref = targets.size() == 1 && targets[0].type() == typeid(Object::Ptr)
                                    ? targets[0].extract<Object::Ptr>()
                                    : Object::Ptr();
        if (!ref || text(ref, "objectType") != "StatementRef")
        {
            problems.push_back({location, std::string("must be a StatementRef (template ") + text(tmpl, "id") +
                                              " has " + property + ")"});
            return;
        }
        if (!_lookup || depth > 8) return;
        const Object::Ptr other = _lookup(text(ref, "id"));
        if (!other) return;
        for (const auto& allowed : listOf(tmpl, property))
            if (checkNormalised(normalised(other), allowed.toString(), depth + 1).empty()) return;
        problems.push_back(
            {location + ".id", "refers to a statement that follows none of " + display(listOf(tmpl, property))});
    };
    refs("objectStatementRefTemplate", "$.object");
    refs("contextStatementRefTemplate", "$.context.statement");
}

void StatementTemplateChecker::checkRules(const Object::Ptr& statement, const Object::Ptr& tmpl,
                                          Problems& problems) const
{
    const std::vector<Var> rules = listOf(tmpl, "rules");
    for (std::size_t i = 0; i < rules.size(); ++i)
    {
        if (rules[i].type() != typeid(Object::Ptr)) continue;
        const Object::Ptr rule = rules[i].extract<Object::Ptr>();
        const std::string location = text(rule, "location");
        const std::string label = "rule " + std::to_string(i) + " of " + text(tmpl, "id");
        auto fail = [&](const std::string& message) { problems.push_back({location, label + ": " + message}); };

        std::vector<Found> values;
        for (const auto& v : JsonPath(location).evaluate(Var(statement))) values.emplace_back(v);
        if (rule->has("selector"))
        {
            const JsonPath selector(text(rule, "selector"));
            std::vector<Found> selected;
            for (const auto& v : values)
            {
                const std::vector<Var> s = selector.evaluate(*v);
                if (s.empty()) selected.emplace_back(std::nullopt);
                else selected.insert(selected.end(), s.begin(), s.end());
            }
            values.swap(selected);
        }
        std::vector<Var> matchable;
        bool unmatchable = false;
        for (const auto& v : values)
        {
            if (v) matchable.push_back(*v);
            else unmatchable = true;
        }

        bool strict = true;
        const std::string presence = text(rule, "presence");
        if (presence == "included")
        {
            if (values.empty())
            {
                fail("presence is \"included\" but no value is there");
                continue;
            }
            if (unmatchable)
            {
                fail("presence is \"included\" but the selector found nothing in some values");
                continue;
            }
        }
        else if (presence == "excluded")
        {
            if (!matchable.empty())
            {
                fail("presence is \"excluded\" but found " + display(matchable));
                continue;
            }
        }
        else if (presence == "recommended") strict = false;

        const bool apply = strict || !values.empty();
        if (rule->has("any") && apply)
        {
            const std::vector<Var> any = listOf(rule, "any");
            bool hit = false;
            for (const auto& v : matchable) hit = hit || contains(any, v);
            if (!hit)
            {
                fail("found " + display(matchable) + ", none of which is in \"any\" " + display(any));
                continue;
            }
        }
        if (rule->has("all") && apply)
        {
            const std::vector<Var> all = listOf(rule, "all");
            if (unmatchable)
            {
                fail("\"all\" is given but the selector found nothing in some values");
                continue;
            }
            bool bad = false;
            for (const auto& v : matchable)
                if (!contains(all, v))
                {
                    fail("found " + display(v) + ", which is not in \"all\" " + display(all));
                    bad = true;
                    break;
                }
            if (bad) continue;
        }
        if (rule->has("none") && apply)
        {
            const std::vector<Var> none = listOf(rule, "none");
            for (const auto& v : matchable)
                if (contains(none, v))
                {
                    fail("found " + display(v) + ", which \"none\" forbids");
                    break;
                }
        }
    }
}

}
} // namespace sfe::xapi
