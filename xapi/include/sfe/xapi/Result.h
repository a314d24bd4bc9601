//
// Result.h
//
// Library: sfe_xapi
// Package: model
//
// The xAPI Result and Score.
//

#ifndef SFE_XAPI_RESULT_H
#define SFE_XAPI_RESULT_H

#include "sfe/xapi/JsonValue.h"
#include <optional>
#include <string>

namespace sfe {
namespace xapi {

/// A score. StatementValidator checks scaled in [-1, 1], min < max and min <= raw <= max.
struct Score
{
    std::optional<double> scaled;
    std::optional<double> raw;
    std::optional<double> min;
    std::optional<double> max;
};

/// A measured outcome. Absent members are not written.
struct Result
{
    std::optional<Score> score;
    std::optional<bool> success;
    std::optional<bool> completion;
    std::optional<std::string> response;
    std::optional<std::string> duration; ///< ISO 8601 duration, e.g. "PT1H30M"
    Extensions extensions;               ///< result extensions; not written when empty
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_RESULT_H
