//
// Exceptions.h
//
// Library: sfia-evidence (host)
// Package: host
//
// The host's exception classes; HostApplication turns each into one exit code.
//

#ifndef SFE_HOST_EXCEPTIONS_H
#define SFE_HOST_EXCEPTIONS_H

#include <Poco/Exception.h>

namespace sfe {
namespace host {

/// The command line is wrong: unknown command or option, missing or extra argument. Exit 64.
POCO_DECLARE_EXCEPTION(, UsageException, Poco::InvalidArgumentException)

/// The plugin cannot be used: no manifest, an invalid manifest, an ABI mismatch, a library that
/// does not load or lacks the plugin class. Exit 69.
POCO_DECLARE_EXCEPTION(, PluginUnavailableException, Poco::RuntimeException)

/// The host's configuration is wrong: a configuration file that cannot be read, an unknown key,
/// a bad log level. Exit 78.
POCO_DECLARE_EXCEPTION(, ConfigurationException, Poco::RuntimeException)

/// An input file the CLI reads itself is wrong: it cannot be read, or lines of it are bad.
/// message() holds one "FILE:LINE: problem" line per problem, printed as it is. Exit 65.
POCO_DECLARE_EXCEPTION(, InputException, Poco::DataException)

/// A file the CLI writes (e.g. `progress --html FILE`) cannot be created or written. Exit 73.
POCO_DECLARE_EXCEPTION(, OutputException, Poco::IOException)

/// The plugin refused an operation. code() is the SFE_* status from sfe.h and message() the
/// plugin's own message, printed as it is. The exit code follows from the status.
POCO_DECLARE_EXCEPTION(, PluginCallException, Poco::RuntimeException)

}
} // namespace sfe::host

#endif
