//
// Timestamp.h
//
// Library: sfe_xapi
// Package: syntax
//
// xAPI timestamps: RFC 3339, UTC, milliseconds.
//

#ifndef SFE_XAPI_TIMESTAMP_H
#define SFE_XAPI_TIMESTAMP_H

#include <Poco/Timestamp.h>
#include <string>

namespace sfe {
namespace xapi {

/// Formats and checks timestamps in the one form we emit: "YYYY-MM-DDTHH:MM:SS.sssZ".
/// xAPI requires millisecond precision to be kept; UTC with "Z" avoids the "-00:00" offsets
/// the conformance suite refuses.
class Timestamp
{
public:
    /// `time` as "YYYY-MM-DDTHH:MM:SS.sssZ" (microseconds truncated to milliseconds).
    static std::string format(const Poco::Timestamp& time);

    /// The current time, formatted.
    static std::string now();

    /// Returns "" when `value` is exactly "YYYY-MM-DDTHH:MM:SS.sssZ" with a real calendar date
    /// and time of day (seconds 00-59), else why not (e.g. "has no milliseconds").
    static std::string check(const std::string& value);

    static bool isValid(const std::string& value) { return check(value).empty(); }
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_TIMESTAMP_H
