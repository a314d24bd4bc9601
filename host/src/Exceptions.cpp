//
// Exceptions.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// The host's exception classes.
//

#include "Exceptions.h"

#include <typeinfo>

namespace sfe {
namespace host {

POCO_IMPLEMENT_EXCEPTION(UsageException, Poco::InvalidArgumentException, "Usage error")
POCO_IMPLEMENT_EXCEPTION(PluginUnavailableException, Poco::RuntimeException, "Plugin unavailable")
POCO_IMPLEMENT_EXCEPTION(ConfigurationException, Poco::RuntimeException, "Configuration error")
POCO_IMPLEMENT_EXCEPTION(InputException, Poco::DataException, "Bad input")
POCO_IMPLEMENT_EXCEPTION(OutputException, Poco::IOException, "Cannot write")
POCO_IMPLEMENT_EXCEPTION(PluginCallException, Poco::RuntimeException, "Plugin call failed")

}
} // namespace sfe::host
