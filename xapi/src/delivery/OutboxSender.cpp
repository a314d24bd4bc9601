//
// OutboxSender.cpp
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  OutboxSender
//
// The delivery algorithm: drains a StatementQueue into an LRS in batches, exactly once, losing nothing.
//

#include "sfe/xapi/delivery/OutboxSender.h"

#include "sfe/xapi/delivery/LrsClient.h"

#include <Poco/Exception.h>

#include <algorithm>
#include <deque>

namespace sfe::xapi::delivery {

namespace {

const std::string conflictReason = "LRS holds different content under this id";

std::string jsonArray(const std::vector<StatementQueue::Pending>& statements)
{
    std::size_t size = 2;
    for (const auto& statement : statements) size += statement.json.size() + 1;
    std::string body;
    body.reserve(size);
    body += '[';
    for (std::size_t i = 0; i < statements.size(); ++i)
    {
        if (i) body += ',';
        body += statements[i].json;
    }
    body += ']';
    return body;
}

/// The JWS of the signed statements among them, to travel as attachment parts.
std::vector<std::string> signaturesOf(const std::vector<StatementQueue::Pending>& statements)
{
    std::vector<std::string> signatures;
    for (const auto& statement : statements)
        if (!statement.signature.empty()) signatures.push_back(statement.signature);
    return signatures;
}

std::vector<std::string> idsOf(const std::vector<StatementQueue::Pending>& statements)
{
    std::vector<std::string> ids;
    ids.reserve(statements.size());
    for (const auto& statement : statements) ids.push_back(statement.id);
    return ids;
}

std::chrono::milliseconds millisecondsBetween(DeliveryClock::TimePoint from, DeliveryClock::TimePoint to)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from);
}

} // namespace

OutboxSender::OutboxSender(StatementQueue& queue, LrsClient& client, Settings settings, DeliveryClock& clock):
    _queue(queue),
    _client(client),
    _settings(settings),
    _clock(clock),
    _logger(Poco::Logger::get(_settings.loggerName)),
    _backoff(settings.backoffBase, settings.backoffMax),
    _batchSize(settings.batchSize)
{
    if (settings.batchSize == 0)
        throw Poco::InvalidArgumentException("OutboxSender: the batch size must be at least 1");
    if (settings.pollInterval <= std::chrono::milliseconds::zero())
        throw Poco::InvalidArgumentException("OutboxSender: the poll interval must be positive");
}

OutboxSender::~OutboxSender()
{
    try
    {
        stop();
    }
    catch (...)
    {
        // A destructor must not throw; stop() only joins a thread.
    }
}

bool OutboxSender::stopRequested() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _stopRequested;
}

void OutboxSender::tally(Summary& summary, std::size_t Summary::*counter, std::size_t count)
{
    summary.*counter += count;
    std::lock_guard<std::mutex> lock(_mutex);
    _totals.*counter += count;
}

bool OutboxSender::pauseUntil(DeliveryClock::TimePoint until)
{
    std::unique_lock<std::mutex> lock(_mutex);
    while (!_stopRequested && _clock.now() < until)
        _clock.waitUntil(lock, _wakeUp, until, [this] { return _stopRequested; });
    return !_stopRequested;
}

void OutboxSender::quarantine(const StatementQueue::Pending& statement, const std::string& reason, Summary& summary)
{
    _queue.quarantine(statement.id, reason, _clock.now());
    tally(summary, &Summary::quarantined, 1);
    _logger.warning("statement %s quarantined: %s", statement.id, reason);
}

void OutboxSender::reschedule(const std::vector<std::string>& ids, const PostResult& result, Summary& summary)
{
    const auto delay = _backoff.next(result.retryAfter);
    const auto now = _clock.now();
    _blockedUntil = now + delay;
    const std::string reason = result.reason.empty() ? std::string(toString(result.outcome)) : result.reason;
    _queue.scheduleRetry(ids, _blockedUntil, reason);
    tally(summary, &Summary::retries, 1);
    summary.lastError = reason;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _totals.lastError = reason;
    }
    const auto level =
        result.outcome == PostResult::Outcome::Refused ? Poco::Message::PRIO_ERROR : Poco::Message::PRIO_WARNING;
    if (_logger.is(level))
        _logger.log(Poco::Message(
            _logger.name(),
            std::to_string(ids.size()) + " statement(s) not delivered (" + toString(result.outcome) +
                "), next attempt in " + std::to_string(delay.count()) + " ms" +
                (result.retryAfter ? " (Retry-After " + std::to_string(result.retryAfter->count()) + " s)" : "") +
                ": " + reason,
            level));
}

OutboxSender::Round OutboxSender::sendBatch(std::vector<StatementQueue::Pending> batch, Summary& summary,
                                            const ProgressCallback& progress)
{
    // Parts still to send, in queue order; a part the LRS rejects as a whole is replaced by its two halves.
    std::deque<std::vector<StatementQueue::Pending>> parts;
    parts.push_back(std::move(batch));
    const auto split = [&parts](std::vector<StatementQueue::Pending> part) {
        const auto middle = part.begin() + static_cast<std::ptrdiff_t>(part.size() / 2);
        parts.emplace_front(std::make_move_iterator(middle), std::make_move_iterator(part.end()));
        parts.emplace_front(std::make_move_iterator(part.begin()), std::make_move_iterator(middle));
    };

    while (!parts.empty())
    {
        if (stopRequested()) return Round::Stopped; // the rest stays pending, unchanged
        std::vector<StatementQueue::Pending> part = std::move(parts.front());
        parts.pop_front();

        const PostResult result = _client.postBatch(jsonArray(part), signaturesOf(part));
        tally(summary, &Summary::requests, 1);

        switch (result.outcome)
        {
            case PostResult::Outcome::Delivered:
                _queue.markDelivered(idsOf(part), _clock.now());
                tally(summary, &Summary::delivered, part.size());
                _backoff.reset();
                break;

            case PostResult::Outcome::Conflict:
                if (part.size() == 1) quarantine(part.front(), conflictReason, summary);
                else split(std::move(part));
                break;

            case PostResult::Outcome::BadRequest:
                if (part.size() == 1)
                    quarantine(part.front(), result.reason.empty() ? "rejected by the LRS (HTTP 400)" : result.reason,
                               summary);
                else split(std::move(part));
                break;

            case PostResult::Outcome::TooLarge:
                if (part.size() == 1)
                {
                    quarantine(part.front(),
                               "too large for the LRS (HTTP 413)" + (result.reason.empty() ? "" : ": " + result.reason),
                               summary);
                }
                else
                {
                    const std::size_t smaller = std::max<std::size_t>(1, part.size() / 2);
                    if (smaller < _batchSize.load())
                    {
                        _batchSize.store(smaller);
                        _logger.warning("the LRS found a batch of %z statements too large; batch size is now %z",
                                        part.size(), smaller);
                    }
                    split(std::move(part));
                }
                break;

            case PostResult::Outcome::Retryable:
            case PostResult::Outcome::Refused:
            {
                if (stopRequested()) return Round::Stopped; // most likely our own abort(): not the LRS's failure
                std::vector<std::string> unsettled = idsOf(part);
                for (const auto& rest : parts)
                    for (const auto& statement : rest) unsettled.push_back(statement.id);
                reschedule(unsettled, result, summary);
                if (progress) progress(summary);
                return result.outcome == PostResult::Outcome::Refused ? Round::Refused : Round::Failed;
            }
        }
        if (progress) progress(summary);
    }
    return Round::Idle;
}

OutboxSender::Round OutboxSender::deliverDue(Summary& summary, const ProgressCallback& progress)
{
    for (;;)
    {
        if (stopRequested()) return Round::Stopped;
        std::vector<StatementQueue::Pending> batch = _queue.fetchDue(_batchSize.load(), _clock.now());
        if (batch.empty()) return Round::Idle;
        const Round round = sendBatch(std::move(batch), summary, progress);
        if (round != Round::Idle) return round;
    }
}

OutboxSender::Summary OutboxSender::drain(const ProgressCallback& progress)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_thread.joinable())
            throw Poco::IllegalStateException("OutboxSender::drain() called while the background thread runs");
        if (_draining) throw Poco::IllegalStateException("OutboxSender::drain() called while another drain() runs");
        _draining = true;
        _stopRequested = false;
    }
    struct DrainingFlag
    {
        OutboxSender& sender;
        ~DrainingFlag()
        {
            std::lock_guard<std::mutex> lock(sender._mutex);
            sender._draining = false;
        }
    } drainingFlag{*this};

    Summary summary;
    const auto started = _clock.now();
    const auto limit = _settings.drainTimeLimit > std::chrono::milliseconds::zero() ? started + _settings.drainTimeLimit
                                                                                    : DeliveryClock::TimePoint::max();
    for (;;)
    {
        if (_blockedUntil > limit) break;
        if (!pauseUntil(_blockedUntil))
        {
            summary.stopped = true;
            break;
        }
        const Round round = deliverDue(summary, progress);
        if (round == Round::Stopped)
        {
            summary.stopped = true;
            break;
        }
        if (round == Round::Refused) break;
        if (round == Round::Failed) continue; // wait out the backoff at the top of the loop
        const auto next = _queue.nextAttemptAt();
        if (!next)
        {
            summary.finished = true;
            break;
        }
        if (*next > limit) break;
        if (!pauseUntil(*next))
        {
            summary.stopped = true;
            break;
        }
    }
    summary.elapsed = millisecondsBetween(started, _clock.now());
    _logger.information("drain: %z delivered, %z quarantined, %z retries, %z requests in %Ld ms%s", summary.delivered,
                        summary.quarantined, summary.retries, summary.requests,
                        static_cast<Poco::Int64>(summary.elapsed.count()),
                        std::string(summary.finished  ? ""
                                    : summary.stopped ? " (stopped)"
                                                      : " (statements still pending)"));
    return summary;
}

void OutboxSender::run()
{
    Summary summary; // totals() reads _totals; this one only feeds tally()
    for (;;)
    {
        {
            std::lock_guard<std::mutex> lock(_mutex);
            if (_stopRequested) break;
            _notified = false;
        }
        if (!pauseUntil(_blockedUntil)) break;
        Round round;
        try
        {
            round = deliverDue(summary, {});
        }
        catch (const std::exception& e)
        {
            // The queue failed (storage error). Keep the thread alive and try again after a backoff.
            _logger.error(std::string("outbox queue error: ") + e.what());
            _blockedUntil = _clock.now() + _backoff.next();
            continue;
        }
        if (round == Round::Stopped) break;

        // Sleep until notified, until the next statement falls due, or until the poll interval passes.
        std::optional<DeliveryClock::TimePoint> next;
        try
        {
            next = _queue.nextAttemptAt(); // outside _mutex: the queue may call notify() under its own lock
        }
        catch (const std::exception& e)
        {
            _logger.error(std::string("outbox queue error: ") + e.what());
        }
        auto wakeAt = _clock.now() + _settings.pollInterval;
        if (next && *next < wakeAt) wakeAt = std::max(*next, _blockedUntil);
        std::unique_lock<std::mutex> lock(_mutex);
        if (_stopRequested) break;
        if (_notified) continue; // new statements arrived while we were sending (a backoff is waited out at the top)
        _clock.waitUntil(lock, _wakeUp, wakeAt, [this] { return _stopRequested || _notified; });
    }
}

void OutboxSender::start()
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_thread.joinable()) return;
    if (_draining) throw Poco::IllegalStateException("OutboxSender::start() called while drain() runs");
    _stopRequested = false;
    _notified = true;
    _thread = std::thread([this] { run(); });
}

void OutboxSender::notify()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _notified = true;
    }
    _wakeUp.notify_all();
}

void OutboxSender::stop()
{
    std::thread thread;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopRequested = true;
        thread = std::move(_thread);
    }
    _wakeUp.notify_all();
    _client.abort();
    if (thread.joinable())
    {
        if (thread.get_id() == std::this_thread::get_id())
            thread.detach(); // stop() from a progress callback on the sender's own thread
        else thread.join();
    }
}

bool OutboxSender::running() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _thread.joinable();
}

OutboxSender::Summary OutboxSender::totals() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _totals;
}

} // namespace sfe::xapi::delivery
