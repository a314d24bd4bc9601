//
// Version.h
//
// Library: sfe_core
// Package: plugin
//
// Version numbers shared by the plugin, its manifest and its hosts.
//

#ifndef SFE_VERSION_H
#define SFE_VERSION_H

/// The plugin's release, "X.Y.Z", and as X*1000000+Y*1000+Z.
#define SFE_VERSION        "0.1.0"
#define SFE_VERSION_NUMBER 1000

/// The ABI both doors implement. Raised whenever EvidencePlugin, HostServices, sfe.h or the
/// meaning of an operation's JSON changes incompatibly. The manifest states it, the host checks
/// it before loading the library, and sfe_abi_version() confirms it after.
#define SFE_ABI_VERSION 1

/// Marks the C++ door's interface types visible across the module boundary, so RTTI (the
/// ClassLoader's manifest check, dynamic_cast, catch) works even though the module hides the rest.
#define SFE_INTERFACE __attribute__((visibility("default")))

#endif
