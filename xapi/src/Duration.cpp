//
// Duration.cpp
//
// Library: sfe_xapi
// Package: syntax
//

#include "sfe/xapi/Duration.h"

namespace sfe {
namespace xapi {

std::string Duration::check(const std::string& value)
{
    if (value.empty()) return "is empty";
    if (value[0] == '-') return "is negative; durations must be zero or more";
    if (value[0] != 'P') return "does not start with 'P' (ISO 8601 duration, e.g. PT1H30M)";
    if (value.size() == 1) return "has no components after 'P'";

    // Components in order; each is digits [ "." digits ] followed by its designator.
    static const std::string kDateOrder = "YMD";
    static const std::string kTimeOrder = "HMS";
    bool inTime = false;
    bool sawFraction = false;
    bool sawComponent = false;
    bool sawWeek = false;
    std::size_t nextDate = 0, nextTime = 0;
    std::size_t i = 1;
    while (i < value.size())
    {
        if (value[i] == 'T')
        {
            if (inTime) return "has a second 'T'";
            inTime = true;
            ++i;
            if (i == value.size()) return "has a 'T' with no time component after it";
            continue;
        }
        const std::size_t start = i;
        while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
        if (i == start)
            return "has '" + std::string(1, value[i]) + "' where a number was expected (position " +
                   std::to_string(i + 1) + ")";
        bool fraction = false;
        if (i < value.size() && (value[i] == '.' || value[i] == ','))
        {
            const std::size_t dot = ++i;
            while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
            if (i == dot) return "has a decimal point without digits after it";
            fraction = true;
        }
        if (i == value.size()) return "ends in a number without a designator (Y, M, W, D, H, M or S)";
        if (sawFraction) return "has a decimal fraction on a component that is not the last";
        if (sawWeek) return "combines weeks with other components (PnW must stand alone)";
        const char designator = value[i++];
        if (!inTime && designator == 'W')
        {
            if (sawComponent) return "combines weeks with other components (PnW must stand alone)";
            sawWeek = true;
        }
        else
        {
            const std::string& order = inTime ? kTimeOrder : kDateOrder;
            std::size_t& next = inTime ? nextTime : nextDate;
            const std::size_t at = order.find(designator, next);
            if (at == std::string::npos)
            {
                if (order.find(designator) != std::string::npos)
                    return std::string("has '") + designator + "' out of order or twice";
                return std::string("has designator '") + designator + "', which is not allowed in the " +
                       (inTime ? "time part (H, M, S)" : "date part (Y, M, W, D; time components need a 'T' first)");
            }
            next = at + 1;
        }
        sawFraction = fraction;
        sawComponent = true;
    }
    return {};
}

}
} // namespace sfe::xapi
