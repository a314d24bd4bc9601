//
// StatementReader.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/StatementReader.h"

#include "sfe/runtime/Time.h"
#include "sfe/xapi/Utf8.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace sfe {
namespace service {

namespace {

xapi::ValidatorOptions intakeOptions()
{
    xapi::ValidatorOptions o;
    o.requireId = true;         // the statement id is the event id: without one, no exactly-once
    o.requireTimestamp = false; // checked here, in any RFC 3339 form
    return o;
}

/// Reads the parts of one statement, collecting problems.
class Parts
{
public:
    explicit Parts(xapi::Problems& problems):
        _problems(problems)
    {}

    void add(const std::string& path, const std::string& message) { _problems.push_back({path, message}); }

    Poco::JSON::Object::Ptr object(const Poco::JSON::Object::Ptr& parent, const std::string& key,
                                   const std::string& path, bool required)
    {
        if (!parent->has(key) || parent->isNull(key))
        {
            if (required) add(path + "." + key, "is missing");
            return nullptr;
        }
        if (!parent->isObject(key))
        {
            add(path + "." + key, "must be an object");
            return nullptr;
        }
        return parent->getObject(key);
    }

    /// An identifier, IRI or time: valid UTF-8 without control characters (as every id a request
    /// carries, presenter::Request); `freeText` (a name) only has to be valid UTF-8.
    std::string string(const Poco::JSON::Object::Ptr& parent, const std::string& key, const std::string& path,
                       bool required, bool freeText = false)
    {
        if (!parent->has(key) || parent->isNull(key))
        {
            if (required) add(path + "." + key, "is missing");
            return {};
        }
        const Poco::Dynamic::Var value = parent->get(key);
        if (!value.isString())
        {
            add(path + "." + key, "must be a string");
            return {};
        }
        std::string text = value.extract<std::string>();
        std::size_t offset = 0, character = 0;
        std::uint32_t codePoint = 0;
        while (offset < text.size())
        {
            ++character;
            if (!xapi::Utf8::decode(text, offset, codePoint))
            {
                add(path + "." + key, "is not valid UTF-8 at character " + std::to_string(character));
                return {};
            }
            if (!freeText && xapi::Utf8::isControl(codePoint))
            {
                add(path + "." + key, "contains the control character " + xapi::Utf8::codePointName(codePoint) +
                                          " at character " + std::to_string(character));
                return {};
            }
        }
        return text;
    }

    std::optional<bool> boolean(const Poco::JSON::Object::Ptr& parent, const std::string& key, const std::string& path)
    {
        if (!parent->has(key) || parent->isNull(key)) return std::nullopt;
        const Poco::Dynamic::Var value = parent->get(key);
        if (!value.isBoolean())
        {
            add(path + "." + key, "must be true or false");
            return std::nullopt;
        }
        return value.extract<bool>();
    }

    std::optional<double> number(const Poco::JSON::Object::Ptr& parent, const std::string& key, const std::string& path)
    {
        if (!parent->has(key) || parent->isNull(key)) return std::nullopt;
        const Poco::Dynamic::Var value = parent->get(key);
        if (!value.isNumeric() || value.isBoolean())
        {
            add(path + "." + key, "must be a number");
            return std::nullopt;
        }
        return value.convert<double>();
    }

    std::optional<xapi::LanguageMap> languageMap(const Poco::JSON::Object::Ptr& parent, const std::string& key,
                                                 const std::string& path)
    {
        const auto map = object(parent, key, path, false);
        if (!map) return std::nullopt;
        xapi::LanguageMap out;
        for (const auto& entry : *map)
        {
            if (!entry.second.isString()) add(path + "." + key + "." + entry.first, "must be a string");
            else out[entry.first] = entry.second.extract<std::string>();
        }
        return out;
    }

    xapi::Agent agent(const Poco::JSON::Object::Ptr& o, const std::string& path, int depth)
    {
        xapi::Agent a;
        const std::string type = string(o, "objectType", path, false);
        if (type == "Group") a.type = xapi::Agent::Type::Group;
        else if (!type.empty() && type != "Agent")
            add(path + ".objectType", "must be Agent or Group, not '" + type + "'");
        a.name = string(o, "name", path, false, true);
        a.mbox = string(o, "mbox", path, false);
        a.mboxSha1sum = string(o, "mbox_sha1sum", path, false);
        a.openid = string(o, "openid", path, false);
        if (const auto account = object(o, "account", path, false))
            a.account = xapi::Account{string(account, "homePage", path + ".account", true),
                                      string(account, "name", path + ".account", true)};
        if (a.type == xapi::Agent::Type::Group && o->has("member") && !o->isNull("member"))
        {
            const auto members = o->getArray("member");
            if (!members) add(path + ".member", "must be an array");
            else if (depth == 0)
                for (std::size_t i = 0; i < members->size(); ++i)
                {
                    const std::string mp = path + ".member[" + std::to_string(i) + "]";
                    const auto m = members->getObject(static_cast<unsigned int>(i));
                    if (!m) add(mp, "must be an object");
                    else a.members.push_back(agent(m, mp, depth + 1));
                }
        }
        return a;
    }

    /// contextActivities lists: an array of activities, or (xAPI 1.0.x allows it) a single one.
    std::vector<xapi::Activity> activities(const Poco::JSON::Object::Ptr& parent, const std::string& key,
                                           const std::string& path)
    {
        std::vector<xapi::Activity> out;
        if (!parent->has(key) || parent->isNull(key)) return out;
        auto one = [&](const Poco::JSON::Object::Ptr& a, const std::string& at) {
            if (!a) add(at, "must be an activity object");
            else out.emplace_back(string(a, "id", at, true));
        };
        if (parent->isObject(key)) one(parent->getObject(key), path + "." + key);
        else if (const auto list = parent->getArray(key))
            for (std::size_t i = 0; i < list->size(); ++i)
                one(list->getObject(static_cast<unsigned int>(i)), path + "." + key + "[" + std::to_string(i) + "]");
        else add(path + "." + key, "must be an array of activities");
        return out;
    }

private:
    xapi::Problems& _problems;
};

} // namespace

StatementReader::StatementReader():
    _validator(intakeOptions())
{}

IncomingStatement StatementReader::read(const Poco::Dynamic::Var& json, const std::string& path) const
{
    IncomingStatement in;
    Parts parts(in.problems);
    if (json.type() != typeid(Poco::JSON::Object::Ptr))
    {
        parts.add(path, "must be a statement object");
        return in;
    }
    const auto o = json.extract<Poco::JSON::Object::Ptr>();
    xapi::Statement& s = in.statement;
    s.id = parts.string(o, "id", path, true);
    if (const auto actor = parts.object(o, "actor", path, true)) s.actor = parts.agent(actor, path + ".actor", 0);
    if (const auto verb = parts.object(o, "verb", path, true))
    {
        s.verb.id = parts.string(verb, "id", path + ".verb", true);
        s.verb.display = parts.languageMap(verb, "display", path + ".verb");
    }
    if (const auto object = parts.object(o, "object", path, true))
    {
        in.objectType = parts.string(object, "objectType", path + ".object", false);
        if (in.objectType.empty()) in.objectType = "Activity";
        if (in.objectType == "Activity") s.object = xapi::Activity(parts.string(object, "id", path + ".object", true));
        else if (in.objectType == "StatementRef")
            s.object = xapi::StatementRef{parts.string(object, "id", path + ".object", true)};
        else if (in.objectType == "Agent" || in.objectType == "Group")
            s.object = parts.agent(object, path + ".object", 0);
        else if (in.objectType != "SubStatement")
            parts.add(path + ".object.objectType",
                      "must be Activity, Agent, Group, StatementRef or SubStatement, not '" + in.objectType + "'");
    }
    if (const auto result = parts.object(o, "result", path, false))
    {
        xapi::Result r;
        r.success = parts.boolean(result, "success", path + ".result");
        r.completion = parts.boolean(result, "completion", path + ".result");
        if (const auto score = parts.object(result, "score", path + ".result", false))
        {
            const std::string sp = path + ".result.score";
            r.score = xapi::Score{parts.number(score, "scaled", sp), parts.number(score, "raw", sp),
                                  parts.number(score, "min", sp), parts.number(score, "max", sp)};
        }
        s.result = r;
    }
    if (const auto context = parts.object(o, "context", path, false))
    {
        xapi::Context c;
        if (const auto activities = parts.object(context, "contextActivities", path + ".context", false))
            c.contextActivities.category =
                parts.activities(activities, "category", path + ".context.contextActivities");
        s.context = c;
    }
    in.timestamp = parts.string(o, "timestamp", path, false);
    if (!in.timestamp.empty() && !runtime::parseTime(in.timestamp))
        parts.add(path + ".timestamp", "'" + in.timestamp + "' is not an RFC 3339 date-time with a zone");
    in.stored = parts.string(o, "stored", path, false);
    if (!in.stored.empty() && !runtime::parseTime(in.stored))
        parts.add(path + ".stored", "'" + in.stored + "' is not an RFC 3339 date-time with a zone");
    if (in.objectType == "SubStatement") return in; // the model has no SubStatement; the intake refuses it

    xapi::Problems checked;
    _validator.validate(s, path, checked);
    for (auto& p : checked)
        // Recommended, not required, for what others send (xAPI 1.0.3 Data 2.4.3).
        if (!(p.path == path + ".verb.display" && !s.verb.display)) in.problems.push_back(std::move(p));
    return in;
}

}
} // namespace sfe::service
