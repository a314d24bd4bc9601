//
// StatementBuilder.cpp
//
// Library: sfe_xapi
// Package: model
//

#include "sfe/xapi/StatementBuilder.h"
#include "sfe/xapi/Timestamp.h"
#include "sfe/xapi/Uuid.h"

namespace sfe {
namespace xapi {

Result& StatementBuilder::result()
{
    if (!_statement.result) _statement.result.emplace();
    return *_statement.result;
}

Context& StatementBuilder::context()
{
    if (!_statement.context) _statement.context.emplace();
    return *_statement.context;
}

StatementBuilder& StatementBuilder::id(std::string uuid)
{
    _statement.id = std::move(uuid);
    return *this;
}
StatementBuilder& StatementBuilder::randomId()
{
    _statement.id = Uuid::random();
    return *this;
}
StatementBuilder& StatementBuilder::actor(Agent agent)
{
    _statement.actor = std::move(agent);
    return *this;
}

StatementBuilder& StatementBuilder::verb(std::string iri, LanguageMap display)
{
    _statement.verb = Verb{std::move(iri), std::move(display)};
    return *this;
}

StatementBuilder& StatementBuilder::verb(Verb verb)
{
    _statement.verb = std::move(verb);
    return *this;
}
StatementBuilder& StatementBuilder::object(Activity activity)
{
    _statement.object = std::move(activity);
    return *this;
}
StatementBuilder& StatementBuilder::object(Agent agent)
{
    _statement.object = std::move(agent);
    return *this;
}
StatementBuilder& StatementBuilder::object(StatementRef ref)
{
    _statement.object = std::move(ref);
    return *this;
}

StatementBuilder& StatementBuilder::voids(const std::string& statementId)
{
    _statement.verb = Verb{Verb::kVoided, LanguageMap{{"en-US", "voided"}}};
    _statement.object = StatementRef{statementId};
    return *this;
}

StatementBuilder& StatementBuilder::score(Score score)
{
    result().score = std::move(score);
    return *this;
}

StatementBuilder& StatementBuilder::scaledScore(double scaled)
{
    if (!result().score) result().score.emplace();
    result().score->scaled = scaled;
    return *this;
}

StatementBuilder& StatementBuilder::rawScore(double raw, double min, double max)
{
    if (!result().score) result().score.emplace();
    result().score->raw = raw;
    result().score->min = min;
    result().score->max = max;
    return *this;
}

StatementBuilder& StatementBuilder::success(bool success)
{
    result().success = success;
    return *this;
}
StatementBuilder& StatementBuilder::completion(bool completion)
{
    result().completion = completion;
    return *this;
}
StatementBuilder& StatementBuilder::response(std::string response)
{
    result().response = std::move(response);
    return *this;
}
StatementBuilder& StatementBuilder::duration(std::string iso8601)
{
    result().duration = std::move(iso8601);
    return *this;
}

StatementBuilder& StatementBuilder::resultExtension(const std::string& iri, JsonValue value)
{
    result().extensions[iri] = std::move(value);
    return *this;
}

StatementBuilder& StatementBuilder::registration(std::string uuid)
{
    context().registration = std::move(uuid);
    return *this;
}
StatementBuilder& StatementBuilder::instructor(Agent agent)
{
    context().instructor = std::move(agent);
    return *this;
}
StatementBuilder& StatementBuilder::team(Agent group)
{
    context().team = std::move(group);
    return *this;
}

StatementBuilder& StatementBuilder::contextAgent(Agent agent, std::vector<std::string> relevantTypes)
{
    context().contextAgents.push_back(ContextAgent{std::move(agent), std::move(relevantTypes)});
    return *this;
}

StatementBuilder& StatementBuilder::parent(Activity a)
{
    context().contextActivities.parent.push_back(std::move(a));
    return *this;
}
StatementBuilder& StatementBuilder::grouping(Activity a)
{
    context().contextActivities.grouping.push_back(std::move(a));
    return *this;
}
StatementBuilder& StatementBuilder::category(Activity a)
{
    context().contextActivities.category.push_back(std::move(a));
    return *this;
}
StatementBuilder& StatementBuilder::other(Activity a)
{
    context().contextActivities.other.push_back(std::move(a));
    return *this;
}
StatementBuilder& StatementBuilder::revision(std::string revision)
{
    context().revision = std::move(revision);
    return *this;
}
StatementBuilder& StatementBuilder::platform(std::string platform)
{
    context().platform = std::move(platform);
    return *this;
}
StatementBuilder& StatementBuilder::language(std::string tag)
{
    context().language = std::move(tag);
    return *this;
}

StatementBuilder& StatementBuilder::contextStatement(std::string statementId)
{
    context().statement = StatementRef{std::move(statementId)};
    return *this;
}

StatementBuilder& StatementBuilder::contextExtension(const std::string& iri, JsonValue value)
{
    context().extensions[iri] = std::move(value);
    return *this;
}

StatementBuilder& StatementBuilder::timestamp(std::string rfc3339)
{
    _statement.timestamp = std::move(rfc3339);
    return *this;
}

StatementBuilder& StatementBuilder::timestamp(const Poco::Timestamp& time)
{
    _statement.timestamp = Timestamp::format(time);
    return *this;
}

StatementBuilder& StatementBuilder::attachment(Attachment attachment)
{
    _statement.attachments.push_back(std::move(attachment));
    return *this;
}

}
} // namespace sfe::xapi
