//
// ManifestLocator.h
//
// Library: sfia-evidence (host)
// Package: host
//
// Finds the plugin manifest the host should use.
//

#ifndef SFE_HOST_MANIFESTLOCATOR_H
#define SFE_HOST_MANIFESTLOCATOR_H

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// Decides which plugin manifest to read. In order:
///   1. the file given with --manifest;
///   2. the file named by the environment variable SFE_PLUGIN_MANIFEST;
///   3. <folder of the executable>/../lib/sfia-evidence/sfia-evidence.plugin.xml (a build tree,
///      or an installation with the default layout);
///   4. SFE_INSTALL_PLUGIN_DIR/sfia-evidence.plugin.xml, fixed when the host was built
///      (CMAKE_INSTALL_FULL_LIBDIR/sfia-evidence: /usr/lib/<multiarch>/sfia-evidence in the package).
/// The installed program (its folder is SFE_INSTALL_BIN_DIR, /usr/bin) looks at 4 before 3, so it
/// needs no configuration and takes no manifest but the installed one unless told to.
/// A place the user named (1 or 2) must exist: the host never falls back from it silently.
class ManifestLocator
{
public:
    static constexpr const char* kEnvironmentVariable = "SFE_PLUGIN_MANIFEST";
    static constexpr const char* kFileName = "sfia-evidence.plugin.xml";

    ManifestLocator(const std::string& explicitPath, const std::string& executableFolder);
    /// `explicitPath` is the --manifest value, empty when not given.

    std::string locate() const;
    /// The manifest's path. Throws PluginUnavailableException naming every place looked at
    /// when there is none, or the place the user named when that file does not exist.

private:
    std::vector<std::string> defaultPlaces() const;

    std::string _explicitPath;
    std::string _executableFolder;
};

}
} // namespace sfe::host

#endif
