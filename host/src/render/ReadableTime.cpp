//
// ReadableTime.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// Stored instants as people read them: their language's format, their time zone.
//

#include "render/ReadableTime.h"

#include "render/TextLayout.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

#include <optional>

namespace sfe {
namespace host {

namespace {

std::optional<Poco::Timestamp> parsed(const std::string& utc)
{
    Poco::DateTime time;
    int zoneDifferential = 0;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, utc, time, zoneDifferential))
        return std::nullopt;
    time.makeUTC(zoneDifferential);
    return time.timestamp();
}

} // namespace

std::string ReadableTime::dateTime(const i18n::TimeText& times, const std::string& utc)
{
    const auto at = parsed(utc);
    return at ? times.dateTime(*at) : TextLayout::printable(utc);
}

std::string ReadableTime::date(const i18n::TimeText& times, const std::string& utc)
{
    const auto at = parsed(utc);
    return at ? times.date(*at) : TextLayout::printable(utc);
}

}
} // namespace sfe::host
