//
// StatementTemplateChecker.h
//
// Library: sfe_xapi
// Package: profile
//
// Checks a Statement against a Statement Template of an xAPI Profile.
//

#ifndef SFE_XAPI_STATEMENTTEMPLATECHECKER_H
#define SFE_XAPI_STATEMENTTEMPLATECHECKER_H

#include "sfe/xapi/Problem.h"
#include "sfe/xapi/Profile.h"
#include <Poco/JSON/Object.h>
#include <functional>
#include <string>
#include <vector>

namespace sfe {
namespace xapi {

/// Checks Statements (as JSON, e.g. what StatementSerializer wrote, parsed with Poco::JSON)
/// against the Statement Templates of a Profile, following the algorithm of
/// xapi-profiles-communication.md section 2.1: the determining properties (verb,
/// objectActivityType, context{Parent,Grouping,Category,Other}ActivityType, attachmentUsageType:
/// the statement's values must include all of the template's), objectStatementRefTemplate and
/// contextStatementRefTemplate, then each rule (location and selector as JsonPath; presence
/// included/excluded/recommended; any; all; none). Single context activities are wrapped in
/// arrays first, as the spec requires.
class StatementTemplateChecker
{
public:
    /// Finds a statement by id, for StatementRef templates; returns null when unknown.
    using StatementLookup = std::function<Poco::JSON::Object::Ptr(const std::string& id)>;

    /// Keeps a copy of `profile` (sharing its document). Throws Poco::SyntaxException if a rule's
    /// JSONPath does not parse.
    explicit StatementTemplateChecker(Profile profile);

    /// Lets StatementRef templates check the referenced statement. Without a lookup (or when it
    /// returns null) only the object/context statement being a StatementRef is checked.
    void setStatementLookup(StatementLookup lookup) { _lookup = std::move(lookup); }

    /// Every way `statement` fails template `templateId`: determining properties it lacks and
    /// rules it breaks. Empty: the statement follows the template.
    /// Throws Poco::NotFoundException if the profile has no such template.
    Problems check(const Poco::JSON::Object::Ptr& statement, const std::string& templateId) const;
    /// The same for statement JSON text. Throws Poco::JSON::JSONException if it does not parse.
    Problems check(const std::string& statementJson, const std::string& templateId) const;

    /// The templates whose determining properties `statement` has (whether or not it then follows
    /// their rules): the templates that apply to it.
    std::vector<std::string> matchingTemplates(const Poco::JSON::Object::Ptr& statement) const;

    const Profile& profile() const { return _profile; }

private:
    void checkDeterminingProperties(const Poco::JSON::Object::Ptr& statement, const Poco::JSON::Object::Ptr& tmpl,
                                    Problems& problems) const;
    void checkStatementRefs(const Poco::JSON::Object::Ptr& statement, const Poco::JSON::Object::Ptr& tmpl,
                            Problems& problems, int depth) const;
    void checkRules(const Poco::JSON::Object::Ptr& statement, const Poco::JSON::Object::Ptr& tmpl,
                    Problems& problems) const;
    Problems checkNormalised(const Poco::JSON::Object::Ptr& statement, const std::string& templateId, int depth) const;

    Profile _profile;
    StatementLookup _lookup;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_STATEMENTTEMPLATECHECKER_H
