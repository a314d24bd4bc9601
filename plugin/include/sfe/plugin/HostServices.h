//
// HostServices.h
//
// Library: sfe_core
// Package: plugin
//
// What a host lends the plugin while it runs: configuration, logging and a clock.
//

#ifndef SFE_PLUGIN_HOSTSERVICES_H
#define SFE_PLUGIN_HOSTSERVICES_H

#include "sfe/Version.h"

#include <Poco/Logger.h>
#include <Poco/Timestamp.h>
#include <Poco/Util/AbstractConfiguration.h>

namespace sfe {
namespace plugin {

/// The services a host provides to the plugin. The host owns them and keeps them alive from
/// EvidencePlugin::start() until EvidencePlugin::stop() has returned.
class SFE_INTERFACE HostServices
{
public:
    virtual ~HostServices() = default;

    /// The host's configuration. Keys the plugin reads are listed, with their defaults, in the
    /// plugin manifest (store.path, import.max_bytes, xapi.base_iri, lrs.url, ...). It must hold
    /// only those keys: start() refuses any other (SFE_CONFIG naming it), so a misspelt key is
    /// never replaced by a default silently. Hand the plugin a view of its own keys if the host's
    /// configuration holds more.
    virtual const Poco::Util::AbstractConfiguration& config() const = 0;

    /// The logger the plugin writes to. [thread-safe]
    virtual Poco::Logger& logger() const = 0;

    /// The current time. Hosts and tests may substitute their own clock. [thread-safe]
    virtual Poco::Timestamp now() const = 0;
};

}
} // namespace sfe::plugin

#endif
