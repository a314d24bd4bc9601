//
// LanguageTag.h
//
// Library: sfe_xapi
// Package: syntax
//
// Checks RFC 5646 language tags for well-formedness.
//

#ifndef SFE_XAPI_LANGUAGETAG_H
#define SFE_XAPI_LANGUAGETAG_H

#include <string>

namespace sfe {
namespace xapi {

/// Checks that a string is a well-formed RFC 5646 language tag, following the ABNF of section 2.1
/// (langtag = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse],
/// or a private-use tag "x-...", or one of the 26 grandfathered tags), case-insensitively.
/// Also refuses repeated variants and repeated extension singletons (RFC 5646 2.2.5, 2.2.6).
/// The IANA registry is not consulted: "qq-ZZ" is well-formed.
class LanguageTag
{
public:
    /// Returns "" when `tag` is well-formed, else why not (e.g. "has a primary language subtag
    /// 'a12345678' longer than 8 characters").
    static std::string check(const std::string& tag);

    static bool isValid(const std::string& tag) { return check(tag).empty(); }
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_LANGUAGETAG_H
