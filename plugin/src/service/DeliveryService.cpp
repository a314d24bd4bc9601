//
// DeliveryService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/DeliveryService.h"

#include "sfe/service/StatementBinding.h"

#include "sfe/runtime/Error.h"
#include "sfe/xapi/delivery/DeliveryException.h"

#include "sfe.h"

namespace sfe {
namespace service {

xapi::delivery::LrsClient::Settings DeliveryService::clientSettings(const runtime::Settings& s,
                                                                    const std::string& loggerName)
{
    xapi::delivery::LrsClient::Settings c;
    c.loggerName = loggerName;
    c.endpoint = s.lrsUrl;
    c.username = s.lrsUser;
    c.password = s.lrsPassword;
    c.version = s.xapiVersion;
    c.requestTimeout = std::chrono::milliseconds(s.lrsTimeoutMs);
    c.verifyCertificates = s.lrsVerifyCertificates;
    c.caFile = s.lrsCaFile;
    return c;
}

DeliveryService::DeliveryService(const runtime::Settings& settings, Poco::Logger& logger, store::Database& db):
    _settings(settings),
    _logger(logger),
    // A child of the host's logger: it takes the host's channel and level, and each handle's
    // delivery lines reach that handle's host, not the last one opened.
    _loggerName(logger.name() + ".delivery"),
    _queue(std::make_unique<store::OutboxQueue>(db, std::chrono::seconds(settings.lrsLeaseSeconds)))
{
    // Nothing leaves that the evidence log does not bind as it is now (an edited statement stays
    // in the outbox, quarantined with the reason).
    _queue->setCheck([&db](const store::StatementRecord& s) { return StatementBinding::refusal(db, s); });
    if (!configured()) return;
    if (static_cast<long long>(settings.lrsLeaseSeconds) * 1000 <= settings.lrsTimeoutMs)
        _logger.warning("lrs.lease_s (" + std::to_string(settings.lrsLeaseSeconds) +
                        " s) is not longer than lrs.timeout_ms (" + std::to_string(settings.lrsTimeoutMs) +
                        " ms): a POST that hangs that long lets another sender take the outbox and post "
                        "the same statements again");
    try
    {
        _client = std::make_unique<xapi::delivery::LrsClient>(clientSettings(settings, _loggerName));
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error::config("lrs.url: " + e.message());
    }
}

DeliveryService::~DeliveryService()
{
    stop();
    _background.reset();
    _client.reset();
    Poco::Logger::destroy(_loggerName);
}

void DeliveryService::checkAboutOnce()
{
    if (_aboutChecked) return;
    try
    {
        _client->checkAbout();
        _aboutChecked = true;
    }
    catch (const xapi::delivery::LrsCertificateException& e)
    {
        // Retrying will not make the certificate trusted: a configuration problem (CLI exit 78).
        throw runtime::Error::config("lrs.url: the LRS at " + _client->endpoint() + " is not usable: " + e.message());
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error(SFE_NETWORK, "the LRS at " + _client->endpoint() + " is not usable: " + e.message());
    }
}

std::unique_ptr<xapi::delivery::OutboxSender> DeliveryService::makeSender(std::chrono::milliseconds timeLimit)
{
    xapi::delivery::OutboxSender::Settings s;
    s.batchSize = static_cast<std::size_t>(_settings.lrsBatch);
    s.drainTimeLimit = timeLimit;
    s.loggerName = _loggerName;
    return std::make_unique<xapi::delivery::OutboxSender>(*_queue, *_client, s);
}

void DeliveryService::startBackground()
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (!configured() || _background || _syncing || _stopping) return;
    try
    {
        checkAboutOnce();
    }
    catch (const runtime::Error& e)
    {
        _logger.warning(e.message() + "; sending anyway, with retries");
    }
    _background = makeSender(std::chrono::milliseconds(0));
    _background->start();
}

void DeliveryService::notify()
{
    std::lock_guard<std::mutex> lock(_mutex);
    if (_background) _background->notify();
}

void DeliveryService::stop()
{
    std::unique_ptr<xapi::delivery::OutboxSender> stopping;
    bool first = false;
    {
        std::unique_lock<std::mutex> lock(_mutex);
        first = !_stopping;
        _stopping = true;
        stopping = std::move(_background);
        // A sync on another thread is interrupted, and waited for: its sender and queue live here.
        if (_syncSender) _syncSender->stop();
        _syncDone.wait(lock, [this] { return !_syncing; });
    }
    if (stopping) stopping->stop();
    // Only on the first stop: the store may be closed by the time the destructor stops again.
    if (first && configured()) _queue->releaseLease();
}

xapi::delivery::OutboxSender::Summary
DeliveryService::sync(std::chrono::milliseconds timeLimit,
                      const xapi::delivery::OutboxSender::ProgressCallback& progress)
{
    if (!configured())
        throw runtime::Error::config("sync: no LRS is configured (set lrs.url, or SFE_LRS_URL for the CLI)");
    std::unique_ptr<xapi::delivery::OutboxSender> sender, pausedBackground;
    {
        // Not held while draining: recording threads call notify() meanwhile.
        std::lock_guard<std::mutex> lock(_mutex);
        if (_stopping) throw runtime::Error::misuse("sync: the plugin is stopping");
        if (_syncing) throw runtime::Error::misuse("sync: another sync is delivering this outbox");
        checkAboutOnce();
        // "Send now" while the background sender runs: it pauses, so only one sender drains.
        pausedBackground = std::move(_background);
        sender = makeSender(timeLimit);
        _syncSender = sender.get();
        _syncing = true;
    }
    if (pausedBackground) pausedBackground->stop();
    struct Done
    {
        DeliveryService& service;
        std::unique_ptr<xapi::delivery::OutboxSender>& paused;
        ~Done()
        {
            // A drain cut short may still hold it. Outside the lock: releasing writes to the store,
            // and writers wake the sender under this lock (notify) after their transaction.
            service._queue->releaseLease();
            std::lock_guard<std::mutex> lock(service._mutex);
            service._syncSender = nullptr;
            service._syncing = false;
            if (paused && !service._stopping)
            {
                service._background = std::move(paused);
                service._background->start();
            }
            service._syncDone.notify_all();
        }
    } done{*this, pausedBackground};
    return sender->drain(progress);
}

}
} // namespace sfe::service
