//
// Timestamp.cpp
//
// Library: sfe_xapi
// Package: syntax
//

#include "sfe/xapi/Timestamp.h"
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>

namespace sfe {
namespace xapi {

namespace {

bool digits(const std::string& s, std::size_t at, std::size_t count)
{
    if (at + count > s.size()) return false;
    for (std::size_t i = at; i < at + count; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

int number(const std::string& s, std::size_t at, std::size_t count)
{
    int n = 0;
    for (std::size_t i = at; i < at + count; ++i) n = n * 10 + (s[i] - '0');
    return n;
}

} // namespace

std::string Timestamp::format(const Poco::Timestamp& time)
{
    return Poco::DateTimeFormatter::format(time, "%Y-%m-%dT%H:%M:%S.%iZ");
}

std::string Timestamp::now()
{
    return format(Poco::Timestamp());
}

std::string Timestamp::check(const std::string& value)
{
    static const std::string kForm = "YYYY-MM-DDTHH:MM:SS.sssZ";
    // Date and time of day: "YYYY-MM-DD" "T" "HH:MM:SS"
    if (!(digits(value, 0, 4) && value.size() > 4 && value[4] == '-' && digits(value, 5, 2) && value.size() > 7 &&
          value[7] == '-' && digits(value, 8, 2)))
        return "is not an RFC 3339 timestamp: it does not start with a date YYYY-MM-DD (expected " + kForm + ")";
    if (value.size() == 10) return "is a date without a time (expected " + kForm + ")";
    if (value[10] != 'T') return "does not separate date and time with an uppercase 'T' (expected " + kForm + ")";
    if (!(digits(value, 11, 2) && value.size() > 13 && value[13] == ':' && digits(value, 14, 2) && value.size() > 16 &&
          value[16] == ':' && digits(value, 17, 2)))
        return "does not have a time HH:MM:SS after the 'T' (expected " + kForm + ")";

    std::size_t i = 19;
    std::size_t fraction = 0;
    if (i < value.size() && value[i] == '.')
    {
        ++i;
        while (i < value.size() && value[i] >= '0' && value[i] <= '9')
        {
            ++i;
            ++fraction;
        }
        if (fraction == 0) return "has a '.' without fractional digits (expected " + kForm + ")";
    }
    const std::string zone = value.substr(i);
    if (zone.empty()) return "has no time zone; it must end in 'Z' (UTC)";
    if (zone == "-00:00" || zone == "-0000" || zone == "-00")
        return "has the offset " + zone + " (unknown local offset), which xAPI refuses; use 'Z'";
    if (zone[0] == '+' || zone[0] == '-') return "has the UTC offset " + zone + "; it must be UTC, written 'Z'";
    if (zone == "z") return "ends in a lowercase 'z'; use 'Z'";
    if (zone != "Z") return "has '" + zone + "' where the time zone 'Z' must be (expected " + kForm + ")";
    if (fraction == 0) return "has no milliseconds; xAPI timestamps must keep them (" + kForm + ")";
    if (fraction != 3)
        return "has " + std::to_string(fraction) + " fractional digits; exactly 3 (milliseconds) are required";

    const int year = number(value, 0, 4), month = number(value, 5, 2), day = number(value, 8, 2);
    const int hour = number(value, 11, 2), minute = number(value, 14, 2), second = number(value, 17, 2);
    if (month < 1 || month > 12) return "has month " + value.substr(5, 2) + ", which does not exist";
    if (day < 1 || day > Poco::DateTime::daysOfMonth(year, month))
        return "has day " + value.substr(8, 2) + ", which month " + value.substr(5, 2) + " of " + value.substr(0, 4) +
               " does not have";
    if (hour > 23) return "has hour " + value.substr(11, 2) + "; hours run 00-23";
    if (minute > 59) return "has minute " + value.substr(14, 2) + "; minutes run 00-59";
    if (second > 59) return "has second " + value.substr(17, 2) + "; seconds run 00-59";
    return {};
}

}
} // namespace sfe::xapi
