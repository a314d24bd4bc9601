//
// Backoff.h
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  Backoff
//
// Exponential backoff with jitter that honours a server's Retry-After.
//

#ifndef SFE_XAPI_DELIVERY_BACKOFF_H
#define SFE_XAPI_DELIVERY_BACKOFF_H

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace sfe::xapi::delivery {

class Backoff
/// How long to wait before the next attempt after consecutive failures. The n-th consecutive failure
/// allows a ceiling of min(max, base * 2^(n-1)); the delay is drawn uniformly from [ceiling/2, ceiling]
/// ("equal jitter"), so many senders that failed together do not retry together, yet every wait still
/// grows. A Retry-After from the server is a lower bound on the delay. Not thread-safe.
{
public:
    using Duration = std::chrono::milliseconds;

    Backoff(Duration base, Duration max, std::uint64_t seed = std::random_device{}());
    /// Throws Poco::InvalidArgumentException unless 0 < base <= max.

    Duration next(std::optional<std::chrono::seconds> retryAfter = std::nullopt);
    /// Counts one more failure and returns the delay to wait before the next attempt.

    void reset();
    /// Forgets the failures (call after a success).

    unsigned failures() const { return _failures; }
    /// Consecutive failures counted since construction or the last reset().

    Duration ceiling() const;
    /// The largest delay the next call to next() may return without a Retry-After.

private:
    Duration _base;
    Duration _max;
    unsigned _failures = 0;
    std::mt19937_64 _random;
};

} // namespace sfe::xapi::delivery

#endif // SFE_XAPI_DELIVERY_BACKOFF_H
