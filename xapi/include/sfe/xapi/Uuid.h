//
// Uuid.h
//
// Library: sfe_xapi
// Package: syntax
//
// UUIDs for statement ids and registrations: generation (v4, v5) and checking.
//

#ifndef SFE_XAPI_UUID_H
#define SFE_XAPI_UUID_H

#include <string>

namespace sfe {
namespace xapi {

/// Creates and checks UUIDs in the form xAPI expects: RFC 4122 variant, lowercase 8-4-4-4-12 hex.
class Uuid
{
public:
    /// A random (version 4) UUID: 122 bits of the kernel's CSPRNG (getrandom).
    static std::string random();

    /// A time-ordered (version 7, RFC 9562) UUID: 48 bits of Unix milliseconds from `unixMs` (the
    /// host clock), a 12-bit counter that orders the ids made in one millisecond, 62 random bits.
    /// Each id a process makes sorts after the one it made before, also past 4,096 ids in one
    /// millisecond or when the clock steps back (the milliseconds then run ahead of it), so a
    /// store's indexes on them grow at one end instead of splitting pages all over (the store's
    /// evidence and statement keys). [thread-safe]
    static std::string timeOrdered(long long unixMs);

    /// A name-based (version 5, SHA-1) UUID: the same namespace and name always give the same id,
    /// so a statement re-derived from the same event keeps its id.
    /// Throws Poco::SyntaxException if `namespaceUuid` is not a UUID.
    static std::string nameBased(const std::string& namespaceUuid, const std::string& name);

    /// Returns "" when `value` is a UUID in lowercase 8-4-4-4-12 hex form with the RFC 4122
    /// variant (10xx: the 17th hex digit is 8, 9, a or b) and a version 1-8, else why not.
    static std::string check(const std::string& value);

    static bool isValid(const std::string& value) { return check(value).empty(); }
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_UUID_H
