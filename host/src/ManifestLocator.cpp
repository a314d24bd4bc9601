//
// ManifestLocator.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// Finds the plugin manifest the host should use.
//

#include "ManifestLocator.h"

#include "Exceptions.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/Path.h>

namespace sfe {
namespace host {

namespace {

bool isFile(const std::string& path)
{
    Poco::File file(path);
    return file.exists() && file.isFile();
}

} // namespace

ManifestLocator::ManifestLocator(const std::string& explicitPath, const std::string& executableFolder):
    _explicitPath(explicitPath),
    _executableFolder(executableFolder)
{}

std::string ManifestLocator::locate() const
{
    if (!_explicitPath.empty())
    {
        if (!isFile(_explicitPath))
            throw PluginUnavailableException("plugin manifest " + _explicitPath + " (--manifest) does not exist");
        return _explicitPath;
    }
    const std::string fromEnvironment = Poco::Environment::get(kEnvironmentVariable, "");
    if (!fromEnvironment.empty())
    {
        if (!isFile(fromEnvironment))
            throw PluginUnavailableException("plugin manifest " + fromEnvironment + " ($" + kEnvironmentVariable +
                                             ") does not exist");
        return fromEnvironment;
    }
    const auto places = defaultPlaces();
    for (const auto& place : places)
    {
        if (isFile(place)) return place;
    }
    std::string message = "no plugin manifest found; looked at:";
    for (const auto& place : places) message += "\n  " + place;
    message += "\ngive one with --manifest FILE or $" + std::string(kEnvironmentVariable);
    throw PluginUnavailableException(message);
}

std::vector<std::string> ManifestLocator::defaultPlaces() const
{
    Poco::Path besideExecutable(Poco::Path::forDirectory(_executableFolder));
    besideExecutable.popDirectory();
    besideExecutable.pushDirectory("lib");
    besideExecutable.pushDirectory("sfia-evidence");
    besideExecutable.setFileName(kFileName);

    Poco::Path installed(Poco::Path::forDirectory(SFE_INSTALL_PLUGIN_DIR));
    installed.setFileName(kFileName);
    // The installed program (/usr/bin) takes the installed manifest (/usr/lib/<multiarch>/...), never
    // one a build or an older installation left in /usr/lib/sfia-evidence.
    if (Poco::Path::forDirectory(_executableFolder).toString() ==
        Poco::Path::forDirectory(SFE_INSTALL_BIN_DIR).toString())
        return {installed.toString(), besideExecutable.toString()};
    return {besideExecutable.toString(), installed.toString()};
}

}
} // namespace sfe::host
