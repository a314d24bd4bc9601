//
// Duration.h
//
// Library: sfe_xapi
// Package: syntax
//
// Checks ISO 8601 durations as xAPI uses them in result.duration.
//

#ifndef SFE_XAPI_DURATION_H
#define SFE_XAPI_DURATION_H

#include <string>

namespace sfe {
namespace xapi {

/// Checks ISO 8601 durations: "PnYnMnDTnHnMnS" (components in that order, each at most once,
/// at least one present, "T" only before a time component, a decimal fraction only on the
/// last component), or "PnW" on its own. "-PT5S" and "P4W1D" are refused, as the xAPI
/// conformance suite does.
class Duration
{
public:
    /// Returns "" when `value` is a valid duration, else why not.
    static std::string check(const std::string& value);

    static bool isValid(const std::string& value) { return check(value).empty(); }
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_DURATION_H
