//
// StatementValidator.h
//
// Library: sfe_xapi
// Package: validation
//
// Checks Statements against the xAPI rules a Learning Record Provider must meet.
//

#ifndef SFE_XAPI_STATEMENTVALIDATOR_H
#define SFE_XAPI_STATEMENTVALIDATOR_H

#include "sfe/xapi/Problem.h"
#include "sfe/xapi/SpecVersion.h"
#include "sfe/xapi/Statement.h"
#include <string>
#include <vector>

namespace sfe {
namespace xapi {

/// What to validate for.
struct ValidatorOptions
{
    SpecVersion version = SpecVersion::v1_0_3;
    bool requireId = true;        ///< ids make re-sends idempotent; assign them before the first send
    bool requireTimestamp = true; ///< the time of the experience, not of the send
};

/// Checks a Statement (the model, before serialisation) and returns every problem found, each with
/// a path ("statement.context.contextActivities.parent[0].id") and a message saying what is wrong
/// and what is required. An empty result means the statement is fine.
///
/// Checked: ids and registrations are UUIDs (lowercase, RFC 4122 variant); timestamps are
/// "YYYY-MM-DDTHH:MM:SS.sssZ"; every IRI is an absolute RFC 3987 IRI; language-map keys are
/// well-formed RFC 5646 tags and present maps are not empty; verb.display is present; each Agent
/// has exactly one IFI (mbox as mailto:name@domain.tld, mbox_sha1sum as 40 hex digits, openid an
/// IRI, account with homePage and name), Groups have Agent members; score.scaled in [-1, 1],
/// min < max, min <= raw <= max, all finite; durations are ISO 8601; extension keys are IRIs and
/// raw extension values parse as JSON; a voided verb has a StatementRef object; revision and
/// platform only with an Activity object; attachments have usageType, display, contentType and a
/// SHA-2 hex digest; contextAgents/contextGroups are refused for 1.0.3; version is 1.0.x (1.0.3)
/// or unset/"2.0.0" (2.0.0); free text (names, language-map values, response, string extension
/// values, revision, platform) is valid UTF-8. Not checked: whether a timestamp lies in the future
/// (that needs a clock; the caller knows its allowed skew).
class StatementValidator
{
public:
    explicit StatementValidator(ValidatorOptions options = {});

    /// Problems of one statement; paths start with "statement".
    Problems validate(const Statement& statement) const;
    /// Problems of a batch; paths start with "statements[i]". Also reports repeated ids
    /// (an LRS refuses the whole batch for one).
    Problems validate(const std::vector<Statement>& statements) const;
    /// Appends the problems of `statement` to `problems`, paths starting with `root`.
    void validate(const Statement& statement, const std::string& root, Problems& problems) const;

    const ValidatorOptions& options() const { return _options; }

private:
    ValidatorOptions _options;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_STATEMENTVALIDATOR_H
