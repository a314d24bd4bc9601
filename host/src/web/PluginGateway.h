//
// PluginGateway.h
//
// Library: sfia-evidence (host)
// Package: web
//
// How the web host's requests reach the plugin: as the logged-in user, in the reader's language.
//

#ifndef SFE_HOST_WEB_PLUGINGATEWAY_H
#define SFE_HOST_WEB_PLUGINGATEWAY_H

#include "PluginSession.h"
#include "web/UserFile.h"

#include <Poco/JSON/Object.h>

#include <mutex>
#include <string>

namespace sfe {
namespace host {
namespace web {

/// Calls the plugin (started with auth.enforce=true) for one web request: every request carries
/// "caller" (the session's user: id and roles from the users file) and "lang"; the plugin's
/// roles decide. The server's threads take turns: one call at a time.
class PluginGateway
{
public:
    explicit PluginGateway(PluginSession& session);

    std::string call(const std::string& operation, const Poco::JSON::Object& request, const User& caller,
                     const std::string& language);
    /// The plugin's JSON response. Throws PluginCallException with the plugin's status
    /// (SFE_FORBIDDEN when the caller's roles do not allow it).

    Poco::JSON::Object::Ptr object(const std::string& operation, const Poco::JSON::Object& request, const User& caller,
                                   const std::string& language);
    /// call(), parsed.

private:
    PluginSession& _session;
    std::mutex _mutex;
};

}
}
} // namespace sfe::host::web

#endif
