//
// Time.cpp
//
// Library: sfe_core
// Package: runtime
//

#include "sfe/runtime/Time.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/RegularExpression.h>

namespace sfe {
namespace runtime {

std::optional<Poco::Timestamp> parseTime(const std::string& text)
{
    // Require a full date-time with a zone: a time without one is ambiguous evidence.
    static const Poco::RegularExpression shape(
        "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");
    if (!shape.match(text)) return std::nullopt;
    int tzd = 0;
    Poco::DateTime dt;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, dt, tzd)) return std::nullopt;
    dt.makeUTC(tzd);
    return dt.timestamp();
}

}
} // namespace sfe::runtime
