//
// Problem.h
//
// Library: sfe_xapi
// Package: validation
//
// One problem found in a statement or profile: where, and what.
//

#ifndef SFE_XAPI_PROBLEM_H
#define SFE_XAPI_PROBLEM_H

#include <string>
#include <vector>

namespace sfe {
namespace xapi {

/// A problem found by StatementValidator, Profile or StatementTemplateChecker.
struct Problem
{
    std::string path;    ///< where: "statement.actor.mbox", "$.context.contextActivities.category[*].id"
    std::string message; ///< what, e.g. "has 2 identifiers (mbox, account); exactly one is required"

    /// "path: message"
    std::string toString() const { return path + ": " + message; }
};

using Problems = std::vector<Problem>;

}
} // namespace sfe::xapi

#endif // SFE_XAPI_PROBLEM_H
