//
// Statement.h
//
// Library: sfe_xapi
// Package: model
//
// The xAPI Statement.
//

#ifndef SFE_XAPI_STATEMENT_H
#define SFE_XAPI_STATEMENT_H

#include "sfe/xapi/Activity.h"
#include "sfe/xapi/Agent.h"
#include "sfe/xapi/Attachment.h"
#include "sfe/xapi/Context.h"
#include "sfe/xapi/Result.h"
#include "sfe/xapi/StatementRef.h"
#include "sfe/xapi/Verb.h"
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sfe {
namespace xapi {

/// What a Statement is about: an Activity, an Agent or Group, or another Statement.
/// (SubStatements are not modelled: a producer of evidence has no use for them.)
using StatementObject = std::variant<Activity, Agent, StatementRef>;

/// One xAPI Statement, as a producer writes it (no stored/authority: the LRS sets those).
/// Build it with StatementBuilder, check it with StatementValidator, write it with StatementSerializer.
struct Statement
{
    std::string id; ///< UUID; assign before the first send (idempotent re-sends)
    Agent actor;
    Verb verb;
    StatementObject object;
    std::optional<Result> result;
    std::optional<Context> context;
    std::string timestamp; ///< "YYYY-MM-DDTHH:MM:SS.sssZ" (see Timestamp)
    std::string version;   ///< 1.0.3 output writes it only if set; 2.0.0 writes "2.0.0"
    std::vector<Attachment> attachments;

    const Activity* activity() const { return std::get_if<Activity>(&object); }
    const StatementRef* statementRef() const { return std::get_if<StatementRef>(&object); }
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_STATEMENT_H
