//
// LrsClient.h
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  LrsClient
//
// The HTTP(S) conversation with one LRS: GET /about and POST of statement batches.
//

#ifndef SFE_XAPI_DELIVERY_LRSCLIENT_H
#define SFE_XAPI_DELIVERY_LRSCLIENT_H

#include "sfe/xapi/delivery/PostResult.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPResponse.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace Poco::Net {
class HTTPClientSession;
class HTTPRequest;
}

namespace sfe::xapi::delivery {

class LrsClient
/// Talks to one LRS over one kept-alive HTTP or HTTPS connection (reopened when needed): checks its
/// /about resource and POSTs statement batches to {endpoint}/statements with Basic authentication and the
/// X-Experience-API-Version header. postBatch() never throws for what the network or the LRS does; it
/// classifies the answer (PostResult). HTTPS verifies the server certificate against the system CA store
/// (plus an optional CA file) unless told not to. The password is never logged nor put in a message.
///
/// Not thread-safe, except abort(): one thread talks, another may abort what it is doing.
/// Logs to the Poco logger Settings::loggerName ("sfe.delivery" by default).
{
public:
    struct Settings
    {
        std::string endpoint;
        /// The LRS base URL (http or https), e.g. https://lrs.example.org/xAPI; statements go to
        /// {endpoint}/statements. It must not carry credentials, a query or a fragment.
        std::string username;
        std::string password;
        std::string loggerName = "sfe.delivery";
        /// The Poco logger it writes to; a host with several clients gives each its own.
        std::string version = "1.0.3";
        /// Sent as X-Experience-API-Version on every request.
        std::chrono::milliseconds connectTimeout{10000};
        std::chrono::milliseconds requestTimeout{60000};
        /// Limit for sending the request and for each wait on the response.
        std::chrono::milliseconds keepAliveTimeout{2000};
        /// An idle connection older than this is not reused but reopened: servers close idle
        /// connections after a few seconds (Learning Locker after 5), and a request sent into a
        /// connection the server is closing fails for nothing.
        bool verifyCertificates = true;
        /// HTTPS only: verify the server's certificate chain and host name (Poco checks the name for
        /// every host but localhost/127.0.0.1). Turning this off is for test setups; it is logged as a
        /// warning. Note: an InvalidCertificateHandler that the host application registers with Poco's
        /// SSLManager (a process-wide setting) can still accept a certificate that failed.
        std::string caFile;
        /// HTTPS only: a PEM file of CA certificates to trust besides the system store (e.g. a private CA).
    };

    explicit LrsClient(Settings settings);
    /// Throws LrsConfigurationException if the endpoint is not an http(s) URL with a host, carries
    /// user-info, a query or a fragment, if the version is empty, or if the CA file cannot be loaded.

    ~LrsClient();

    LrsClient(const LrsClient&) = delete;
    LrsClient& operator=(const LrsClient&) = delete;

    std::vector<std::string> checkAbout();
    /// GETs {endpoint}/about once and returns the versions the LRS lists. Throws LrsCertificateException
    /// (an LrsUnreachableException that retrying will not heal: a configuration problem) when the LRS's
    /// TLS certificate is not accepted,
    /// LrsUnreachableException when no 200 answer arrives otherwise, LrsIncompatibleException when the
    /// answer is not an About document or lists no version with the same major.minor as Settings::version.

    PostResult postBatch(const std::string& jsonArrayBody, const std::vector<std::string>& signatures = {});
    /// POSTs the body (a JSON array of statements, sent as given) to {endpoint}/statements and
    /// classifies the answer. Never throws for network, TLS or HTTP failures.

    std::string getStatements(const std::string& target);
    /// GETs one page of statements and returns the body of the 200 answer. `target` is either a query
    /// for {endpoint}/statements ("?since=...&limit=...", starting with '?') or the `more` IRL of the
    /// previous page, resolved against the endpoint: a path ("/xAPI/statements?cursor=...", relative to
    /// the endpoint's origin, as Learning Locker sends it), a relative reference, or an absolute URL on
    /// the same origin. Throws LrsCertificateException / LrsUnreachableException (network, 5xx, no
    /// answer in time), LrsIncompatibleException (another origin, or any other status, with the LRS's
    /// reason).

    void abort();
    /// Thread-safe: makes a request in progress on another thread fail at once (it is reported as a
    /// network error). Used to stop a sender within a second even while it waits on a slow LRS.

    const std::string& endpoint() const { return _endpoint; }
    /// The endpoint without a trailing slash (it never contains credentials).

    std::string statementsUrl() const;

private:
    Poco::Net::HTTPClientSession& session();
    void closeSession();
    void prepare(Poco::Net::HTTPRequest& request) const;
    /// One GET of pathAndQuery (`url` names it in errors): the body, whatever the status. Throws
    /// LrsCertificateException or LrsUnreachableException when no answer comes.
    std::string get(const std::string& pathAndQuery, const std::string& url, Poco::Net::HTTPResponse& response);
    PostResult failure(PostResult::Outcome outcome, const std::string& reason);

    Settings _settings;
    std::string _endpoint;
    std::string _host;
    unsigned short _port = 0;
    std::string _basePath;
    bool _https = false;
    Poco::Net::HTTPBasicCredentials _credentials;
    Poco::Net::Context::Ptr _pContext;
    std::mutex _sessionMutex; // guards _pSession's lifetime against abort()
    std::unique_ptr<Poco::Net::HTTPClientSession> _pSession;
    bool _discardSession = false; // set by abort(): the connection was shut down under the session
    Poco::Logger& _logger;
};

} // namespace sfe::xapi::delivery

#endif // SFE_XAPI_DELIVERY_LRSCLIENT_H
