//
// StatementSerializer.cpp
//
// Library: sfe_xapi
// Package: serialization
//

#include "sfe/xapi/StatementSerializer.h"
#include "sfe/xapi/JsonWriter.h"

namespace sfe {
namespace xapi {

namespace {

void writeLanguageMap(JsonWriter& w, const LanguageMap& map)
{
    w.beginObject();
    for (const auto& [tag, text] : map)
    {
        w.key(tag);
        w.string(text);
    }
    w.endObject();
}

void writeExtensions(JsonWriter& w, const Extensions& extensions)
{
    w.beginObject();
    for (const auto& [iri, value] : extensions)
    {
        w.key(iri);
        w.value(value);
    }
    w.endObject();
}

void writeAgent(JsonWriter& w, const Agent& a)
{
    const bool group = a.type == Agent::Type::Group;
    w.beginObject();
    w.key("objectType");
    w.string(group ? "Group" : "Agent");
    if (!a.name.empty())
    {
        w.key("name");
        w.string(a.name);
    }
    if (!a.mbox.empty())
    {
        w.key("mbox");
        w.string(a.mbox);
    }
    if (!a.mboxSha1sum.empty())
    {
        w.key("mbox_sha1sum");
        w.string(a.mboxSha1sum);
    }
    if (!a.openid.empty())
    {
        w.key("openid");
        w.string(a.openid);
    }
    if (a.account)
    {
        w.key("account");
        w.beginObject();
        w.key("homePage");
        w.string(a.account->homePage);
        w.key("name");
        w.string(a.account->name);
        w.endObject();
    }
    if (group && !a.members.empty())
    {
        w.key("member");
        w.beginArray();
        for (const auto& m : a.members) writeAgent(w, m);
        w.endArray();
    }
    w.endObject();
}

void writeActivity(JsonWriter& w, const Activity& a)
{
    w.beginObject();
    w.key("objectType");
    w.string("Activity");
    w.key("id");
    w.string(a.id);
    if (a.definition)
    {
        const ActivityDefinition& d = *a.definition;
        w.key("definition");
        w.beginObject();
        if (d.name)
        {
            w.key("name");
            writeLanguageMap(w, *d.name);
        }
        if (d.description)
        {
            w.key("description");
            writeLanguageMap(w, *d.description);
        }
        if (!d.type.empty())
        {
            w.key("type");
            w.string(d.type);
        }
        if (!d.moreInfo.empty())
        {
            w.key("moreInfo");
            w.string(d.moreInfo);
        }
        if (!d.extensions.empty())
        {
            w.key("extensions");
            writeExtensions(w, d.extensions);
        }
        w.endObject();
    }
    w.endObject();
}

void writeStatementRef(JsonWriter& w, const StatementRef& r)
{
    w.beginObject();
    w.key("objectType");
    w.string("StatementRef");
    w.key("id");
    w.string(r.id);
    w.endObject();
}

void writeActivities(JsonWriter& w, const char* key, const std::vector<Activity>& list)
{
    if (list.empty()) return;
    w.key(key);
    w.beginArray();
    for (const auto& a : list) writeActivity(w, a);
    w.endArray();
}

void writeRelevantTypes(JsonWriter& w, const std::vector<std::string>& types)
{
    if (types.empty()) return;
    w.key("relevantTypes");
    w.beginArray();
    for (const auto& t : types) w.string(t);
    w.endArray();
}

void writeResult(JsonWriter& w, const Result& r)
{
    w.beginObject();
    if (r.score)
    {
        w.key("score");
        w.beginObject();
        if (r.score->scaled)
        {
            w.key("scaled");
            w.number(*r.score->scaled);
        }
        if (r.score->raw)
        {
            w.key("raw");
            w.number(*r.score->raw);
        }
        if (r.score->min)
        {
            w.key("min");
            w.number(*r.score->min);
        }
        if (r.score->max)
        {
            w.key("max");
            w.number(*r.score->max);
        }
        w.endObject();
    }
    if (r.success)
    {
        w.key("success");
        w.boolean(*r.success);
    }
    if (r.completion)
    {
        w.key("completion");
        w.boolean(*r.completion);
    }
    if (r.response)
    {
        w.key("response");
        w.string(*r.response);
    }
    if (r.duration)
    {
        w.key("duration");
        w.string(*r.duration);
    }
    if (!r.extensions.empty())
    {
        w.key("extensions");
        writeExtensions(w, r.extensions);
    }
    w.endObject();
}

void writeAttachment(JsonWriter& w, const Attachment& a)
{
    w.beginObject();
    w.key("usageType");
    w.string(a.usageType);
    if (a.display)
    {
        w.key("display");
        writeLanguageMap(w, *a.display);
    }
    if (a.description)
    {
        w.key("description");
        writeLanguageMap(w, *a.description);
    }
    w.key("contentType");
    w.string(a.contentType);
    w.key("length");
    w.unsignedInteger(a.length);
    w.key("sha2");
    w.string(a.sha2);
    if (!a.fileUrl.empty())
    {
        w.key("fileUrl");
        w.string(a.fileUrl);
    }
    w.endObject();
}

} // namespace

StatementSerializer::StatementSerializer(SerializerOptions options):
    _options(std::move(options))
{}

std::string StatementSerializer::serialize(const Statement& statement) const
{
    std::string out;
    out.reserve(2048);
    serialize(statement, out);
    return out;
}

void StatementSerializer::serialize(const Statement& statement, std::string& out) const
{
    JsonWriter w(out);
    write(w, statement);
}

std::string StatementSerializer::serializeArray(const std::vector<Statement>& statements) const
{
    std::string out;
    out.reserve(1024 * statements.size() + 2);
    serializeArray(statements, out);
    return out;
}

void StatementSerializer::serializeArray(const std::vector<Statement>& statements, std::string& out) const
{
    JsonWriter w(out);
    w.beginArray();
    for (const auto& s : statements) write(w, s);
    w.endArray();
}

void StatementSerializer::write(JsonWriter& w, const Statement& s) const
{
    const bool v2 = _options.version == SpecVersion::v2_0_0;
    w.beginObject();
    if (!s.id.empty())
    {
        w.key("id");
        w.string(s.id);
    }
    w.key("actor");
    writeAgent(w, s.actor);
    w.key("verb");
    w.beginObject();
    w.key("id");
    w.string(s.verb.id);
    if (s.verb.display)
    {
        w.key("display");
        writeLanguageMap(w, *s.verb.display);
    }
    w.endObject();
    w.key("object");
    if (const auto* activity = std::get_if<Activity>(&s.object)) writeActivity(w, *activity);
    else if (const auto* agent = std::get_if<Agent>(&s.object)) writeAgent(w, *agent);
    else writeStatementRef(w, std::get<StatementRef>(s.object));
    if (s.result)
    {
        w.key("result");
        writeResult(w, *s.result);
    }
    if (s.context)
    {
        w.key("context");
        write(w, *s.context);
    }
    if (!s.timestamp.empty())
    {
        w.key("timestamp");
        w.string(s.timestamp);
    }
    if (v2)
    {
        w.key("version");
        w.string("2.0.0");
    }
    else if (!s.version.empty())
    {
        w.key("version");
        w.string(s.version);
    }
    if (!s.attachments.empty())
    {
        w.key("attachments");
        w.beginArray();
        for (const auto& a : s.attachments) writeAttachment(w, a);
        w.endArray();
    }
    w.endObject();
}

void StatementSerializer::write(JsonWriter& w, const Context& c) const
{
    const bool v2 = _options.version == SpecVersion::v2_0_0;
    w.beginObject();
    if (!c.registration.empty())
    {
        w.key("registration");
        w.string(c.registration);
    }
    if (c.instructor && !v2)
    {
        w.key("instructor");
        writeAgent(w, *c.instructor);
    }
    if (c.team)
    {
        w.key("team");
        writeAgent(w, *c.team);
    }
    const bool instructorAsAgent = v2 && c.instructor;
    if (instructorAsAgent || !c.contextAgents.empty())
    {
        w.key("contextAgents");
        w.beginArray();
        if (instructorAsAgent)
        {
            w.beginObject();
            w.key("objectType");
            w.string("contextAgent");
            w.key("agent");
            writeAgent(w, *c.instructor);
            if (!_options.instructorRelevantType.empty()) writeRelevantTypes(w, {_options.instructorRelevantType});
            w.endObject();
        }
        for (const auto& ca : c.contextAgents)
        {
            w.beginObject();
            w.key("objectType");
            w.string("contextAgent");
            w.key("agent");
            writeAgent(w, ca.agent);
            writeRelevantTypes(w, ca.relevantTypes);
            w.endObject();
        }
        w.endArray();
    }
    if (!c.contextGroups.empty())
    {
        w.key("contextGroups");
        w.beginArray();
        for (const auto& cg : c.contextGroups)
        {
            w.beginObject();
            w.key("objectType");
            w.string("contextGroup");
            w.key("group");
            writeAgent(w, cg.group);
            writeRelevantTypes(w, cg.relevantTypes);
            w.endObject();
        }
        w.endArray();
    }
    if (!c.contextActivities.empty())
    {
        w.key("contextActivities");
        w.beginObject();
        writeActivities(w, "parent", c.contextActivities.parent);
        writeActivities(w, "grouping", c.contextActivities.grouping);
        writeActivities(w, "category", c.contextActivities.category);
        writeActivities(w, "other", c.contextActivities.other);
        w.endObject();
    }
    if (!c.revision.empty())
    {
        w.key("revision");
        w.string(c.revision);
    }
    if (!c.platform.empty())
    {
        w.key("platform");
        w.string(c.platform);
    }
    if (!c.language.empty())
    {
        w.key("language");
        w.string(c.language);
    }
    if (c.statement)
    {
        w.key("statement");
        writeStatementRef(w, *c.statement);
    }
    if (!c.extensions.empty())
    {
        w.key("extensions");
        writeExtensions(w, c.extensions);
    }
    w.endObject();
}

}
} // namespace sfe::xapi
