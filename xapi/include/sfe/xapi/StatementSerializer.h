//
// StatementSerializer.h
//
// Library: sfe_xapi
// Package: serialization
//
// Writes Statements as compact, deterministic JSON in the normalised form an LRS stores.
//

#ifndef SFE_XAPI_STATEMENTSERIALIZER_H
#define SFE_XAPI_STATEMENTSERIALIZER_H

#include "sfe/xapi/SpecVersion.h"
#include "sfe/xapi/Statement.h"
#include <string>
#include <vector>

namespace sfe {
namespace xapi {

class JsonWriter;

/// How to write statements.
struct SerializerOptions
{
    SpecVersion version = SpecVersion::v1_0_3;
    /// 2.0.0 only: the relevantTypes IRI given to the contextAgent that replaces context.instructor.
    /// Empty: that contextAgent is written without relevantTypes.
    std::string instructorRelevantType;
};

/// Writes Statements as compact JSON: the same Statement always gives the same bytes.
///
/// The output is the normalised form Learning Locker stores and hashes (so a re-send compares
/// equal, and a signature covers what the LRS checks): objectType is explicit on the actor, on
/// every Agent/Group, on the object and on every Activity; contextActivities are always arrays.
/// Absent optional members are left out (never written as null). Strings are UTF-8 as given.
///
/// Fixed key order:
///   Statement:        id, actor, verb, object, result, context, timestamp, version, attachments
///   Agent/Group:      objectType, name, mbox, mbox_sha1sum, openid, account{homePage, name}, member
///   Verb:             id, display
///   Activity:         objectType, id, definition{name, description, type, moreInfo, extensions}
///   StatementRef:     objectType, id
///   Result:           score{scaled, raw, min, max}, success, completion, response, duration, extensions
///   Context:          registration, instructor, team, contextAgents, contextGroups,
///                     contextActivities{parent, grouping, category, other}, revision, platform,
///                     language, statement, extensions
///   contextAgent:     objectType, agent, relevantTypes    (contextGroup: objectType, group, relevantTypes)
///   Attachment:       usageType, display, description, contentType, length, sha2, fileUrl
///   Language maps and extensions: keys in byte order.
///
/// Versions: 1.0.3 writes `version` only if Statement::version is set, and context.instructor as
/// is. 2.0.0 writes "version":"2.0.0" and turns context.instructor into the first contextAgent
/// {objectType:"contextAgent", agent, relevantTypes:[instructorRelevantType]}.
/// contextAgents/contextGroups present in the model are written in either mode; StatementValidator
/// refuses them for 1.0.3. The serializer does not validate: validate first.
class StatementSerializer
{
public:
    explicit StatementSerializer(SerializerOptions options = {});

    /// The statement as JSON. Throws Poco::InvalidArgumentException if a number is NaN or infinite.
    std::string serialize(const Statement& statement) const;
    /// Appends the statement's JSON to `out`.
    void serialize(const Statement& statement, std::string& out) const;
    /// A JSON array of the statements, in the given order (the body of a batch POST).
    std::string serializeArray(const std::vector<Statement>& statements) const;
    void serializeArray(const std::vector<Statement>& statements, std::string& out) const;

    const SerializerOptions& options() const { return _options; }

private:
    void write(JsonWriter& w, const Statement& s) const;
    void write(JsonWriter& w, const Context& c) const;

    SerializerOptions _options;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_STATEMENTSERIALIZER_H
