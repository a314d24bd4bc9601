//
// Utf8.h
//
// Library: sfe_xapi
// Package: syntax
//
// Strict UTF-8 decoding and checking.
//

#ifndef SFE_XAPI_UTF8_H
#define SFE_XAPI_UTF8_H

#include <cstdint>
#include <string>

namespace sfe {
namespace xapi {

/// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
/// The serializer passes strings through unchanged, so text that is not UTF-8 would make the
/// statement invalid JSON; StatementValidator uses check() on every free-text value.
class Utf8
{
public:
    /// Decodes the code point starting at byte `offset` into `codePoint` and moves `offset` past it.
    /// Returns false, leaving `offset` as it was, if no valid sequence starts there (or at the end).
    static bool decode(const std::string& text, std::size_t& offset, std::uint32_t& codePoint);

    /// Returns "" when `text` is valid UTF-8, else "is not valid UTF-8 at byte N".
    static std::string check(const std::string& text);

    /// True for the control characters: C0 (below U+0020), DEL (U+007F) and C1 (U+0080 to U+009F).
    /// Input checks refuse them in ids and text output escapes them, with this one definition.
    static bool isControl(std::uint32_t codePoint);

    /// "U+001B": how messages name a code point.
    static std::string codePointName(std::uint32_t codePoint);
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_UTF8_H
