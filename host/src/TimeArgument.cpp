//
// TimeArgument.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// A time on the command line, turned into the form the store compares.
//

#include "TimeArgument.h"

#include "Exceptions.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/RegularExpression.h>

namespace sfe {
namespace host {

std::string TimeArgument::utc(const std::string& option, const std::string& text)
{
    // A date-time needs its zone: without one, the bound would depend on where the CLI runs.
    static const Poco::RegularExpression date("^\\d{4}-\\d{2}-\\d{2}$");
    static const Poco::RegularExpression dateTime(
        "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");
    Poco::DateTime time;
    int zone = 0;
    const bool ok = (date.match(text) && Poco::DateTimeParser::tryParse("%Y-%m-%d", text, time, zone)) ||
                    (dateTime.match(text) &&
                     Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, time, zone));
    if (!ok)
        throw UsageException("--" + option + " \"" + text +
                             "\" is neither a date (2025-03-01) nor a date-time with a zone (2025-03-01T09:00:00Z)");
    time.makeUTC(zone);
    return Poco::DateTimeFormatter::format(time, "%Y-%m-%dT%H:%M:%S.%iZ");
}

}
} // namespace sfe::host
