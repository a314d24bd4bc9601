//
// StatementBuilder.h
//
// Library: sfe_xapi
// Package: model
//
// A fluent builder for Statements.
//

#ifndef SFE_XAPI_STATEMENTBUILDER_H
#define SFE_XAPI_STATEMENTBUILDER_H

#include "sfe/xapi/Statement.h"
#include <Poco/Timestamp.h>
#include <string>
#include <vector>

namespace sfe {
namespace xapi {

/// Builds a Statement step by step:
///
///     Statement s = StatementBuilder()
///         .id(Uuid::random())
///         .actor(Agent::withAccount("https://lms.example.org", "4711"))
///         .verb("http://adlnet.gov/expapi/verbs/completed", {{"en", "completed"}})
///         .object(Activity("https://lms.example.org/course/12", "http://adlnet.gov/expapi/activities/course"))
///         .completion(true)
///         .parent(levelActivity)
///         .contextExtension("https://example.org/ext/x", "value")
///         .timestamp(Poco::Timestamp())
///         .build();
///
/// Result and context are created on first use. The builder checks nothing: pass the result to
/// StatementValidator. Each setter replaces; the list adders (parent, attachment, ...) append.
class StatementBuilder
{
public:
    StatementBuilder() = default;
    /// Continues from an existing statement.
    explicit StatementBuilder(Statement start):
        _statement(std::move(start))
    {}

    StatementBuilder& id(std::string uuid);
    StatementBuilder& randomId(); ///< a version 4 UUID
    StatementBuilder& actor(Agent agent);
    StatementBuilder& verb(std::string iri, LanguageMap display);
    StatementBuilder& verb(Verb verb);
    StatementBuilder& object(Activity activity);
    StatementBuilder& object(Agent agent);
    StatementBuilder& object(StatementRef ref);
    /// Makes this a voiding statement: verb ADL "voided" (display en-US "voided"), object a
    /// StatementRef to `statementId`.
    StatementBuilder& voids(const std::string& statementId);

    // result
    StatementBuilder& score(Score score);
    StatementBuilder& scaledScore(double scaled); ///< sets score.scaled only
    StatementBuilder& rawScore(double raw, double min, double max);
    StatementBuilder& success(bool success);
    StatementBuilder& completion(bool completion);
    StatementBuilder& response(std::string response);
    StatementBuilder& duration(std::string iso8601);
    StatementBuilder& resultExtension(const std::string& iri, JsonValue value);

    // context
    StatementBuilder& registration(std::string uuid);
    StatementBuilder& instructor(Agent agent);
    StatementBuilder& team(Agent group);
    StatementBuilder& contextAgent(Agent agent, std::vector<std::string> relevantTypes = {}); ///< 2.0.0 only
    StatementBuilder& parent(Activity activity);
    StatementBuilder& grouping(Activity activity);
    StatementBuilder& category(Activity activity);
    StatementBuilder& other(Activity activity);
    StatementBuilder& revision(std::string revision);
    StatementBuilder& platform(std::string platform);
    StatementBuilder& language(std::string tag);
    StatementBuilder& contextStatement(std::string statementId);
    StatementBuilder& contextExtension(const std::string& iri, JsonValue value);

    StatementBuilder& timestamp(std::string rfc3339);
    StatementBuilder& timestamp(const Poco::Timestamp& time); ///< formatted by Timestamp::format
    StatementBuilder& attachment(Attachment attachment);

    /// The statement built so far (a copy).
    Statement build() const { return _statement; }
    /// The statement built so far, for adjustments in place.
    Statement& statement() { return _statement; }

private:
    Result& result();
    Context& context();

    Statement _statement;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_STATEMENTBUILDER_H
