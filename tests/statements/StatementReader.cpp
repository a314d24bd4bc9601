//
// StatementReader.cpp
//
// Project: sfia-evidence, tests/statements
//

#include "StatementReader.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <initializer_list>
#include <sstream>
#include <stdexcept>

namespace sfe {
namespace test {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

[[noreturn]] void fail(const std::string& path, const std::string& what)
{
    throw std::invalid_argument(path + ": " + what);
}

Object::Ptr object(const Var& v, const std::string& path)
{
    if (v.type() != typeid(Object::Ptr)) fail(path, "must be an object");
    Object::Ptr o = v.extract<Object::Ptr>();
    if (!o) fail(path, "must be an object");
    return o;
}

Array::Ptr array(const Var& v, const std::string& path)
{
    if (v.type() != typeid(Array::Ptr)) fail(path, "must be an array");
    Array::Ptr a = v.extract<Array::Ptr>();
    if (!a) fail(path, "must be an array");
    return a;
}

std::string string(const Var& v, const std::string& path)
{
    if (!v.isString()) fail(path, "must be a string");
    return v.extract<std::string>();
}

bool boolean(const Var& v, const std::string& path)
{
    if (!v.isBoolean()) fail(path, "must be true or false");
    return v.extract<bool>();
}

double number(const Var& v, const std::string& path)
{
    if (v.isBoolean() || !v.isNumeric()) fail(path, "must be a number");
    return v.convert<double>();
}

/// Refuses every property not in `known`: what the model cannot hold must not vanish unnoticed.
void onlyKnown(const Object::Ptr& o, const std::string& path, std::initializer_list<const char*> known)
{
    for (const std::string& name : o->getNames())
    {
        bool found = false;
        for (const char* k : known) found = found || name == k;
        if (!found) fail(path + "." + name, "is not a property the statement model holds");
    }
}

/// The objectType, checked against the allowed ones; `fallback` when absent.
std::string objectType(const Object::Ptr& o, const std::string& path, const std::string& fallback,
                       std::initializer_list<const char*> allowed)
{
    if (!o->has("objectType")) return fallback;
    const std::string type = string(o->get("objectType"), path + ".objectType");
    for (const char* a : allowed)
        if (type == a) return type;
    fail(path + ".objectType", "'" + type + "' is not read here");
}

std::vector<Var> elements(const Var& v, const std::string& path)
{
    std::vector<Var> out;
    const Array::Ptr a = array(v, path);
    for (std::size_t i = 0; i < a->size(); ++i) out.push_back(a->get(static_cast<unsigned>(i)));
    return out;
}

xapi::LanguageMap languageMap(const Var& v, const std::string& path)
{
    xapi::LanguageMap map;
    const Object::Ptr o = object(v, path);
    for (const std::string& tag : o->getNames()) map[tag] = string(o->get(tag), path + "['" + tag + "']");
    return map;
}

xapi::JsonValue jsonValue(const Var& v)
{
    if (v.isEmpty()) return xapi::JsonValue();
    if (v.isString()) return xapi::JsonValue(v.extract<std::string>());
    if (v.isBoolean()) return xapi::JsonValue(v.extract<bool>());
    if (v.isInteger()) return xapi::JsonValue(v.convert<std::int64_t>());
    if (v.isNumeric()) return xapi::JsonValue(v.convert<double>());
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(v, out);
    return xapi::JsonValue::raw(out.str());
}

xapi::Extensions extensions(const Var& v, const std::string& path)
{
    xapi::Extensions out;
    const Object::Ptr o = object(v, path);
    for (const std::string& key : o->getNames()) out[key] = jsonValue(o->get(key));
    return out;
}

xapi::Agent agent(const Var& v, const std::string& path)
{
    const Object::Ptr o = object(v, path);
    onlyKnown(o, path, {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account", "member"});
    xapi::Agent a;
    if (objectType(o, path, "Agent", {"Agent", "Group"}) == "Group") a.type = xapi::Agent::Type::Group;
    if (o->has("name")) a.name = string(o->get("name"), path + ".name");
    if (o->has("mbox")) a.mbox = string(o->get("mbox"), path + ".mbox");
    if (o->has("mbox_sha1sum")) a.mboxSha1sum = string(o->get("mbox_sha1sum"), path + ".mbox_sha1sum");
    if (o->has("openid")) a.openid = string(o->get("openid"), path + ".openid");
    if (o->has("account"))
    {
        const std::string at = path + ".account";
        const Object::Ptr account = object(o->get("account"), at);
        onlyKnown(account, at, {"homePage", "name"});
        a.account = xapi::Account{account->has("homePage") ? string(account->get("homePage"), at + ".homePage") : "",
                                  account->has("name") ? string(account->get("name"), at + ".name") : ""};
    }
    if (o->has("member"))
    {
        if (a.type != xapi::Agent::Type::Group) fail(path + ".member", "only a Group has members");
        const auto members = elements(o->get("member"), path + ".member");
        for (std::size_t i = 0; i < members.size(); ++i)
            a.members.push_back(agent(members[i], path + ".member[" + std::to_string(i) + "]"));
    }
    return a;
}

xapi::Activity activity(const Var& v, const std::string& path)
{
    const Object::Ptr o = object(v, path);
    onlyKnown(o, path, {"objectType", "id", "definition"});
    objectType(o, path, "Activity", {"Activity"});
    if (!o->has("id")) fail(path + ".id", "is missing");
    xapi::Activity a(string(o->get("id"), path + ".id"));
    if (o->has("definition"))
    {
        const std::string at = path + ".definition";
        const Object::Ptr d = object(o->get("definition"), at);
        onlyKnown(d, at, {"name", "description", "type", "moreInfo", "extensions"});
        xapi::ActivityDefinition definition;
        if (d->has("name")) definition.name = languageMap(d->get("name"), at + ".name");
        if (d->has("description")) definition.description = languageMap(d->get("description"), at + ".description");
        if (d->has("type")) definition.type = string(d->get("type"), at + ".type");
        if (d->has("moreInfo")) definition.moreInfo = string(d->get("moreInfo"), at + ".moreInfo");
        if (d->has("extensions")) definition.extensions = extensions(d->get("extensions"), at + ".extensions");
        a.definition = definition;
    }
    return a;
}

xapi::StatementRef statementRef(const Var& v, const std::string& path)
{
    const Object::Ptr o = object(v, path);
    onlyKnown(o, path, {"objectType", "id"});
    if (objectType(o, path, "", {"StatementRef"}).empty()) fail(path + ".objectType", "must be StatementRef");
    if (!o->has("id")) fail(path + ".id", "is missing");
    return xapi::StatementRef{string(o->get("id"), path + ".id")};
}

xapi::StatementObject statementObject(const Var& v, const std::string& path)
{
    const Object::Ptr o = object(v, path);
    const std::string type = objectType(o, path, "Activity", {"Activity", "Agent", "Group", "StatementRef"});
    if (type == "Activity") return activity(v, path);
    if (type == "StatementRef") return statementRef(v, path);
    return agent(v, path);
}

std::vector<std::string> iris(const Var& v, const std::string& path)
{
    std::vector<std::string> out;
    const auto list = elements(v, path);
    for (std::size_t i = 0; i < list.size(); ++i) out.push_back(string(list[i], path + "[" + std::to_string(i) + "]"));
    return out;
}

xapi::Result result(const Var& v, const std::string& path)
{
    const Object::Ptr o = object(v, path);
    onlyKnown(o, path, {"score", "success", "completion", "response", "duration", "extensions"});
    xapi::Result r;
    if (o->has("score"))
    {
        const std::string at = path + ".score";
        const Object::Ptr s = object(o->get("score"), at);
        onlyKnown(s, at, {"scaled", "raw", "min", "max"});
        xapi::Score score;
        if (s->has("scaled")) score.scaled = number(s->get("scaled"), at + ".scaled");
        if (s->has("raw")) score.raw = number(s->get("raw"), at + ".raw");
        if (s->has("min")) score.min = number(s->get("min"), at + ".min");
        if (s->has("max")) score.max = number(s->get("max"), at + ".max");
        r.score = score;
    }
    if (o->has("success")) r.success = boolean(o->get("success"), path + ".success");
    if (o->has("completion")) r.completion = boolean(o->get("completion"), path + ".completion");
    if (o->has("response")) r.response = string(o->get("response"), path + ".response");
    if (o->has("duration")) r.duration = string(o->get("duration"), path + ".duration");
    if (o->has("extensions")) r.extensions = extensions(o->get("extensions"), path + ".extensions");
    return r;
}

std::vector<xapi::Activity> contextActivityList(const Var& v, const std::string& path)
{
    // xAPI allows a single activity where a list is meant.
    if (v.type() == typeid(Object::Ptr)) return {activity(v, path)};
    std::vector<xapi::Activity> out;
    const auto list = elements(v, path);
    for (std::size_t i = 0; i < list.size(); ++i)
        out.push_back(activity(list[i], path + "[" + std::to_string(i) + "]"));
    return out;
}

xapi::Context context(const Var& v, const std::string& path)
{
    const Object::Ptr o = object(v, path);
    onlyKnown(o, path,
              {"registration", "instructor", "team", "contextAgents", "contextGroups", "contextActivities", "revision",
               "platform", "language", "statement", "extensions"});
    xapi::Context c;
    if (o->has("registration")) c.registration = string(o->get("registration"), path + ".registration");
    if (o->has("instructor")) c.instructor = agent(o->get("instructor"), path + ".instructor");
    if (o->has("team")) c.team = agent(o->get("team"), path + ".team");
    if (o->has("contextAgents"))
    {
        const auto list = elements(o->get("contextAgents"), path + ".contextAgents");
        for (std::size_t i = 0; i < list.size(); ++i)
        {
            const std::string at = path + ".contextAgents[" + std::to_string(i) + "]";
            const Object::Ptr ca = object(list[i], at);
            onlyKnown(ca, at, {"objectType", "agent", "relevantTypes"});
            if (objectType(ca, at, "", {"contextAgent"}).empty()) fail(at + ".objectType", "must be contextAgent");
            if (!ca->has("agent")) fail(at + ".agent", "is missing");
            xapi::ContextAgent contextAgent{agent(ca->get("agent"), at + ".agent"), {}};
            if (ca->has("relevantTypes"))
                contextAgent.relevantTypes = iris(ca->get("relevantTypes"), at + ".relevantTypes");
            c.contextAgents.push_back(contextAgent);
        }
    }
    if (o->has("contextGroups"))
    {
        const auto list = elements(o->get("contextGroups"), path + ".contextGroups");
        for (std::size_t i = 0; i < list.size(); ++i)
        {
            const std::string at = path + ".contextGroups[" + std::to_string(i) + "]";
            const Object::Ptr cg = object(list[i], at);
            onlyKnown(cg, at, {"objectType", "group", "relevantTypes"});
            if (objectType(cg, at, "", {"contextGroup"}).empty()) fail(at + ".objectType", "must be contextGroup");
            if (!cg->has("group")) fail(at + ".group", "is missing");
            xapi::ContextGroup contextGroup{agent(cg->get("group"), at + ".group"), {}};
            if (cg->has("relevantTypes"))
                contextGroup.relevantTypes = iris(cg->get("relevantTypes"), at + ".relevantTypes");
            c.contextGroups.push_back(contextGroup);
        }
    }
    if (o->has("contextActivities"))
    {
        const std::string at = path + ".contextActivities";
        const Object::Ptr ca = object(o->get("contextActivities"), at);
        onlyKnown(ca, at, {"parent", "grouping", "category", "other"});
        if (ca->has("parent")) c.contextActivities.parent = contextActivityList(ca->get("parent"), at + ".parent");
        if (ca->has("grouping"))
            c.contextActivities.grouping = contextActivityList(ca->get("grouping"), at + ".grouping");
        if (ca->has("category"))
            c.contextActivities.category = contextActivityList(ca->get("category"), at + ".category");
        if (ca->has("other")) c.contextActivities.other = contextActivityList(ca->get("other"), at + ".other");
    }
    if (o->has("revision")) c.revision = string(o->get("revision"), path + ".revision");
    if (o->has("platform")) c.platform = string(o->get("platform"), path + ".platform");
    if (o->has("language")) c.language = string(o->get("language"), path + ".language");
    if (o->has("statement")) c.statement = statementRef(o->get("statement"), path + ".statement");
    if (o->has("extensions")) c.extensions = extensions(o->get("extensions"), path + ".extensions");
    return c;
}

xapi::Attachment attachment(const Var& v, const std::string& path)
{
    const Object::Ptr o = object(v, path);
    onlyKnown(o, path, {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"});
    xapi::Attachment a;
    if (o->has("usageType")) a.usageType = string(o->get("usageType"), path + ".usageType");
    if (o->has("display")) a.display = languageMap(o->get("display"), path + ".display");
    if (o->has("description")) a.description = languageMap(o->get("description"), path + ".description");
    if (o->has("contentType")) a.contentType = string(o->get("contentType"), path + ".contentType");
    if (o->has("length"))
    {
        const Var length = o->get("length");
        if (!length.isInteger() || length.convert<std::int64_t>() < 0) fail(path + ".length", "must be a whole number");
        a.length = length.convert<std::uint64_t>();
    }
    if (o->has("sha2")) a.sha2 = string(o->get("sha2"), path + ".sha2");
    if (o->has("fileUrl")) a.fileUrl = string(o->get("fileUrl"), path + ".fileUrl");
    return a;
}

} // namespace

xapi::Statement StatementReader::read(const std::string& json)
{
    Var parsed;
    try
    {
        parsed = Poco::JSON::Parser().parse(json);
    }
    catch (const Poco::Exception& e)
    {
        fail("statement", "is not JSON: " + e.displayText());
    }
    const std::string path = "statement";
    const Object::Ptr o = object(parsed, path);
    onlyKnown(o, path, {"id", "actor", "verb", "object", "result", "context", "timestamp", "version", "attachments"});

    xapi::Statement s;
    if (o->has("id")) s.id = string(o->get("id"), path + ".id");
    if (!o->has("actor")) fail(path + ".actor", "is missing");
    s.actor = agent(o->get("actor"), path + ".actor");

    if (!o->has("verb")) fail(path + ".verb", "is missing");
    const Object::Ptr verb = object(o->get("verb"), path + ".verb");
    onlyKnown(verb, path + ".verb", {"id", "display"});
    if (!verb->has("id")) fail(path + ".verb.id", "is missing");
    s.verb.id = string(verb->get("id"), path + ".verb.id");
    if (verb->has("display")) s.verb.display = languageMap(verb->get("display"), path + ".verb.display");

    if (!o->has("object")) fail(path + ".object", "is missing");
    s.object = statementObject(o->get("object"), path + ".object");
    if (o->has("result")) s.result = result(o->get("result"), path + ".result");
    if (o->has("context")) s.context = context(o->get("context"), path + ".context");
    if (o->has("timestamp")) s.timestamp = string(o->get("timestamp"), path + ".timestamp");
    if (o->has("version")) s.version = string(o->get("version"), path + ".version");
    if (o->has("attachments"))
    {
        const auto list = elements(o->get("attachments"), path + ".attachments");
        for (std::size_t i = 0; i < list.size(); ++i)
            s.attachments.push_back(attachment(list[i], path + ".attachments[" + std::to_string(i) + "]"));
    }
    return s;
}

}
} // namespace sfe::test
