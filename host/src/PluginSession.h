//
// PluginSession.h
//
// Library: sfia-evidence (host)
// Package: host
//
// A loaded and started plugin, and the one way the CLI calls its operations.
//

#ifndef SFE_HOST_PLUGINSESSION_H
#define SFE_HOST_PLUGINSESSION_H

#include "CliHostServices.h"
#include "Manifest.h"
#include "PluginLoader.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace sfe {
namespace host {

/// Loads the plugin (PluginLoader), starts it with the host's services, and stops it again when
/// destroyed. call() turns a refused operation into a PluginCallException carrying the plugin's
/// status and message.
class PluginSession
{
public:
    PluginSession(const Manifest& manifest, CliHostServices& services);
    /// Loads and starts the plugin. Throws PluginUnavailableException when it cannot be
    /// loaded, and PluginCallException when start() fails: with SFE_STORE for a
    /// Poco::IOException (which covers Poco::Data's exceptions), with the exception's code
    /// when that is an sfe.h status (the plugin's own errors), and SFE_CONFIG otherwise.

    ~PluginSession();
    /// Stops the plugin; the loader then destroys it and unloads the library.

    PluginSession(const PluginSession&) = delete;
    PluginSession& operator=(const PluginSession&) = delete;

    std::string call(const std::string& operation, const Poco::JSON::Object& request);
    /// Runs an operation and returns its JSON response text. Throws PluginCallException
    /// with the plugin's status and message when it fails.

    std::string call(const std::string& operation, const std::string& requestJson);
    /// The same with the request already written as JSON text. Any thread may call it, several
    /// at once: the plugin runs calls on one handle side by side (sfe.h), as `serve` does.

    static Poco::JSON::Object::Ptr copyOf(const Poco::JSON::Object& request);
    /// A new object with `request`'s members, set one by one, for a request to add to (caller,
    /// lang). Never Poco 1.11's Object copy constructor: it reads the source's list of key
    /// iterators, which ASan found pointing into freed memory in `serve`.

    static Poco::JSON::Object::Ptr parse(const std::string& operation, const std::string& json);
    /// Parses a response, keeping its keys in order. Throws PluginCallException (SFE_ERROR)
    /// when the plugin returned something that is not a JSON object.

private:
    PluginLoader _loader;
    bool _started = false;
};

}
} // namespace sfe::host

#endif
