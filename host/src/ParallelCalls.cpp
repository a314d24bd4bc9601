//
// ParallelCalls.cpp
//
// Library: sfia-evidence (host)
// Package: host
//

#include "ParallelCalls.h"

#include <atomic>
#include <mutex>
#include <sstream>
#include <system_error>
#include <thread>

namespace sfe {
namespace host {

ParallelCalls::ParallelCalls(PluginSession& plugin, unsigned threads):
    _plugin(plugin),
    _threads(threads ? threads : 1)
{}

std::vector<ParallelCalls::Outcome>
ParallelCalls::run(const std::string& operation, const std::vector<Poco::JSON::Object::Ptr>& requests, const Done& done)
{
    // Written here, once: the requests may share members (the caller), which no two threads then read.
    std::vector<std::string> texts;
    texts.reserve(requests.size());
    for (const auto& request : requests)
    {
        std::ostringstream json;
        request->stringify(json);
        texts.push_back(json.str());
    }

    std::vector<Outcome> outcomes(requests.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex reporting;
    auto work = [&] {
        for (std::size_t i; !failed && (i = next++) < texts.size();)
        {
            try
            {
                Poco::JSON::Object::Ptr response = PluginSession::parse(operation, _plugin.call(operation, texts[i]));
                std::lock_guard<std::mutex> lock(reporting);
                outcomes[i].response = response;
                if (done) done(i, *response);
            }
            catch (...)
            {
                std::lock_guard<std::mutex> lock(reporting);
                outcomes[i].error = std::current_exception();
                failed = true;
            }
        }
    };

    std::vector<std::thread> helpers;
    for (unsigned t = 1; t < _threads && t < texts.size(); ++t)
    {
        try
        {
            helpers.emplace_back(work);
        }
        catch (const std::system_error&)
        {
            break; // no more threads to be had (a process or container limit): fewer do the work
        }
    }
    work();
    for (auto& helper : helpers) helper.join();
    return outcomes;
}

}
} // namespace sfe::host
