//
// ParallelCalls.h
//
// Library: sfia-evidence (host)
// Package: host
//
// Runs a list of calls to one operation on a few threads at once.
//

#ifndef SFE_HOST_PARALLELCALLS_H
#define SFE_HOST_PARALLELCALLS_H

#include "PluginSession.h"

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace sfe {
namespace host {

/// The plugin runs calls on one handle side by side, each on its own store session (sfe.h), so a
/// long job the CLI asks for in parts (audit verify's ranges of entries) can use more than one
/// core: run() hands the parts, in their order, to `threads` threads and gives back each part's
/// response or failure at its own index, whatever order they finished in. After a part fails no
/// further part is started (those already running finish); the parts never started have neither.
class ParallelCalls
{
public:
    /// What became of one part.
    struct Outcome
    {
        Poco::JSON::Object::Ptr response; ///< parsed, keys in the plugin's order; null if it failed or never ran
        std::exception_ptr error;         ///< what the call threw (PluginCallException: the plugin refused)
    };

    /// Called on the calling thread's behalf after each part that answered, one at a time (under a
    /// lock), with the part's index and response: for a progress bar.
    using Done = std::function<void(std::size_t index, const Poco::JSON::Object& response)>;

    ParallelCalls(PluginSession& plugin, unsigned threads);
    /// `threads` at least 1; with 1 the parts run one after the other on the calling thread.

    std::vector<Outcome> run(const std::string& operation, const std::vector<Poco::JSON::Object::Ptr>& requests,
                             const Done& done);
    /// Runs `operation` once per request (each sent as it is: envelope it first) and returns an
    /// Outcome per request, in the requests' order. The requests are written as JSON text on the
    /// calling thread before any part starts. Each thread's own failure to start is not one: the
    /// threads that did start (at least the calling one) run all parts.

private:
    PluginSession& _plugin;
    unsigned _threads;
};

}
} // namespace sfe::host

#endif
