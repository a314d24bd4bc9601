//
// WebContext.h
//
// Library: sfia-evidence (host)
// Package: web
//
// What every request handler of `serve` shares: the plugin, the users, the sessions.
//

#ifndef SFE_HOST_WEB_WEBCONTEXT_H
#define SFE_HOST_WEB_WEBCONTEXT_H

#include "web/PluginGateway.h"
#include "web/SessionStore.h"
#include "web/UserFile.h"

namespace sfe {
namespace host {
namespace web {

/// The server's shared state, owned by ServeCommand for as long as the server runs.
struct WebContext
{
    PluginGateway& plugin;
    const UserFile& users; ///< read once at start; `users add` takes effect at the next start
    SessionStore& sessions;
    bool secure; ///< served over TLS: cookies get the Secure attribute
};

}
}
} // namespace sfe::host::web

#endif
