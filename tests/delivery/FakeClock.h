//
// FakeClock.h
//
// Project: sfia-evidence, tests/delivery
//
// A DeliveryClock that never sleeps: it records each wait and jumps ahead.
//

#ifndef SFE_TESTS_DELIVERY_FAKECLOCK_H
#define SFE_TESTS_DELIVERY_FAKECLOCK_H

#include "sfe/xapi/delivery/DeliveryClock.h"

#include <vector>

namespace sfe::test {

class FakeClock final: public xapi::delivery::DeliveryClock
/// Starts at the real current time (so HTTP dates from a server make sense) and only moves when
/// something waits on it or a test calls advance(). For single-threaded use (drain() tests).
{
public:
    FakeClock():
        _now(std::chrono::system_clock::now())
    {}

    TimePoint now() const override { return _now; }

    void waitUntil(std::unique_lock<std::mutex>&, std::condition_variable&, TimePoint deadline,
                   const std::function<bool()>& woken) override
    {
        if (woken() || deadline <= _now) return;
        _waits.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - _now));
        _now = deadline;
    }

    void advance(std::chrono::milliseconds by) { _now += by; }

    const std::vector<std::chrono::milliseconds>& waits() const { return _waits; }
    /// Every wait, in order, as the time it skipped.

    std::chrono::milliseconds waited() const
    {
        std::chrono::milliseconds total{0};
        for (const auto wait : _waits) total += wait;
        return total;
    }

private:
    TimePoint _now;
    std::vector<std::chrono::milliseconds> _waits;
};

} // namespace sfe::test

#endif // SFE_TESTS_DELIVERY_FAKECLOCK_H
