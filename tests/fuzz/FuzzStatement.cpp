//
// FuzzStatement.cpp
//
// libFuzzer target: the xAPI statement validator (sfe/xapi/StatementValidator.h).
//
// The input is a statement as xAPI JSON (the seeds are real ones). The target maps it onto the
// model (xapi::Statement) leniently: a member of the wrong JSON type is left out, as the model has
// no way to hold it; an extension value that is a string starting with "json:" becomes a raw JSON
// value of the rest (JsonValue::raw), so the validator's own JSON check sees arbitrary text.
// Then it validates for xAPI 1.0.3 and 2.0.0, and for each version the statement passes, checks
// what the validator is there to guarantee: the serializer does not throw and writes one JSON
// object in valid UTF-8.
//

#include "sfe/xapi/StatementSerializer.h"
#include "sfe/xapi/StatementValidator.h"
#include "sfe/xapi/Utf8.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>

using namespace sfe::xapi;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

[[noreturn]] void fail(const std::string& what)
{
    std::fprintf(stderr, "FuzzStatement: %s\n", what.c_str());
    std::abort();
}

Object::Ptr object(const Object::Ptr& o, const std::string& key)
{
    return o && o->has(key) && o->get(key).type() == typeid(Object::Ptr) ? o->getObject(key) : nullptr;
}

Array::Ptr array(const Object::Ptr& o, const std::string& key)
{
    return o && o->has(key) && o->get(key).type() == typeid(Array::Ptr) ? o->getArray(key) : nullptr;
}

std::string text(const Object::Ptr& o, const std::string& key)
{
    return o && o->has(key) && o->get(key).isString() ? o->get(key).extract<std::string>() : std::string();
}

std::optional<std::string> optText(const Object::Ptr& o, const std::string& key)
{
    if (!o || !o->has(key) || !o->get(key).isString()) return std::nullopt;
    return o->get(key).extract<std::string>();
}

std::optional<double> number(const Object::Ptr& o, const std::string& key)
{
    if (!o || !o->has(key)) return std::nullopt;
    const Poco::Dynamic::Var v = o->get(key);
    if (!v.isNumeric() || v.isBoolean()) return std::nullopt;
    return v.convert<double>();
}

std::optional<bool> boolean(const Object::Ptr& o, const std::string& key)
{
    if (!o || !o->has(key) || !o->get(key).isBoolean()) return std::nullopt;
    return o->get(key).extract<bool>();
}

std::string stringify(const Poco::Dynamic::Var& v)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(v, out);
    return out.str();
}

std::optional<LanguageMap> languageMap(const Object::Ptr& o, const std::string& key)
{
    const Object::Ptr m = object(o, key);
    if (!m) return std::nullopt;
    LanguageMap map;
    for (const auto& entry : *m)
        map[entry.first] = entry.second.isString() ? entry.second.extract<std::string>() : stringify(entry.second);
    return map;
}

Extensions extensions(const Object::Ptr& o)
{
    Extensions result;
    const Object::Ptr m = object(o, "extensions");
    if (!m) return result;
    for (const auto& entry : *m)
    {
        const Poco::Dynamic::Var& v = entry.second;
        JsonValue value;
        if (v.isEmpty()) value = JsonValue();
        else if (v.isBoolean()) value = JsonValue(v.extract<bool>());
        else if (v.isString())
        {
            const std::string s = v.extract<std::string>();
            value = s.compare(0, 5, "json:") == 0 ? JsonValue::raw(s.substr(5)) : JsonValue(s);
        }
        else if (v.isInteger()) value = JsonValue(v.convert<std::int64_t>());
        else if (v.isNumeric()) value = JsonValue(v.convert<double>());
        else value = JsonValue::raw(stringify(v));
        result[entry.first] = value;
    }
    return result;
}

Agent agent(const Object::Ptr& o)
{
    Agent a;
    if (!o) return a;
    a.type = text(o, "objectType") == "Group" ? Agent::Type::Group : Agent::Type::Agent;
    a.name = text(o, "name");
    a.mbox = text(o, "mbox");
    a.mboxSha1sum = text(o, "mbox_sha1sum");
    a.openid = text(o, "openid");
    if (const Object::Ptr account = object(o, "account"))
        a.account = Account{text(account, "homePage"), text(account, "name")};
    if (const Array::Ptr members = array(o, "member"))
        for (std::size_t i = 0; i < members->size(); ++i) a.members.push_back(agent(members->getObject(i)));
    return a;
}

Activity activity(const Object::Ptr& o)
{
    Activity a(text(o, "id"));
    if (const Object::Ptr d = object(o, "definition"))
    {
        ActivityDefinition definition;
        definition.name = languageMap(d, "name");
        definition.description = languageMap(d, "description");
        definition.type = text(d, "type");
        definition.moreInfo = text(d, "moreInfo");
        definition.extensions = extensions(d);
        a.definition = definition;
    }
    return a;
}

std::vector<Activity> activities(const Object::Ptr& o, const std::string& key)
{
    std::vector<Activity> result;
    if (const Array::Ptr list = array(o, key))
    {
        for (std::size_t i = 0; i < list->size(); ++i) result.push_back(activity(list->getObject(i)));
    }
    else if (const Object::Ptr single = object(o, key))
    {
        result.push_back(activity(single));
    }
    return result;
}

std::vector<std::string> texts(const Object::Ptr& o, const std::string& key)
{
    std::vector<std::string> result;
    if (const Array::Ptr list = array(o, key))
        for (std::size_t i = 0; i < list->size(); ++i)
            result.push_back(list->get(i).isString() ? list->get(i).extract<std::string>() : stringify(list->get(i)));
    return result;
}

Statement statement(const Object::Ptr& s)
{
    Statement st;
    st.id = text(s, "id");
    st.actor = agent(object(s, "actor"));
    if (const Object::Ptr verb = object(s, "verb")) st.verb = Verb{text(verb, "id"), languageMap(verb, "display")};
    if (const Object::Ptr o = object(s, "object"))
    {
        const std::string type = text(o, "objectType");
        if (type == "Agent" || type == "Group") st.object = agent(o);
        else if (type == "StatementRef") st.object = StatementRef{text(o, "id")};
        else st.object = activity(o);
    }
    if (const Object::Ptr r = object(s, "result"))
    {
        Result result;
        if (const Object::Ptr score = object(r, "score"))
            result.score =
                Score{number(score, "scaled"), number(score, "raw"), number(score, "min"), number(score, "max")};
        result.success = boolean(r, "success");
        result.completion = boolean(r, "completion");
        result.response = optText(r, "response");
        result.duration = optText(r, "duration");
        result.extensions = extensions(r);
        st.result = result;
    }
    if (const Object::Ptr c = object(s, "context"))
    {
        Context context;
        context.registration = text(c, "registration");
        if (const Object::Ptr i = object(c, "instructor")) context.instructor = agent(i);
        if (const Object::Ptr t = object(c, "team")) context.team = agent(t);
        if (const Array::Ptr list = array(c, "contextAgents"))
            for (std::size_t i = 0; i < list->size(); ++i)
                context.contextAgents.push_back(
                    {agent(object(list->getObject(i), "agent")), texts(list->getObject(i), "relevantTypes")});
        if (const Array::Ptr list = array(c, "contextGroups"))
            for (std::size_t i = 0; i < list->size(); ++i)
                context.contextGroups.push_back(
                    {agent(object(list->getObject(i), "group")), texts(list->getObject(i), "relevantTypes")});
        if (const Object::Ptr ca = object(c, "contextActivities"))
        {
            context.contextActivities.parent = activities(ca, "parent");
            context.contextActivities.grouping = activities(ca, "grouping");
            context.contextActivities.category = activities(ca, "category");
            context.contextActivities.other = activities(ca, "other");
        }
        context.revision = text(c, "revision");
        context.platform = text(c, "platform");
        context.language = text(c, "language");
        if (const Object::Ptr ref = object(c, "statement")) context.statement = StatementRef{text(ref, "id")};
        context.extensions = extensions(c);
        st.context = context;
    }
    st.timestamp = text(s, "timestamp");
    st.version = text(s, "version");
    if (const Array::Ptr list = array(s, "attachments"))
    {
        for (std::size_t i = 0; i < list->size(); ++i)
        {
            const Object::Ptr a = list->getObject(i);
            Attachment attachment;
            attachment.usageType = text(a, "usageType");
            attachment.display = languageMap(a, "display");
            attachment.description = languageMap(a, "description");
            attachment.contentType = text(a, "contentType");
            const std::optional<double> length = number(a, "length");
            attachment.length = length && *length >= 0 && *length < 1e18 ? static_cast<std::uint64_t>(*length) : 0;
            attachment.sha2 = text(a, "sha2");
            attachment.fileUrl = text(a, "fileUrl");
            st.attachments.push_back(attachment);
        }
    }
    return st;
}

void checkSerialized(const Statement& st, SpecVersion version)
{
    SerializerOptions options;
    options.version = version;
    options.instructorRelevantType = "https://sfia-evidence.org/xapi/profile/agent-types/assessor";
    std::string json;
    try
    {
        json = StatementSerializer(options).serialize(st);
    }
    catch (const Poco::Exception& e)
    {
        fail("a valid statement does not serialize: " + e.displayText());
    }
    const std::string utf8 = Utf8::check(json);
    if (!utf8.empty()) fail("a valid statement serializes to text that " + utf8 + ": " + json);
    try
    {
        Poco::JSON::Parser parser;
        if (parser.parse(json).type() != typeid(Object::Ptr))
            fail("a valid statement serializes to a non-object: " + json);
    }
    catch (const Poco::Exception& e)
    {
        fail("a valid statement serializes to invalid JSON (" + e.displayText() + "): " + json);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Object::Ptr root;
    try
    {
        Poco::JSON::Parser parser;
        const Poco::Dynamic::Var v = parser.parse(std::string(reinterpret_cast<const char*>(data), size));
        if (v.type() != typeid(Object::Ptr)) return -1;
        root = v.extract<Object::Ptr>();
    }
    catch (const Poco::Exception&)
    {
        return -1; // not JSON: nothing of ours runs
    }
    Statement st;
    try
    {
        st = statement(root);
    }
    catch (const Poco::Exception&)
    {
        return -1; // a value Poco cannot convert (our mapping's limit, not the validator's)
    }

    for (const SpecVersion version : {SpecVersion::v1_0_3, SpecVersion::v2_0_0})
    {
        ValidatorOptions options;
        options.version = version;
        const Problems problems = StatementValidator(options).validate(st);
        for (const auto& problem : problems)
            if (problem.path.compare(0, 9, "statement") != 0)
                fail("a problem path not under statement: " + problem.path);
        if (problems.empty()) checkSerialized(st, version);
    }
    const Problems batch = StatementValidator().validate(std::vector<Statement>{st, st});
    if (!st.id.empty() && batch.empty()) fail("a batch with one id twice passed");
    return 0;
}
