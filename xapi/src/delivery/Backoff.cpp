//
// Backoff.cpp
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  Backoff
//
// Exponential backoff with jitter that honours a server's Retry-After.
//

#include "sfe/xapi/delivery/Backoff.h"

#include <Poco/Exception.h>

#include <algorithm>

namespace sfe::xapi::delivery {

Backoff::Backoff(Duration base, Duration max, std::uint64_t seed):
    _base(base),
    _max(max),
    _random(seed)
{
    if (base <= Duration::zero() || max < base)
        throw Poco::InvalidArgumentException("Backoff: need 0 < base <= max, got base " + std::to_string(base.count()) +
                                             " ms, max " + std::to_string(max.count()) + " ms");
}

Backoff::Duration Backoff::ceiling() const
{
    // Doubling stops once past max; 62 doublings of 1 ms would overflow long before that matters.
    Duration ceiling = _base;
    for (unsigned i = 0; i < _failures && ceiling < _max; ++i) ceiling *= 2;
    return std::min(ceiling, _max);
}

Backoff::Duration Backoff::next(std::optional<std::chrono::seconds> retryAfter)
{
    const Duration top = ceiling();
    ++_failures;
    std::uniform_int_distribution<Duration::rep> jitter(top.count() / 2, top.count());
    Duration delay(jitter(_random));
    if (retryAfter) delay = std::max<Duration>(delay, *retryAfter);
    return delay;
}

void Backoff::reset()
{
    _failures = 0;
}

} // namespace sfe::xapi::delivery
