//
// PluginLoader.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// Loads the plugin library a manifest names and creates the plugin object through the C++ door.
//

#include "PluginLoader.h"

#include "Exceptions.h"

#include "sfe/Version.h"

#include <Poco/File.h>

namespace sfe {
namespace host {

PluginLoader::PluginLoader(const Manifest& manifest):
    _libraryPath(manifest.libraryPath)
{
    const std::string source = "plugin manifest " + manifest.path;
    if (manifest.abiVersion != SFE_ABI_VERSION)
    {
        throw PluginUnavailableException(source + " declares ABI version " + std::to_string(manifest.abiVersion) +
                                         ", but this host implements ABI version " + std::to_string(SFE_ABI_VERSION) +
                                         "; the plugin library was not loaded (install a plugin built for ABI " +
                                         std::to_string(SFE_ABI_VERSION) + ")");
    }
    if (manifest.cxxBaseClass != kBaseClassName)
    {
        throw PluginUnavailableException(source + " exports base class " + manifest.cxxBaseClass +
                                         ", but this host uses " + kBaseClassName +
                                         "; the plugin library was not loaded");
    }
    Poco::File library(_libraryPath);
    if (!library.exists() || !library.isFile())
        throw PluginUnavailableException(source + " names the library " + _libraryPath + ", which does not exist");

    try
    {
        _classLoader.loadLibrary(_libraryPath);
    }
    catch (const Poco::Exception& e)
    {
        throw PluginUnavailableException("cannot load plugin library " + _libraryPath + " (from " + source +
                                         "): " + e.displayText());
    }
    try
    {
        if (!_classLoader.findClass(manifest.cxxClassName))
        {
            throw PluginUnavailableException("plugin library " + _libraryPath + " does not export class " +
                                             manifest.cxxClassName + " named in " + source);
        }
        _plugin.reset(_classLoader.create(manifest.cxxClassName));
        if (_plugin->abiVersion() != SFE_ABI_VERSION)
        {
            throw PluginUnavailableException("plugin " + manifest.cxxClassName + " in " + _libraryPath +
                                             " implements ABI version " + std::to_string(_plugin->abiVersion()) +
                                             ", but this host implements " + std::to_string(SFE_ABI_VERSION) +
                                             " (and " + source + " claims " + std::to_string(manifest.abiVersion) +
                                             ")");
        }
    }
    catch (...)
    {
        unload();
        throw;
    }
}

PluginLoader::~PluginLoader()
{
    unload();
}

sfe::plugin::EvidencePlugin& PluginLoader::plugin()
{
    return *_plugin;
}

void PluginLoader::unload() noexcept
{
    _plugin.reset(); // the object's code lives in the library: destroy it first
    try
    {
        if (_classLoader.isLibraryLoaded(_libraryPath)) _classLoader.unloadLibrary(_libraryPath);
    }
    catch (...)
    {
        // Unloading only fails when the library is not loaded; nothing is left to release.
    }
}

}
} // namespace sfe::host
