//
// Manifest.h
//
// Library: sfia-evidence (host)
// Package: host
//
// What a plugin manifest (schemas/sfe-plugin-manifest-1.0.xsd) says, as ManifestReader read it.
//

#ifndef SFE_HOST_MANIFEST_H
#define SFE_HOST_MANIFEST_H

#include <map>
#include <string>
#include <vector>

namespace sfe {
namespace host {

/// One configuration key the plugin reads, with its default.
struct ConfigurationKey
{
    std::string name;         ///< "store.path"
    std::string type;         ///< string, path, integer, uri or choice
    std::string defaultValue; ///< may be empty: "not set"
    std::string description;
    std::vector<std::string> allowed; ///< for type "choice"
    bool secret = false;              ///< never print or log its value
};

/// One thing the plugin can do ("definition.import") and what it means.
struct Capability
{
    std::string id;
    std::string description;
};

/// A role a request's caller may hold ("learner"), from the manifest's <access>.
struct AccessRole
{
    std::string name;
    std::string description;
};

/// Who may call which operations ("sfe/progress:read-own"), from the manifest's <access>: the
/// roles that hold it by default and, for `own`, the request field that must be the caller's id.
struct AccessCapability
{
    std::string name;
    std::vector<std::string> operations;
    std::vector<std::string> roles;
    std::string own; ///< "" when the capability covers every request
    std::string description;
};

/// A plugin manifest: identity, the library and its entry points, capabilities, configuration.
struct Manifest
{
    std::string path; ///< the manifest file, as it was given
    std::string id;   ///< "org.sfia-evidence.plugin"
    std::string name;
    std::string description;
    std::string version; ///< "X.Y.Z"
    int abiVersion = 0;
    std::string libraryFile; ///< as written, relative to the manifest's folder
    std::string libraryPath; ///< absolute
    std::string cxxHeader;
    std::string cxxBaseClass; ///< "sfe::plugin::EvidencePlugin"
    std::string cxxClassName; ///< "sfe::plugin::EvidencePluginImpl"
    std::string cHeader;
    std::map<std::string, std::string> cEntries; ///< role ("open") -> symbol ("sfe_open")
    std::vector<Capability> capabilities;
    std::vector<AccessRole> roles; ///< empty when the manifest has no <access>
    std::vector<AccessCapability> access;
    std::vector<ConfigurationKey> configuration;

    /// The key named `name`, or nullptr.
    const ConfigurationKey* key(const std::string& name) const;
};

}
} // namespace sfe::host

#endif
