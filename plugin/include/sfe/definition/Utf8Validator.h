//
// Utf8Validator.h
//
// Library: sfe_definition
// Package: definition
//
// Finds byte sequences that are not well-formed UTF-8.
//

#ifndef SFE_DEFINITION_UTF8VALIDATOR_H
#define SFE_DEFINITION_UTF8VALIDATOR_H

#include "sfe/definition/LineMap.h"
#include "sfe/definition/Problem.h"
#include <string>
#include <vector>

namespace sfe {
namespace definition {

/// Checks that a document is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
/// nothing above U+10FFFF), so no parser ever guesses at an encoding.
class Utf8Validator
{
public:
    /// Reports at most this many sequences one by one; one more problem counts the rest.
    static constexpr std::size_t kMaxReported = 20;

    /// One problem per ill-formed sequence, at the sequence's first byte; or, for a file that
    /// starts with a UTF-16 or UTF-32 byte order mark, one problem naming that encoding.
    static std::vector<Problem> check(const std::string& bytes, const std::string& name, const LineMap& lines);
};

}
} // namespace sfe::definition

#endif
