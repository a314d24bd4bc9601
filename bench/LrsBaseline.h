//
// LrsBaseline.h
//
// Benchmark support: Learning Locker's statement service (the test LRS, tests/lrs/lrs.sh) as a
// baseline: start one for a bench run, and time it storing given statements POSTed in batches.
//

#ifndef SFE_BENCH_LRSBASELINE_H
#define SFE_BENCH_LRSBASELINE_H

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace sfe {
namespace bench {

/// Times an LRS storing statements: each batch of B statement bodies is joined into one JSON array
/// and POSTed to {endpoint}/statements in one request, with the plugin's own client
/// (xapi::delivery::LrsClient: Basic auth, X-Experience-API-Version, one kept-alive connection), as
/// the outbox sender posts. Not thread-safe.
class LrsBaseline
{
public:
    /// A fresh Learning Locker statement service (tests/lrs/lrs.sh start STATE_DIR: in memory, on a
    /// free port of 127.0.0.1; it installs the npm package on first use), stopped when this goes out
    /// of scope. Every start begins empty. Throws std::runtime_error naming the log when it fails.
    class Service
    {
    public:
        /// `node`: the node binary (empty: $SFE_NODE, else node).
        explicit Service(const std::string& stateDir, const std::string& node = "");
        ~Service();
        Service(const Service&) = delete;
        Service& operator=(const Service&) = delete;

        /// The base URL, e.g. http://127.0.0.1:41234/xAPI.
        const std::string& url() const { return _url; }

        /// tests/lrs/lrs.sh in the source tree this was built from.
        static std::string script();

    private:
        std::string _stateDir;
        std::string _url;
    };

    /// `endpoint`: an LRS base URL (Service::url()); any Basic credentials are sent.
    explicit LrsBaseline(const std::string& endpoint, const std::string& user = "bench",
                         const std::string& password = "bench");
    ~LrsBaseline();
    LrsBaseline(const LrsBaseline&) = delete;
    LrsBaseline& operator=(const LrsBaseline&) = delete;

    /// POSTs `statements` (each one statement's JSON object, with its id) in batches of `batch`
    /// (the last may be smaller), one POST per batch, in order, and returns the wall time of all
    /// POSTs (answers included). Throws std::runtime_error naming the batch and the LRS's reason when
    /// a POST is not answered 2xx; `batch` 0 is refused.
    std::chrono::duration<double> post(const std::vector<std::string>& statements, std::size_t batch);

    /// POSTs made so far.
    std::size_t requests() const { return _requests; }

private:
    struct Client;
    std::unique_ptr<Client> _client;
    std::size_t _requests = 0;
};

}
} // namespace sfe::bench

#endif
