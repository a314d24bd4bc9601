//
// CHostServices.h
//
// Library: sfe_plugin
// Package: door
//
// HostServices for a host that came through the C door: JSON configuration, sfe_host callbacks.
//

#ifndef SFE_DOOR_CHOSTSERVICES_H
#define SFE_DOOR_CHOSTSERVICES_H

#include "sfe.h"
#include "sfe/plugin/HostServices.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>

#include <memory>
#include <string>

namespace sfe {
namespace plugin {

class CallbackGate;

/// Adapts a C host: its configuration JSON object becomes a MapConfiguration, its log callback a
/// Poco channel (or the process's default logging when it gave none), its clock callback now().
class CHostServices: public HostServices
{
public:
    /// Throws runtime::Error (SFE_CONFIG) if `configJson` is not a JSON object of scalars, and
    /// (SFE_ABI) if `host` declares another ABI version.
    CHostServices(const char* configJson, const sfe_host* host);
    ~CHostServices() override;

    /// After this returns the host's log callback is never called again: a line being delivered
    /// is waited for, later ones are not delivered. sfe_close calls it once the runtime stopped.
    void detach();

    /// Whether the calling thread is inside a host's log callback (of any handle). A callback
    /// that calls back into the plugin may hold up a lock the call needs (sync's, the store's
    /// writer queue, the sender's thread that sync joins): sfe_call refuses it instead.
    static bool inLogCallback();

    const Poco::Util::AbstractConfiguration& config() const override { return *_config; }
    Poco::Logger& logger() const override { return *_logger; }
    Poco::Timestamp now() const override;

private:
    Poco::AutoPtr<Poco::Util::MapConfiguration> _config;
    sfe_host _host{};
    bool _hasHost = false;
    std::string _loggerName;
    Poco::Logger* _logger = nullptr;
    std::shared_ptr<CallbackGate> _gate;
};

}
} // namespace sfe::plugin

#endif
