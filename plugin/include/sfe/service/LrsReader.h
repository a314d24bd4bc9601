//
// LrsReader.h
//
// Library: sfe_core
// Package: service
//
// Reads the configured LRS's statement feed, a page at a time.
//

#ifndef SFE_SERVICE_LRSREADER_H
#define SFE_SERVICE_LRSREADER_H

#include "sfe/runtime/Settings.h"

#include "sfe/xapi/delivery/LrsClient.h"

#include <Poco/JSON/Array.h>
#include <Poco/Logger.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace sfe {
namespace service {

/// GETs {lrs.url}/statements with the lrs.* settings the sender uses (DeliveryService::clientSettings:
/// Basic auth, X-Experience-API-Version, timeouts, TLS), on a client of its own (the sender's runs on
/// its thread). The feed is asked for in `stored` order (ascending=true) from a time on (since), all
/// statements of the LRS: no activity filter, so one query and one cursor serve every mapping, and
/// an activity mapped later finds its statements by a pull --since. Pages are followed by `more`.
class LrsReader
{
public:
    /// One page: its statements (parsed JSON values) and the `more` IRL ("" on the last page).
    struct Page
    {
        Poco::JSON::Array::Ptr statements;
        std::string more;
    };

    LrsReader(const runtime::Settings& settings, Poco::Logger& logger);
    ~LrsReader();

    /// True when lrs.url is set.
    bool configured() const { return !_settings.lrsUrl.empty(); }

    /// The endpoint (no trailing slash, no credentials). Requires configured().
    std::string endpoint() const;

    /// The query (relative to {lrs.url}/statements) for the statements stored after `since`
    /// (exclusive; all when empty) in `stored` order, at most `limit` a page.
    static std::string query(const std::optional<std::string>& since, std::size_t limit);

    /// The page a query() or a previous page's `more` names, on the same LRS. Throws runtime::Error:
    /// SFE_CONFIG without lrs.url or with a bad one, SFE_NETWORK when the LRS does not answer,
    /// SFE_INVALID when its answer is not a StatementResult.
    Page read(const std::string& target);

private:
    xapi::delivery::LrsClient& client();

    runtime::Settings _settings;
    Poco::Logger& _logger;
    const std::string _loggerName;
    std::mutex _mutex; ///< one pull talks at a time (the client is not thread-safe)
    std::unique_ptr<xapi::delivery::LrsClient> _client;
};

}
} // namespace sfe::service

#endif
