//
// LrsProxy.h
//
// Project: sfia-evidence, tests/outbox
//
// The fault-injecting TCP proxy lrs_proxy.py, run as a child process in front of the test LRS.
//

#ifndef SFE_TESTS_OUTBOX_LRSPROXY_H
#define SFE_TESTS_OUTBOX_LRSPROXY_H

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sfe {
namespace test {

/// Starts lrs_proxy.py (see its header for the faults it knows) and talks to it over its stdin and
/// stdout. Point the plugin's lrs.url at baseUrl(); schedule faults by POST number with fault().
/// Throws std::runtime_error when the proxy does not start or does not answer within 10 s.
class LrsProxy
{
public:
    /// Proxies the LRS whose xAPI endpoint is `lrsBaseUrl` (e.g. http://127.0.0.1:41234/xAPI).
    explicit LrsProxy(const std::string& lrsBaseUrl);

    /// Ends the proxy (its open connections close).
    ~LrsProxy();

    LrsProxy(const LrsProxy&) = delete;
    LrsProxy& operator=(const LrsProxy&) = delete;

    /// The xAPI endpoint through the proxy, e.g. http://127.0.0.1:40001/xAPI.
    std::string baseUrl() const { return _baseUrl; }

    /// Schedules a fault at POST number `post` (counting every POST since the proxy started, from 1):
    /// mode "refuse", "stall" or "lose" for `milliseconds`, or "hold".
    void fault(int post, const std::string& mode, int milliseconds = 0);

    /// From now on the actor mbox of statement `statementId` loses its "mailto:" on the way to the
    /// LRS, so the LRS refuses every request that carries it (the store keeps it unchanged).
    void damage(const std::string& statementId);

    /// Waits until the proxy has printed `line` (now or before); false if it has not within `timeout`.
    bool waitFor(const std::string& line, std::chrono::milliseconds timeout);

    /// How many POSTs have arrived so far.
    int posts();

    /// Every line the proxy printed so far.
    std::vector<std::string> lines() const;

private:
    void send(const std::string& command);
    void shutDown();
    void readLines();

    Poco::Pipe _in;
    Poco::Pipe _out;
    std::unique_ptr<Poco::ProcessHandle> _process;
    std::thread _reader;
    mutable std::mutex _mutex;
    std::condition_variable _changed;
    std::vector<std::string> _lines;
    bool _ended = false;
    std::string _baseUrl;
};

}
} // namespace sfe::test

#endif
