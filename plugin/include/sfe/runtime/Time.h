//
// Time.h
//
// Library: sfe_core
// Package: runtime
//
// Reading the times LMS events carry. (Times are written by xapi::Timestamp::format.)
//

#ifndef SFE_RUNTIME_TIME_H
#define SFE_RUNTIME_TIME_H

#include <Poco/Timestamp.h>

#include <optional>
#include <string>

namespace sfe {
namespace runtime {

/// Parses an ISO 8601 / RFC 3339 time with a zone (any offset, converted to UTC); empty if invalid.
std::optional<Poco::Timestamp> parseTime(const std::string& text);

}
} // namespace sfe::runtime

#endif
