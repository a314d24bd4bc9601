//
// LrsBaseline.cpp
//
// Benchmark support: Learning Locker's statement service as a baseline.
//

#include "LrsBaseline.h"

#include "sfe/xapi/delivery/LrsClient.h"

#include <Poco/Environment.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <iostream>
#include <stdexcept>
#include <utility>

namespace sfe {
namespace bench {

namespace {

/// Runs a program to its end; returns its exit status and what it printed on stdout (stderr passes through).
std::pair<int, std::string> run(const std::string& program, const std::vector<std::string>& args)
{
    Poco::Pipe out;
    Poco::ProcessHandle process = Poco::Process::launch(program, args, nullptr, &out, nullptr);
    Poco::PipeInputStream in(out);
    std::string printed;
    Poco::StreamCopier::copyToString(in, printed);
    return {process.wait(), printed};
}

} // namespace

struct LrsBaseline::Client
{
    explicit Client(xapi::delivery::LrsClient::Settings settings):
        lrs(std::move(settings))
    {}
    xapi::delivery::LrsClient lrs;
};

std::string LrsBaseline::Service::script()
{
    return std::string(SFE_SOURCE_DIR) + "/tests/lrs/lrs.sh";
}

LrsBaseline::Service::Service(const std::string& stateDir, const std::string& node):
    _stateDir(stateDir)
{
    if (!node.empty()) Poco::Environment::set("SFE_NODE", node);
    const auto [status, printed] = run(script(), {"start", _stateDir});
    // lrs.sh prints the URL on its last line (npm may print before it on a first install).
    const auto end = printed.find_last_not_of("\r\n");
    const auto begin = end == std::string::npos ? std::string::npos : printed.find_last_of('\n', end);
    _url = end == std::string::npos ? ""
                                    : printed.substr(begin == std::string::npos ? 0 : begin + 1,
                                                     end - (begin == std::string::npos ? 0 : begin + 1) + 1);
    if (status != 0 || _url.compare(0, 7, "http://") != 0)
        throw std::runtime_error("lrs.sh start " + _stateDir + " failed (status " + std::to_string(status) + "); see " +
                                 _stateDir + "/lrs.log");
}

LrsBaseline::Service::~Service()
{
    try
    {
        run(script(), {"stop", _stateDir});
    }
    catch (...)
    {
        std::cerr << "LrsBaseline: could not stop the LRS in " << _stateDir << "\n";
    }
}

LrsBaseline::LrsBaseline(const std::string& endpoint, const std::string& user, const std::string& password)
{
    xapi::delivery::LrsClient::Settings s;
    s.endpoint = endpoint;
    s.username = user;
    s.password = password;
    s.loggerName = "sfe.bench.lrs-baseline";
    s.requestTimeout = std::chrono::milliseconds(600000); // a large batch may take Learning Locker long
    _client = std::make_unique<Client>(std::move(s));
}

LrsBaseline::~LrsBaseline() = default;

std::chrono::duration<double> LrsBaseline::post(const std::vector<std::string>& statements, std::size_t batch)
{
    if (batch == 0) throw std::invalid_argument("LrsBaseline::post: the batch size must be at least 1");
    std::string body;
    std::chrono::duration<double> total{0};
    for (std::size_t first = 0; first < statements.size(); first += batch)
    {
        // Joined outside the timed part: the sender's bodies are ready in the outbox too.
        const std::size_t last = std::min(statements.size(), first + batch);
        body.assign(1, '[');
        for (std::size_t i = first; i < last; ++i)
        {
            if (i > first) body += ',';
            body += statements[i];
        }
        body += ']';
        const auto started = std::chrono::steady_clock::now();
        const xapi::delivery::PostResult result = _client->lrs.postBatch(body);
        total += std::chrono::steady_clock::now() - started;
        ++_requests;
        if (result.outcome != xapi::delivery::PostResult::Outcome::Delivered)
            throw std::runtime_error("LrsBaseline: POST of batch " + std::to_string(first / batch + 1) +
                                     " (statements " + std::to_string(first + 1) + "-" + std::to_string(last) +
                                     ") to " + _client->lrs.statementsUrl() + " answered " +
                                     std::to_string(result.httpStatus) + ": " + result.reason);
    }
    return total;
}

}
} // namespace sfe::bench
