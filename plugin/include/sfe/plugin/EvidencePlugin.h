//
// EvidencePlugin.h
//
// Library: sfe_core
// Package: plugin
//
// The C++ door: the interface the plugin library exports through its Poco::ClassLoader manifest.
//

#ifndef SFE_PLUGIN_EVIDENCEPLUGIN_H
#define SFE_PLUGIN_EVIDENCEPLUGIN_H

#include "sfe/plugin/HostServices.h"
#include "sfe/Version.h"

#include <string>

namespace sfe {
namespace plugin {

/// The plugin as a C++ host sees it. Load the library with Poco::ClassLoader<EvidencePlugin>
/// and create the class named "sfe::plugin::EvidencePluginImpl" (see sfe/plugin/Names.h).
///
/// The RTTI check in Poco::ClassLoader compares type names, so a C++ host must be built with the
/// same compiler, standard library and Poco build as the plugin. Other hosts use the C door, sfe.h.
///
/// Life cycle: create, start(), any number of call()s, stop(), destroy. Destroy every plugin object
/// before the ClassLoader unloads the library.
class SFE_INTERFACE EvidencePlugin
{
public:
    /// The outcome of call(). `status` is an SFE_* code from sfe.h (SFE_OK is 0).
    /// On success `json` is the operation's result; on failure it is an error object
    /// {"status": N, "error": "name", "message": "...", "problems": [...]}, and `message` repeats
    /// the message for hosts that do not parse JSON.
    struct Result
    {
        int status = 0;
        std::string json;
        std::string message;
        bool ok() const { return status == 0; }
    };

    virtual ~EvidencePlugin() = default;

    /// The ABI this object implements; equals SFE_ABI_VERSION of the plugin's build.
    virtual int abiVersion() const = 0;

    /// Opens the store (applying migrations) and starts background work, such as the LRS sender
    /// when lrs.url is configured. Throws Poco::Exception when the store cannot be opened or the
    /// configuration is invalid. [host-thread & !started]
    virtual void start(HostServices& host) = 0;

    /// Stops background work (within a second) and closes the store. Safe to call twice.
    /// [host-thread]
    virtual void stop() = 0;

    /// Runs one operation. `operation` names it ("import", "skills", "show", ...; the list is in
    /// docs/operations.md); `requestJson` is a JSON object with its arguments. Never throws: every
    /// failure becomes a Result with a non-zero status. [thread-safe & started]
    virtual Result call(const std::string& operation, const std::string& requestJson) = 0;
};

}
} // namespace sfe::plugin

#endif
