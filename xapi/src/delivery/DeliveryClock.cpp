//
// DeliveryClock.cpp
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  DeliveryClock
//
// The time source and waiting primitive of the delivery code, replaceable in tests.
//

#include "sfe/xapi/delivery/DeliveryClock.h"

namespace sfe::xapi::delivery {

namespace {

class SystemDeliveryClock final: public DeliveryClock
{
public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }

    void waitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& wakeUp, TimePoint deadline,
                   const std::function<bool()>& woken) override
    {
        // Wait on the steady clock so that a wall-clock step neither cuts the wait short nor stretches it.
        const auto remaining = deadline - std::chrono::system_clock::now();
        if (remaining <= TimePoint::duration::zero()) return;
        wakeUp.wait_until(lock, std::chrono::steady_clock::now() + remaining, woken);
    }
};

} // namespace

DeliveryClock::~DeliveryClock() = default;

DeliveryClock& DeliveryClock::system()
{
    static SystemDeliveryClock clock;
    return clock;
}

} // namespace sfe::xapi::delivery
