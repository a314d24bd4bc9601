//
// Iri.h
//
// Library: sfe_xapi
// Package: syntax
//
// Checks IRIs against the RFC 3987 grammar.
//

#ifndef SFE_XAPI_IRI_H
#define SFE_XAPI_IRI_H

#include <string>

namespace sfe {
namespace xapi {

/// Checks that a string is an absolute IRI per RFC 3987: scheme ":" ihier-part ["?" iquery]
/// ["#" ifragment], every character allowed where it stands (no spaces, no control characters,
/// iprivate only in the query), valid UTF-8, percent-escapes of two hex digits, a well-formed
/// authority (userinfo, reg-name or IP literal, numeric port). xAPI needs absolute IRIs
/// everywhere, so relative references are refused. For http and https the host must not be empty.
/// Learning Locker's own check accepts spaces; this one does not.
class Iri
{
public:
    /// Returns "" when `value` is a valid absolute IRI, else why not, phrased to follow the quoted
    /// value (e.g. "contains a space at byte 18").
    static std::string check(const std::string& value);

    static bool isValid(const std::string& value) { return check(value).empty(); }
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_IRI_H
