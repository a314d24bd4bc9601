//
// Profile.cpp
//
// Library: sfe_xapi
// Package: profile
//

#include "sfe/xapi/Profile.h"
#include "sfe/xapi/Iri.h"
#include "sfe/xapi/JsonPath.h"
#include "sfe/xapi/JsonWriter.h"
#include "sfe/xapi/LanguageTag.h"
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>
#include <functional>
#include <map>
#include <set>

namespace sfe {
namespace xapi {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

const char* const kProfileContext = "https://w3id.org/xapi/profiles/context";
const char* const kActivityContext = "https://w3id.org/xapi/profiles/activity-context";
const char* const kConformsTo = "https://w3id.org/xapi/profiles#1.0";

bool isObject(const Var& v)
{
    return v.type() == typeid(Object::Ptr) && !v.extract<Object::Ptr>().isNull();
}
bool isArray(const Var& v)
{
    return v.type() == typeid(Array::Ptr) && !v.extract<Array::Ptr>().isNull();
}
Object::Ptr asObject(const Var& v)
{
    return isObject(v) ? v.extract<Object::Ptr>() : Object::Ptr();
}
Array::Ptr asArray(const Var& v)
{
    return isArray(v) ? v.extract<Array::Ptr>() : Array::Ptr();
}

std::string member(const std::string& path, const std::string& name)
{
    return path + "." + name;
}
std::string element(const std::string& path, std::size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

/// One run of Profile::checkStructure.
class StructureRun
{
public:
    StructureRun(Object::Ptr doc, Problems& out):
        _doc(std::move(doc)),
        _out(out)
    {}

    void run()
    {
        noEmptyValues("$", Var(_doc));
        context();
        iri("$", _doc, "id", true);
        _profileId = string(_doc, "id");
        requiredEquals("$", _doc, "type", "Profile");
        if (!_doc->has("conformsTo")) add("$.conformsTo", "is missing; it must be " + std::string(kConformsTo));
        else if (string(_doc, "conformsTo") != kConformsTo)
            add("$.conformsTo", JsonWriter::quoted(string(_doc, "conformsTo")) + " is not " + kConformsTo +
                                    ", the Profile specification version this checker knows");
        languageMap("$", _doc, "prefLabel", true);
        languageMap("$", _doc, "definition", true);
        iri("$", _doc, "seeAlso", false);
        versions();
        author();
        collectIds();
        forEach("concepts", [this](const std::string& p, const Object::Ptr& o) { concept(p, o); });
        forEach("templates", [this](const std::string& p, const Object::Ptr& o) { statementTemplate(p, o); });
        forEach("patterns", [this](const std::string& p, const Object::Ptr& o) { pattern(p, o); });
        patternCycles();
    }

private:
    void add(std::string path, std::string message) { _out.push_back({std::move(path), std::move(message)}); }

    static std::string string(const Object::Ptr& o, const std::string& name)
    {
        if (!o || !o->has(name)) return {};
        const Var v = o->get(name);
        return v.isString() ? v.extract<std::string>() : std::string();
    }

    void noEmptyValues(const std::string& path, const Var& v)
    {
        static const std::string kRule =
            "; values in a Profile must not be null, empty strings, empty objects or empty arrays";
        if (v.isEmpty()) add(path, "is null" + kRule);
        else if (v.isString() && v.extract<std::string>().empty()) add(path, "is an empty string" + kRule);
        else if (auto o = asObject(v))
        {
            if (o->size() == 0) add(path, "is an empty object" + kRule);
            for (const auto& m : *o) noEmptyValues(member(path, m.first), m.second);
        }
        else if (auto a = asArray(v))
        {
            if (a->size() == 0) add(path, "is an empty array" + kRule);
            for (std::size_t i = 0; i < a->size(); ++i)
                noEmptyValues(element(path, i), a->get(static_cast<unsigned>(i)));
        }
    }

    void context()
    {
        if (!_doc->has("@context"))
        {
            add("$.@context", std::string("is missing; it must be ") + kProfileContext);
            return;
        }
        const Var c = _doc->get("@context");
        if (c.isString())
        {
            if (c.extract<std::string>() != kProfileContext)
                add("$.@context", JsonWriter::quoted(c.extract<std::string>()) + " is not " + kProfileContext);
            return;
        }
        if (auto a = asArray(c))
        {
            for (std::size_t i = 0; i < a->size(); ++i)
            {
                const Var e = a->get(static_cast<unsigned>(i));
                if (e.isString() && e.extract<std::string>() == kProfileContext) return;
            }
            add("$.@context", std::string("does not contain ") + kProfileContext);
            return;
        }
        add("$.@context", "must be a string or an array of strings");
    }

    /// Checks o[name] is a string that is an absolute IRI; `required` reports a missing one.
    void iri(const std::string& path, const Object::Ptr& o, const std::string& name, bool required)
    {
        const std::string p = member(path, name);
        if (!o->has(name))
        {
            if (required) add(p, "is missing; an IRI is required");
            return;
        }
        const Var v = o->get(name);
        if (!v.isString())
        {
            add(p, "must be an IRI string");
            return;
        }
        const std::string s = v.extract<std::string>();
        if (s.empty()) return; // reported as empty
        const std::string why = Iri::check(s);
        if (!why.empty()) add(p, JsonWriter::quoted(s) + " is not an IRI: it " + why);
    }

    void requiredEquals(const std::string& path, const Object::Ptr& o, const std::string& name,
                        const std::string& expected)
    {
        if (!o->has(name)) add(member(path, name), "is missing; it must be " + JsonWriter::quoted(expected));
        else if (string(o, name) != expected)
            add(member(path, name), JsonWriter::quoted(string(o, name)) + " must be " + JsonWriter::quoted(expected));
    }

    void languageMap(const std::string& path, const Object::Ptr& o, const std::string& name, bool required)
    {
        const std::string p = member(path, name);
        if (!o->has(name))
        {
            if (required) add(p, "is missing; a language map is required");
            return;
        }
        const Object::Ptr map = asObject(o->get(name));
        if (!map)
        {
            add(p, "must be a language map (an object of language tag to text)");
            return;
        }
        for (const auto& m : *map)
        {
            const std::string why = LanguageTag::check(m.first);
            if (!why.empty())
                add(p + "[" + JsonWriter::quoted(m.first) + "]",
                    JsonWriter::quoted(m.first) + " is not an RFC 5646 language tag: it " + why);
            if (!m.second.isString()) add(p + "[" + JsonWriter::quoted(m.first) + "]", "must be a string");
        }
    }

    void iriArray(const std::string& path, const Object::Ptr& o, const std::string& name)
    {
        if (!o->has(name)) return;
        const std::string p = member(path, name);
        const Array::Ptr a = asArray(o->get(name));
        if (!a)
        {
            add(p, "must be an array of IRIs");
            return;
        }
        for (std::size_t i = 0; i < a->size(); ++i)
        {
            const Var e = a->get(static_cast<unsigned>(i));
            if (!e.isString()) add(element(p, i), "must be an IRI string");
            else
            {
                const std::string why = Iri::check(e.extract<std::string>());
                if (!why.empty())
                    add(element(p, i), JsonWriter::quoted(e.extract<std::string>()) + " is not an IRI: it " + why);
            }
        }
    }

    void timestamp(const std::string& p, const Object::Ptr& o, const std::string& name)
    {
        if (!o->has(name))
        {
            add(member(p, name), "is missing; give the time the version was created");
            return;
        }
        const std::string s = string(o, name);
        Poco::DateTime dt;
        int tz;
        if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, s, dt, tz) &&
            !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, s, dt, tz))
            add(member(p, name), JsonWriter::quoted(s) + " is not an ISO 8601 / RFC 3339 timestamp");
    }

    void versions()
    {
        if (!_doc->has("versions"))
        {
            add("$.versions", "is missing; list every version of the profile");
            return;
        }
        const Array::Ptr a = asArray(_doc->get("versions"));
        if (!a)
        {
            add("$.versions", "must be an array of version objects");
            return;
        }
        for (std::size_t i = 0; i < a->size(); ++i)
        {
            const std::string p = element("$.versions", i);
            const Object::Ptr v = asObject(a->get(static_cast<unsigned>(i)));
            if (!v)
            {
                add(p, "must be a version object {id, generatedAtTime, wasRevisionOf?}");
                continue;
            }
            iri(p, v, "id", true);
            const std::string id = string(v, "id");
            if (!id.empty())
            {
                if (id == _profileId) add(member(p, "id"), "must differ from the profile id");
                if (!_versionIds.insert(id).second) add(member(p, "id"), JsonWriter::quoted(id) + " is listed twice");
            }
            timestamp(p, v, "generatedAtTime");
            iriArray(p, v, "wasRevisionOf");
        }
    }

    void author()
    {
        const Object::Ptr a = _doc->has("author") ? asObject(_doc->get("author")) : Object::Ptr();
        if (!a)
        {
            add("$.author", "is missing or not an object; give {type: Organization|Person, name}");
            return;
        }
        const std::string type = string(a, "type");
        if (type != "Organization" && type != "Person") add("$.author.type", "must be \"Organization\" or \"Person\"");
        if (string(a, "name").empty()) add("$.author.name", "is missing; give the author's name");
        iri("$.author", a, "url", false);
    }

    template<class F>
    void forEach(const char* list, F f)
    {
        if (!_doc->has(list)) return;
        const std::string lp = std::string("$.") + list;
        const Array::Ptr a = asArray(_doc->get(list));
        if (!a)
        {
            add(lp, "must be an array");
            return;
        }
        for (std::size_t i = 0; i < a->size(); ++i)
        {
            const Object::Ptr o = asObject(a->get(static_cast<unsigned>(i)));
            if (!o) add(element(lp, i), "must be an object");
            else f(element(lp, i), o);
        }
    }

    void collectIds()
    {
        for (const char* list : {"concepts", "templates", "patterns"})
        {
            const Array::Ptr a = _doc->has(list) ? asArray(_doc->get(list)) : Array::Ptr();
            for (std::size_t i = 0; a && i < a->size(); ++i)
            {
                const Object::Ptr o = asObject(a->get(static_cast<unsigned>(i)));
                const std::string id = string(o, "id");
                if (id.empty()) continue;
                const std::string p = element(std::string("$.") + list, i);
                if (!_ids.emplace(id, p).second)
                    add(member(p, "id"), JsonWriter::quoted(id) + " is also the id of " + _ids[id]);
                if (std::string(list) == "templates") _templates.insert(id);
                if (std::string(list) == "patterns") _patterns[id] = o;
            }
        }
    }

    void inScheme(const std::string& p, const Object::Ptr& o, bool required)
    {
        if (!o->has("inScheme"))
        {
            if (required) add(member(p, "inScheme"), "is missing; give the IRI of this profile version");
            return;
        }
        const std::string s = string(o, "inScheme");
        if (!s.empty() && !_versionIds.count(s))
            add(member(p, "inScheme"), JsonWriter::quoted(s) + " is not one of this profile's versions");
    }

    void concept(const std::string& p, const Object::Ptr& c)
    {
        iri(p, c, "id", true);
        inScheme(p, c, true);
        const std::string type = string(c, "type");
        static const std::set<std::string> kSkos = {"Verb", "ActivityType", "AttachmentUsageType"};
        static const std::set<std::string> kExtension = {"ContextExtension", "ResultExtension", "ActivityExtension"};
        static const std::set<std::string> kDocument = {"StateResource", "AgentProfileResource",
                                                        "ActivityProfileResource"};
        if (kSkos.count(type))
        {
            languageMap(p, c, "prefLabel", true);
            languageMap(p, c, "definition", true);
            for (const char* rel :
                 {"broader", "broadMatch", "narrower", "narrowMatch", "related", "relatedMatch", "exactMatch"})
                iriArray(p, c, rel);
        }
        else if (kExtension.count(type) || kDocument.count(type))
        {
            languageMap(p, c, "prefLabel", true);
            languageMap(p, c, "definition", true);
            iri(p, c, "context", false);
            iri(p, c, "schema", false);
            if (c->has("schema") && c->has("inlineSchema")) add(p, "has both schema and inlineSchema; use at most one");
            if (c->has("inlineSchema")) inlineSchema(member(p, "inlineSchema"), c->get("inlineSchema"));
            if (c->has("recommendedActivityTypes") && type != "ActivityExtension")
                add(member(p, "recommendedActivityTypes"), "is only allowed on an ActivityExtension");
            if (c->has("recommendedVerbs") && type == "ActivityExtension")
                add(member(p, "recommendedVerbs"), "is only allowed on a ContextExtension or ResultExtension");
            iriArray(p, c, "recommendedActivityTypes");
            iriArray(p, c, "recommendedVerbs");
            if (kDocument.count(type) && string(c, "contentType").empty())
                add(member(p, "contentType"), "is missing; a document resource needs its media type");
        }
        else if (type == "Activity")
        {
            const Object::Ptr d = c->has("activityDefinition") ? asObject(c->get("activityDefinition")) : Object::Ptr();
            if (!d) add(member(p, "activityDefinition"), "is missing or not an object");
            else
            {
                const Var ctx = d->has("@context") ? d->get("@context") : Var();
                bool ok = ctx.isString() && ctx.extract<std::string>() == kActivityContext;
                if (const Array::Ptr a = asArray(ctx))
                    for (std::size_t i = 0; i < a->size(); ++i)
                        ok = ok || a->get(static_cast<unsigned>(i)).toString() == kActivityContext;
                if (!ok)
                    add(member(member(p, "activityDefinition"), "@context"),
                        std::string("must be (or contain) ") + kActivityContext);
            }
        }
        else
            add(member(p, "type"),
                (type.empty() ? std::string("is missing") : JsonWriter::quoted(type) + " is not a Concept type") +
                    "; use Verb, ActivityType, AttachmentUsageType, ContextExtension, ResultExtension, "
                    "ActivityExtension, StateResource, AgentProfileResource, ActivityProfileResource or Activity");
    }

    void inlineSchema(const std::string& p, const Var& v)
    {
        if (!v.isString())
        {
            add(p, "must be a string holding a JSON Schema");
            return;
        }
        try
        {
            const Var schema = Poco::JSON::Parser().parse(v.extract<std::string>());
            if (!isObject(schema)) add(p, "must hold a JSON Schema object");
        }
        catch (const Poco::Exception& e)
        {
            add(p, "does not parse as JSON: " + e.displayText());
        }
    }

    void templateRefs(const std::string& p, const Object::Ptr& t, const std::string& name)
    {
        if (!t->has(name)) return;
        const Array::Ptr a = asArray(t->get(name));
        if (!a)
        {
            add(member(p, name), "must be an array of Statement Template ids");
            return;
        }
        for (std::size_t i = 0; i < a->size(); ++i)
        {
            const std::string id = a->get(static_cast<unsigned>(i)).toString();
            if (!_templates.count(id))
                add(element(member(p, name), i),
                    JsonWriter::quoted(id) + " is not a Statement Template of this profile");
        }
    }

    void statementTemplate(const std::string& p, const Object::Ptr& t)
    {
        iri(p, t, "id", true);
        requiredEquals(p, t, "type", "StatementTemplate");
        inScheme(p, t, true);
        languageMap(p, t, "prefLabel", true);
        languageMap(p, t, "definition", true);
        iri(p, t, "verb", false);
        iri(p, t, "objectActivityType", false);
        for (const char* list : {"contextGroupingActivityType", "contextParentActivityType", "contextOtherActivityType",
                                 "contextCategoryActivityType", "attachmentUsageType"})
            iriArray(p, t, list);
        if (t->has("objectStatementRefTemplate") && t->has("objectActivityType"))
            add(p, "has both objectStatementRefTemplate and objectActivityType; a template may have only one");
        templateRefs(p, t, "objectStatementRefTemplate");
        templateRefs(p, t, "contextStatementRefTemplate");
        if (!t->has("rules")) return;
        const Array::Ptr rules = asArray(t->get("rules"));
        if (!rules)
        {
            add(member(p, "rules"), "must be an array of rules");
            return;
        }
        for (std::size_t i = 0; i < rules->size(); ++i)
        {
            const std::string rp = element(member(p, "rules"), i);
            const Object::Ptr r = asObject(rules->get(static_cast<unsigned>(i)));
            if (!r)
            {
                add(rp, "must be a rule object");
                continue;
            }
            rule(rp, r);
        }
    }

    void jsonPath(const std::string& p, const Object::Ptr& r, const std::string& name, bool required)
    {
        if (!r->has(name))
        {
            if (required) add(member(p, name), "is missing; give a JSONPath");
            return;
        }
        try
        {
            JsonPath path(string(r, name));
        }
        catch (const Poco::Exception& e)
        {
            add(member(p, name), e.displayText());
        }
    }

    void rule(const std::string& rp, const Object::Ptr& r)
    {
        jsonPath(rp, r, "location", true);
        jsonPath(rp, r, "selector", false);
        if (!r->has("presence") && !r->has("any") && !r->has("all") && !r->has("none"))
            add(rp, "has none of presence, any, all, none; a rule needs at least one");
        if (r->has("presence"))
        {
            const std::string presence = string(r, "presence");
            if (presence != "included" && presence != "excluded" && presence != "recommended")
                add(member(rp, "presence"),
                    JsonWriter::quoted(presence) + " must be \"included\", \"excluded\" or \"recommended\"");
        }
        for (const char* list : {"any", "all", "none"})
            if (r->has(list) && !isArray(r->get(list))) add(member(rp, list), "must be an array of values");
        if (r->has("scopeNote")) languageMap(rp, r, "scopeNote", false);
    }

    std::vector<std::string> members(const Object::Ptr& pattern) const
    {
        std::vector<std::string> out;
        for (const char* one : {"optional", "oneOrMore", "zeroOrMore"})
            if (pattern->has(one)) out.push_back(string(pattern, one));
        for (const char* many : {"alternates", "sequence"})
            if (const Array::Ptr a = pattern->has(many) ? asArray(pattern->get(many)) : Array::Ptr())
                for (std::size_t i = 0; i < a->size(); ++i) out.push_back(a->get(static_cast<unsigned>(i)).toString());
        return out;
    }

    void pattern(const std::string& p, const Object::Ptr& pt)
    {
        iri(p, pt, "id", true);
        requiredEquals(p, pt, "type", "Pattern");
        inScheme(p, pt, false);
        const bool primary = pt->has("primary") && pt->get("primary").isBoolean() && pt->get("primary").extract<bool>();
        if (pt->has("primary") && !pt->get("primary").isBoolean()) add(member(p, "primary"), "must be a boolean");
        languageMap(p, pt, "prefLabel", primary);
        languageMap(p, pt, "definition", primary);

        int kinds = 0;
        for (const char* k : {"alternates", "optional", "oneOrMore", "sequence", "zeroOrMore"})
            if (pt->has(k)) ++kinds;
        if (kinds != 1)
        {
            add(p, "has " + std::to_string(kinds) +
                       " of alternates, optional, oneOrMore, sequence, zeroOrMore; exactly one is required");
            return;
        }
        for (const char* one : {"optional", "oneOrMore", "zeroOrMore"})
            if (pt->has(one) && !pt->get(one).isString())
                add(member(p, one), "must be a single template or pattern id");
        for (const char* many : {"alternates", "sequence"})
            if (pt->has(many) && !isArray(pt->get(many)))
                add(member(p, many), "must be an array of template or pattern ids");

        const std::vector<std::string> refs = members(pt);
        for (const auto& ref : refs)
            if (!_templates.count(ref) && !_patterns.count(ref))
                add(p, "refers to " + JsonWriter::quoted(ref) +
                           ", which is not a Statement Template or Pattern of this profile");
        if (pt->has("alternates"))
        {
            if (refs.size() < 2) add(member(p, "alternates"), "must have at least two members");
            for (const auto& ref : refs)
            {
                auto it = _patterns.find(ref);
                if (it != _patterns.end() && (it->second->has("optional") || it->second->has("zeroOrMore")))
                    add(member(p, "alternates"),
                        JsonWriter::quoted(ref) +
                            " is an optional or zeroOrMore pattern, which must not be directly inside alternates");
            }
        }
        if (pt->has("sequence") && refs.size() < 2)
        {
            const bool allowedSingle =
                primary && refs.size() == 1 && _templates.count(refs[0]) && !usedElsewhere(string(pt, "id"));
            if (!allowedSingle)
                add(member(p, "sequence"),
                    "must have at least two members (one only in a primary pattern, used nowhere else, of one template)");
        }
    }

    bool usedElsewhere(const std::string& id) const
    {
        for (const auto& [other, pt] : _patterns)
        {
            if (other == id) continue;
            for (const auto& ref : members(pt))
                if (ref == id) return true;
        }
        return false;
    }

    void patternCycles()
    {
        std::map<std::string, int> state; // 0 unvisited, 1 on stack, 2 done
        std::function<bool(const std::string&)> visit = [&](const std::string& id) {
            int& s = state[id];
            if (s == 1) return true;
            if (s == 2) return false;
            s = 1;
            for (const auto& ref : members(_patterns.at(id)))
                if (_patterns.count(ref) && visit(ref)) return true;
            state[id] = 2;
            return false;
        };
        for (const auto& entry : _patterns)
        {
            state.clear();
            if (visit(entry.first)) add(_ids[entry.first], "contains itself (directly or through other patterns)");
        }
    }

    Object::Ptr _doc;
    Problems& _out;
    std::string _profileId;
    std::set<std::string> _versionIds;
    std::map<std::string, std::string> _ids; // id -> path of its definition
    std::set<std::string> _templates;
    std::map<std::string, Object::Ptr> _patterns;
};

} // namespace

Profile Profile::parse(const std::string& json)
{
    const Var v = Poco::JSON::Parser().parse(json);
    if (!isObject(v)) throw Poco::DataFormatException("xAPI Profile: the document is not a JSON object");
    return Profile(v.extract<Object::Ptr>());
}

Profile Profile::load(const std::string& path)
{
    Poco::FileInputStream in(path);
    std::string json;
    Poco::StreamCopier::copyToString(in, json);
    try
    {
        return parse(json);
    }
    catch (const Poco::Exception& e)
    {
        throw Poco::DataFormatException("xAPI Profile " + path, e.displayText());
    }
}

Profile::Profile(Poco::JSON::Object::Ptr document):
    _document(std::move(document))
{
    if (!_document) throw Poco::NullPointerException("xAPI Profile: no document");
}

std::string Profile::id() const
{
    return _document->optValue<std::string>("id", "");
}

std::vector<std::string> Profile::versionIds() const
{
    std::vector<std::string> ids;
    const Array::Ptr a = _document->has("versions") ? asArray(_document->get("versions")) : Array::Ptr();
    for (std::size_t i = 0; a && i < a->size(); ++i)
        if (const Object::Ptr v = asObject(a->get(static_cast<unsigned>(i))))
            ids.push_back(v->optValue<std::string>("id", ""));
    return ids;
}

std::string Profile::currentVersionId() const
{
    std::set<std::string> superseded;
    const Array::Ptr a = _document->has("versions") ? asArray(_document->get("versions")) : Array::Ptr();
    for (std::size_t i = 0; a && i < a->size(); ++i)
    {
        const Object::Ptr v = asObject(a->get(static_cast<unsigned>(i)));
        const Array::Ptr prior = v && v->has("wasRevisionOf") ? asArray(v->get("wasRevisionOf")) : Array::Ptr();
        for (std::size_t k = 0; prior && k < prior->size(); ++k)
            superseded.insert(prior->get(static_cast<unsigned>(k)).toString());
    }
    std::string current;
    for (const auto& id : versionIds())
    {
        if (superseded.count(id)) continue;
        if (!current.empty()) return {};
        current = id;
    }
    return current;
}

Poco::JSON::Object::Ptr Profile::findIn(const char* list, const std::string& id) const
{
    const Array::Ptr a = _document->has(list) ? asArray(_document->get(list)) : Array::Ptr();
    for (std::size_t i = 0; a && i < a->size(); ++i)
    {
        const Object::Ptr o = asObject(a->get(static_cast<unsigned>(i)));
        if (o && o->optValue<std::string>("id", "") == id) return o;
    }
    return nullptr;
}

std::vector<std::string> Profile::templateIds() const
{
    std::vector<std::string> ids;
    const Array::Ptr a = _document->has("templates") ? asArray(_document->get("templates")) : Array::Ptr();
    for (std::size_t i = 0; a && i < a->size(); ++i)
        if (const Object::Ptr o = asObject(a->get(static_cast<unsigned>(i))))
            ids.push_back(o->optValue<std::string>("id", ""));
    return ids;
}

Poco::JSON::Object::Ptr Profile::findTemplate(const std::string& id) const
{
    return findIn("templates", id);
}
Poco::JSON::Object::Ptr Profile::findConcept(const std::string& id) const
{
    return findIn("concepts", id);
}
Poco::JSON::Object::Ptr Profile::findPattern(const std::string& id) const
{
    return findIn("patterns", id);
}

Problems Profile::checkStructure() const
{
    Problems problems;
    StructureRun(_document, problems).run();
    return problems;
}

}
} // namespace sfe::xapi
