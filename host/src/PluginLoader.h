//
// PluginLoader.h
//
// Library: sfia-evidence (host)
// Package: host
//
// Loads the plugin library a manifest names and creates the plugin object through the C++ door.
//

#ifndef SFE_HOST_PLUGINLOADER_H
#define SFE_HOST_PLUGINLOADER_H

#include "Manifest.h"

#include "sfe/plugin/EvidencePlugin.h"

#include <Poco/ClassLoader.h>

#include <memory>
#include <string>

namespace sfe {
namespace host {

/// Owns a loaded plugin library and the one plugin object created from it.
///
/// The ABI is checked twice: the manifest's abiVersion before the library is touched (a library
/// built for another ABI is never loaded), and the object's abiVersion() after it is created.
/// The destructor destroys the object before it unloads the library, as Poco::ClassLoader needs.
class PluginLoader
{
public:
    static constexpr const char* kBaseClassName = "sfe::plugin::EvidencePlugin";
    /// The base class this host was built against; the manifest must name the same.

    explicit PluginLoader(const Manifest& manifest);
    /// Loads manifest.libraryPath and creates manifest.cxxClassName. Throws
    /// PluginUnavailableException, naming the manifest file, when the ABI versions differ,
    /// the base class differs, the library does not load, or the class is not in it.

    ~PluginLoader();

    PluginLoader(const PluginLoader&) = delete;
    PluginLoader& operator=(const PluginLoader&) = delete;

    sfe::plugin::EvidencePlugin& plugin();
    /// The plugin object; owned by the loader and valid while it lives.

private:
    void unload() noexcept;

    std::string _libraryPath;
    Poco::ClassLoader<sfe::plugin::EvidencePlugin> _classLoader;
    std::unique_ptr<sfe::plugin::EvidencePlugin> _plugin;
};

}
} // namespace sfe::host

#endif
