//
// Uuid.cpp
//
// Library: sfe_xapi
// Package: syntax
//

#include "sfe/xapi/Uuid.h"
#include <Poco/Exception.h>
#include <Poco/SHA1Engine.h>
#include <Poco/UUID.h>
#include <Poco/UUIDGenerator.h>

#include <mutex>
#include <cerrno>
#include <cstdio>

#include <sys/random.h>

namespace sfe {
namespace xapi {

namespace {

/// The next 8 bytes of this thread's pool of the kernel's CSPRNG, drawn 4 KiB at a time: Poco's
/// generator opens /dev/urandom for every id, which cost more than the rest of recording an
/// event's ids.
unsigned long long randomBits()
{
    thread_local unsigned char pool[4096];
    thread_local std::size_t used = sizeof pool;
    if (used + 8 > sizeof pool)
    {
        std::size_t filled = 0;
        while (filled < sizeof pool)
        {
            const ssize_t n = ::getrandom(pool + filled, sizeof pool - filled, 0);
            if (n < 0 && errno != EINTR) throw Poco::SystemException("getrandom failed", errno);
            if (n > 0) filled += static_cast<std::size_t>(n);
        }
        used = 0;
    }
    unsigned long long bits = 0;
    for (int i = 0; i < 8; ++i) bits = (bits << 8) | pool[used++];
    return bits;
}

} // namespace

std::string Uuid::random()
{
    // 122 random bits: version 4, the RFC 4122 variant (10).
    const unsigned long long high = (randomBits() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
    const unsigned long long low = (randomBits() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    char id[37];
    std::snprintf(id, sizeof id, "%08llx-%04llx-%04llx-%04llx-%012llx", high >> 32, (high >> 16) & 0xffffULL,
                  high & 0xffffULL, low >> 48, low & 0xffffffffffffULL);
    return std::string(id, 36);
}

std::string Uuid::timeOrdered(long long unixMs)
{
    // Monotonic in this process (RFC 9562, 6.2, method 1): the counter starts again at 0 each new
    // millisecond, and once its 12 bits are used up within one, or when the clock steps back, the ids
    // go on from the last millisecond used. An id that sorted before the one made just before it
    // would land in the middle of an index (evidence and statement keys) and split a full page there.
    static std::mutex mutex;
    static long long lastMs = -1;
    static unsigned counter = 0;
    long long ms;
    unsigned sequence;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (unixMs > lastMs)
        {
            lastMs = unixMs;
            counter = 0;
        }
        else if (++counter > 0x0fffu)
        {
            ++lastMs;
            counter = 0;
        }
        ms = lastMs;
        sequence = counter;
    }
    // 62 random bits, and the RFC 4122 variant, 10.
    const unsigned long long bits = (randomBits() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    char id[37];
    std::snprintf(id, sizeof id, "%08llx-%04llx-7%03x-%04llx-%012llx",
                  static_cast<unsigned long long>(ms >> 16) & 0xffffffffULL,
                  static_cast<unsigned long long>(ms) & 0xffffULL, sequence, bits >> 48, bits & 0xffffffffffffULL);
    return std::string(id, 36);
}

std::string Uuid::nameBased(const std::string& namespaceUuid, const std::string& name)
{
    Poco::UUID ns;
    if (!ns.tryParse(namespaceUuid)) throw Poco::SyntaxException("UUID namespace is not a UUID", namespaceUuid);
    Poco::SHA1Engine sha1;
    return Poco::UUIDGenerator::defaultGenerator()
        .createFromName(ns, name, sha1, Poco::UUID::UUID_NAME_BASED_SHA1)
        .toString();
}

std::string Uuid::check(const std::string& value)
{
    static const char* const kForm = "8-4-4-4-12 hex digits";
    if (value.size() != 36)
        return "is not a UUID: it has " + std::to_string(value.size()) + " characters, expected 36 (" + kForm + ")";
    bool upper = false;
    for (std::size_t i = 0; i < value.size(); ++i)
    {
        const char c = value[i];
        if (i == 8 || i == 13 || i == 18 || i == 23)
        {
            if (c != '-')
                return "is not a UUID: expected '-' at position " + std::to_string(i + 1) + " (" + kForm + ")";
            continue;
        }
        if (c >= 'A' && c <= 'F')
        {
            upper = true;
            continue;
        }
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return "is not a UUID: '" + std::string(1, c) + "' at position " + std::to_string(i + 1) +
                   " is not a hex digit";
    }
    if (upper) return "has uppercase hex digits; the lowercase form is required";
    const char variant = value[19];
    if (!(variant == '8' || variant == '9' || variant == 'a' || variant == 'b'))
        return "does not have the RFC 4122 variant: character 20 is '" + std::string(1, variant) +
               "', it must be 8, 9, a or b";
    const char version = value[14];
    if (version < '1' || version > '8')
        return "has version '" + std::string(1, version) + "' (character 15); versions 1 to 8 are defined";
    return {};
}

}
} // namespace sfe::xapi
