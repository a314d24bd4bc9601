//
// DeliveryClock.h
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  DeliveryClock
//
// The time source and waiting primitive of the delivery code, replaceable in tests.
//

#ifndef SFE_XAPI_DELIVERY_DELIVERYCLOCK_H
#define SFE_XAPI_DELIVERY_DELIVERYCLOCK_H

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace sfe::xapi::delivery {

class DeliveryClock
/// Where OutboxSender reads the time and how it waits (for a backoff to pass, for new work).
/// The system clock waits for real; a test clock can record the wait and jump ahead instead,
/// so backoff behaviour is tested without sleeping.
{
public:
    using TimePoint = std::chrono::system_clock::time_point;

    virtual ~DeliveryClock();

    virtual TimePoint now() const = 0;
    /// The current time (wall-clock: it is stored in the outbox and compared with HTTP dates).

    virtual void waitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable& wakeUp, TimePoint deadline,
                           const std::function<bool()>& woken) = 0;
    /// Blocks until `deadline` has passed on this clock or `woken()` returns true. `lock` is held on
    /// entry and on return, and is released while waiting; whoever changes what `woken()` reads does so
    /// under that lock and then notifies `wakeUp`. May return early without either (callers loop).

    static DeliveryClock& system();
    /// The process-wide real clock (std::chrono::system_clock; waits on the condition variable).
};

} // namespace sfe::xapi::delivery

#endif // SFE_XAPI_DELIVERY_DELIVERYCLOCK_H
