//
// Context.h
//
// Library: sfe_xapi
// Package: model
//
// The xAPI Context: registration, instructor, context activities, extensions.
//

#ifndef SFE_XAPI_CONTEXT_H
#define SFE_XAPI_CONTEXT_H

#include "sfe/xapi/Activity.h"
#include "sfe/xapi/Agent.h"
#include "sfe/xapi/JsonValue.h"
#include "sfe/xapi/StatementRef.h"
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace xapi {

/// The four lists of context activities. Always written as arrays (the normalised form); empty
/// lists are not written.
struct ContextActivities
{
    std::vector<Activity> parent;
    std::vector<Activity> grouping;
    std::vector<Activity> category;
    std::vector<Activity> other;

    bool empty() const { return parent.empty() && grouping.empty() && category.empty() && other.empty(); }
};

/// xAPI 2.0.0: an agent relevant to the Statement, with IRIs saying how (e.g. as instructor).
struct ContextAgent
{
    Agent agent;
    std::vector<std::string> relevantTypes; ///< not written when empty
};

/// xAPI 2.0.0: a group relevant to the Statement.
struct ContextGroup
{
    Agent group;                            ///< type must be Group
    std::vector<std::string> relevantTypes; ///< not written when empty
};

/// Context of a Statement. Empty strings and empty lists count as absent and are not written.
struct Context
{
    std::string registration;                ///< UUID
    std::optional<Agent> instructor;         ///< 2.0.0 output turns it into a contextAgent
    std::optional<Agent> team;               ///< a Group
    std::vector<ContextAgent> contextAgents; ///< 2.0.0 only; refused in 1.0.3
    std::vector<ContextGroup> contextGroups; ///< 2.0.0 only; refused in 1.0.3
    ContextActivities contextActivities;
    std::string revision; ///< only with an Activity object
    std::string platform; ///< only with an Activity object
    std::string language; ///< RFC 5646 tag
    std::optional<StatementRef> statement;
    Extensions extensions; ///< context extensions
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_CONTEXT_H
