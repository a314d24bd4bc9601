//
// DeliveryService.h
//
// Library: sfe_core
// Package: service
//
// Use cases for the outbox: send statements to the LRS (now, or in the background), show the
// outbox, put quarantined statements back into delivery.
//

#ifndef SFE_SERVICE_DELIVERYSERVICE_H
#define SFE_SERVICE_DELIVERYSERVICE_H

#include "sfe/runtime/Settings.h"
#include "sfe/store/Database.h"
#include "sfe/store/OutboxQueue.h"

#include "sfe/xapi/delivery/LrsClient.h"
#include "sfe/xapi/delivery/OutboxSender.h"

#include <Poco/Logger.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace sfe {
namespace service {

/// Delivery of the outbox to the configured LRS. Its queue leases a store session of its own for
/// each step (store::Database::Lease), so sending never blocks recording. The LRS's /about is
/// checked once before the first send.
class DeliveryService
{
public:
    /// Sends from `db`, which must outlive the service. No network access happens here.
    DeliveryService(const runtime::Settings& settings, Poco::Logger& logger, store::Database& db);
    ~DeliveryService();

    /// True when lrs.url is set.
    bool configured() const { return !_settings.lrsUrl.empty(); }

    /// Starts the background sender. If the LRS does not answer /about yet, it logs a warning and
    /// starts anyway: the sender backs off and retries. Requires configured().
    void startBackground();

    /// Wakes the background sender: new statements are due. [thread-safe]
    void notify();

    /// Stops the background sender, and a sync running on another thread, within about a second,
    /// and waits for both. Safe to call twice.
    void stop();

    /// Sends everything due now, waiting out backoffs up to `timeLimit` (0: until the outbox is
    /// empty). A running background sender pauses meanwhile and resumes after. Throws
    /// runtime::Error: SFE_CONFIG without lrs.url, SFE_NETWORK when /about fails, SFE_MISUSE when
    /// another sync runs or the plugin is stopping.
    xapi::delivery::OutboxSender::Summary sync(std::chrono::milliseconds timeLimit,
                                               const xapi::delivery::OutboxSender::ProgressCallback& progress);

    store::OutboxQueue& queue() { return *_queue; }

    /// The LRS client settings the lrs.* keys give (endpoint, credentials, version, timeout, TLS):
    /// the sender's, and the reader's of `pull` (service::LrsReader), so both talk alike.
    static xapi::delivery::LrsClient::Settings clientSettings(const runtime::Settings& settings,
                                                              const std::string& loggerName);

private:
    void checkAboutOnce();
    std::unique_ptr<xapi::delivery::OutboxSender> makeSender(std::chrono::milliseconds timeLimit);

    runtime::Settings _settings;
    Poco::Logger& _logger;
    const std::string _loggerName; ///< the sender's and client's logger, a child of _logger
    std::unique_ptr<store::OutboxQueue> _queue;
    std::unique_ptr<xapi::delivery::LrsClient> _client;
    std::unique_ptr<xapi::delivery::OutboxSender> _background;
    std::mutex _mutex;
    bool _aboutChecked = false;
    bool _syncing = false;
    bool _stopping = false;
    xapi::delivery::OutboxSender* _syncSender = nullptr; ///< the sender of a sync in progress
    std::condition_variable _syncDone;
};

}
} // namespace sfe::service

#endif
