//
// PluginSession.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// A loaded and started plugin, and the one way the CLI calls its operations.
//

#include "PluginSession.h"

#include "Exceptions.h"
#include "Status.h"

#include "sfe.h"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace sfe {
namespace host {

namespace {

/// The status a failed start() stands for. The plugin's own exceptions carry an sfe.h status as
/// their Poco code; Poco's I/O family (which includes Poco::Data's) means the store; anything
/// else start() refuses is taken as configuration.
int startStatus(const Poco::Exception& e)
{
    if (dynamic_cast<const Poco::IOException*>(&e)) return SFE_STORE;
    if (e.code() >= SFE_ERROR && e.code() <= SFE_BUSY) return e.code();
    return SFE_CONFIG;
}

} // namespace

PluginSession::PluginSession(const Manifest& manifest, CliHostServices& services):
    _loader(manifest)
{
    try
    {
        _loader.plugin().start(services);
        _started = true;
    }
    catch (const Poco::Exception& e)
    {
        throw PluginCallException(e.message().empty() ? e.displayText() : e.message(), startStatus(e));
    }
}

PluginSession::~PluginSession()
{
    if (!_started) return;
    try
    {
        _loader.plugin().stop();
    }
    catch (...)
    {
        // stop() is documented not to fail; if it does, the library is still unloaded after.
    }
}

std::string PluginSession::call(const std::string& operation, const Poco::JSON::Object& request)
{
    std::ostringstream json;
    request.stringify(json);
    return call(operation, json.str());
}

std::string PluginSession::call(const std::string& operation, const std::string& requestJson)
{
    const auto result = _loader.plugin().call(operation, requestJson);
    if (!result.ok())
    {
        const std::string message = result.message.empty() ? Status::describe(result.status) : result.message;
        throw PluginCallException(message, result.status);
    }
    return result.json;
}

Poco::JSON::Object::Ptr PluginSession::copyOf(const Poco::JSON::Object& request)
{
    Poco::JSON::Object::Ptr copy = new Poco::JSON::Object;
    for (const auto& [key, value] : request) copy->set(key, value); // iterates the values, not the key list
    return copy;
}

Poco::JSON::Object::Ptr PluginSession::parse(const std::string& operation, const std::string& json)
{
    try
    {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
        return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    }
    catch (const Poco::Exception& e)
    {
        throw PluginCallException("the plugin's response to " + operation + " is not a JSON object: " + e.displayText(),
                                  SFE_ERROR);
    }
}

}
} // namespace sfe::host
