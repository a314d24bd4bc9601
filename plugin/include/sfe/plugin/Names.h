//
// Names.h
//
// Library: sfe_core
// Package: plugin
//
// Names a host needs to find the plugin's C++ class.
//

#ifndef SFE_PLUGIN_NAMES_H
#define SFE_PLUGIN_NAMES_H

namespace sfe {
namespace plugin {

/// The class name under which the library's Poco manifest exports the plugin.
inline constexpr const char* kPluginClassName = "sfe::plugin::EvidencePluginImpl";

}
} // namespace sfe::plugin

#endif
