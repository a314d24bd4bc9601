//
// OutboxSender.h
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  OutboxSender
//
// The delivery algorithm: drains a StatementQueue into an LRS in batches, exactly once, losing nothing.
//

#ifndef SFE_XAPI_DELIVERY_OUTBOXSENDER_H
#define SFE_XAPI_DELIVERY_OUTBOXSENDER_H

#include "sfe/xapi/delivery/Backoff.h"
#include "sfe/xapi/delivery/DeliveryClock.h"
#include "sfe/xapi/delivery/PostResult.h"
#include "sfe/xapi/delivery/StatementQueue.h"

#include <Poco/Logger.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sfe::xapi::delivery {

class LrsClient;

class OutboxSender
/// Sends what a StatementQueue holds to an LRS and settles every statement in the queue:
///   - 200/204: the batch is delivered (an identical re-send is acknowledged the same way).
///   - 409: the batch is split in halves until the conflicting statement(s) stand alone; each is
///     quarantined with the reason "LRS holds different content under this id"; the rest is delivered.
///   - 400: the same bisection finds the statement(s) the LRS rejects; each is quarantined with the
///     LRS's reason; the rest is delivered.
///   - 413: the batch size is halved for good and the batch is sent again in halves; a single statement
///     the LRS still finds too large is quarantined.
///   - 429, 5xx, timeout, network error (and 401/403/TLS refusals): the unsettled statements are
///     rescheduled in the queue after an exponential backoff with jitter, at least the server's
///     Retry-After; no request is sent before that time.
/// A statement is only ever marked delivered after the LRS acknowledged it, so nothing is lost; a
/// crash between acknowledgement and marking leads to an identical re-send, which the LRS acknowledges
/// without storing twice.
///
/// Two ways to run it: drain() on the caller's thread, or start() a background thread that sends what
/// is due whenever notify() is called (new evidence recorded) or the poll interval passes. stop() ends
/// either within about a second: waits are interruptible and a request in flight is aborted.
///
/// The sender does not call LrsClient::checkAbout(); the composition root does, once, before starting.
/// Logs to the Poco logger Settings::loggerName ("sfe.delivery" by default). The queue, client and clock must outlive the sender.
{
public:
    struct Settings
    {
        std::size_t batchSize = 50;
        /// Statements per POST at most (a 413 lowers it for the rest of the sender's life).
        std::chrono::milliseconds backoffBase{1000};
        /// Delay ceiling after the first failure; it doubles with each consecutive failure...
        std::chrono::milliseconds backoffMax{5 * 60 * 1000};
        /// ...up to this (a longer Retry-After from the server still wins).
        std::chrono::milliseconds pollInterval{30 * 1000};
        /// Background mode: look at the queue at least this often, even without notify().
        std::string loggerName = "sfe.delivery";
        /// The Poco logger it writes to; a host with several senders gives each its own.
        std::chrono::milliseconds drainTimeLimit{0};
        /// drain(): return instead of waiting for a retry that would come later than this after the start
        /// of drain(). 0 means no limit: drain() waits out every backoff until the queue is empty.
    };

    struct Summary
    /// What a drain() did (or the background thread, for totals()).
    {
        std::size_t delivered = 0;   /// Statements the LRS acknowledged.
        std::size_t quarantined = 0; /// Statements taken out of delivery (the queue keeps the reason).
        std::size_t retries = 0;     /// Failed attempts after which statements were rescheduled.
        std::size_t requests = 0;    /// POST requests sent.
        std::chrono::milliseconds elapsed{0};
        bool finished = false; /// drain(): nothing was pending any more when it returned.
        bool stopped = false;  /// drain(): it returned because stop() was called.
        std::string lastError; /// The reason of the last failed attempt, if any.
    };

    using ProgressCallback = std::function<void(const Summary&)>;
    /// Called on the sending thread after each request with the summary so far.

    OutboxSender(StatementQueue& queue, LrsClient& client, Settings settings,
                 DeliveryClock& clock = DeliveryClock::system());
    /// Throws Poco::InvalidArgumentException for a batch size of 0, a poll interval <= 0 or a backoff
    /// base/max that is not 0 < base <= max.

    ~OutboxSender();
    /// Stops the background thread, if running.

    OutboxSender(const OutboxSender&) = delete;
    OutboxSender& operator=(const OutboxSender&) = delete;

    Summary drain(const ProgressCallback& progress = {});
    /// Sends until no statement is pending, waiting out backoffs (see Settings::drainTimeLimit), and
    /// returns what it did. Returns early after a refusal (401, 403, TLS, unexpected status; the
    /// statements stay pending, Summary::lastError says why) or when stop() is called from another
    /// thread. Exceptions from the queue propagate. Throws Poco::IllegalStateException while the
    /// background thread runs.

    void start();
    /// Starts the background thread (a no-op when it is running). It sends what is due at once.

    void notify();
    /// Thread-safe: tells the background thread that new statements are due. It wakes at once, unless a
    /// backoff is in force (then it sends when the backoff ends).

    void stop();
    /// Thread-safe: stops the background thread or interrupts a drain() on another thread, and waits for
    /// the background thread to end: within about a second, as backoff waits are interrupted and a
    /// request in flight is aborted (its statements stay pending, unchanged).

    bool running() const;
    /// True while the background thread runs.

    Summary totals() const;
    /// Thread-safe: counts over all drains and background work since construction.

    std::size_t batchSize() const { return _batchSize.load(); }
    /// The current batch size (Settings::batchSize, or less after a 413).

private:
    enum class Round
    {
        Idle,    // nothing (more) due
        Failed,  // a retryable failure: statements rescheduled, backoff in force
        Refused, // a refusal: statements rescheduled, backoff in force, an operator must look
        Stopped  // stop() was called
    };

    Round deliverDue(Summary& summary, const ProgressCallback& progress);
    Round sendBatch(std::vector<StatementQueue::Pending> batch, Summary& summary, const ProgressCallback& progress);
    void reschedule(const std::vector<std::string>& ids, const PostResult& result, Summary& summary);
    void quarantine(const StatementQueue::Pending& statement, const std::string& reason, Summary& summary);
    bool pauseUntil(DeliveryClock::TimePoint until);
    bool stopRequested() const;
    void tally(Summary& summary, std::size_t Summary::*counter, std::size_t count);
    void run();

    StatementQueue& _queue;
    LrsClient& _client;
    const Settings _settings;
    DeliveryClock& _clock;
    Poco::Logger& _logger;

    // Used by the sending thread only.
    Backoff _backoff;
    DeliveryClock::TimePoint _blockedUntil{}; // no request before this (backoff in force)

    std::atomic<std::size_t> _batchSize;

    mutable std::mutex _mutex; // guards the members below
    std::condition_variable _wakeUp;
    bool _stopRequested = false;
    bool _notified = false;
    bool _draining = false;
    Summary _totals;
    std::thread _thread;
};

} // namespace sfe::xapi::delivery

#endif // SFE_XAPI_DELIVERY_OUTBOXSENDER_H
