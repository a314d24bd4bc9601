//
// Profile.h
//
// Library: sfe_xapi
// Package: profile
//
// An xAPI Profile (JSON-LD), parsed, with a check of its structure.
//

#ifndef SFE_XAPI_PROFILE_H
#define SFE_XAPI_PROFILE_H

#include "sfe/xapi/Problem.h"
#include <Poco/JSON/Object.h>
#include <string>
#include <vector>

namespace sfe {
namespace xapi {

/// An xAPI Profile document (xapi-profiles-structure.md), read with Poco::JSON. No JSON-LD
/// processing is done; the spec says following its JSON rules is enough.
class Profile
{
public:
    /// Parses profile JSON. Throws Poco::JSON::JSONException on a syntax error and
    /// Poco::DataFormatException if the top level is not an object.
    static Profile parse(const std::string& json);
    /// Reads and parses a file. Throws Poco::FileNotFoundException / Poco::OpenFileException as
    /// well as the exceptions of parse(), with the path in the message.
    static Profile load(const std::string& path);

    /// Wraps an already parsed document (shared, not copied). Throws Poco::NullPointerException
    /// for a null pointer.
    explicit Profile(Poco::JSON::Object::Ptr document);

    /// The profile IRI ("" if missing).
    std::string id() const;
    /// The ids of all versions, as listed.
    std::vector<std::string> versionIds() const;
    /// The newest version: the one no other version names in wasRevisionOf ("" if none or
    /// ambiguous). Statements put this IRI in context.contextActivities.category.
    std::string currentVersionId() const;

    std::vector<std::string> templateIds() const;
    /// The Statement Template with this id, or null.
    Poco::JSON::Object::Ptr findTemplate(const std::string& id) const;
    /// The Concept with this id, or null.
    Poco::JSON::Object::Ptr findConcept(const std::string& id) const;
    /// The Pattern with this id, or null.
    Poco::JSON::Object::Ptr findPattern(const std::string& id) const;

    /// Checks the structure rules of xapi-profiles-structure.md that can be checked from the
    /// document alone: required properties and their types; no null, empty string, empty object
    /// or empty array anywhere; ids are absolute IRIs and unique; @context, type, conformsTo;
    /// language maps; versions; author; concepts by type (inScheme a version of this profile,
    /// schema xor inlineSchema, inlineSchema parses as JSON, recommended* on the right extension
    /// types, activityDefinition @context); templates (determining properties are IRIs, not both
    /// objectStatementRefTemplate and objectActivityType, referenced templates exist, each rule has
    /// a JSONPath location and one of presence/any/all/none); patterns (exactly one of
    /// alternates/optional/oneOrMore/sequence/zeroOrMore, members exist in this profile, alternates
    /// has two or more members and no optional/zeroOrMore member, sequence has two or more unless
    /// primary with one template, primary has prefLabel and definition, no pattern contains itself).
    /// Templates and patterns re-used from other profiles cannot be resolved and are reported.
    Problems checkStructure() const;

    Poco::JSON::Object::Ptr document() const { return _document; }

private:
    Poco::JSON::Object::Ptr findIn(const char* list, const std::string& id) const;

    Poco::JSON::Object::Ptr _document;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_PROFILE_H
