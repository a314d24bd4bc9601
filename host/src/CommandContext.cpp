//
// CommandContext.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// What a running command has at hand: its command line, the plugin, and where output goes.
//

#include "CommandContext.h"

#include "render/Renderer.h"

#include <Poco/JSON/Stringifier.h>

namespace sfe {
namespace host {

CommandContext::CommandContext(const CommandLine& line, SessionFactory openSession, std::ostream& out):
    _line(line),
    _openSession(std::move(openSession)),
    _out(out)
{
}

PluginSession& CommandContext::plugin()
{
    return _openSession();
}

void CommandContext::respond(const std::string& operation, const Poco::JSON::Object& request,
                             const Renderer& renderer)
{
    Poco::JSON::Object::Ptr response = call(operation, request);
    if (_line.has("json")) printJson(response);
    else renderer.render(*response, _out);
}

Poco::JSON::Object::Ptr CommandContext::call(const std::string& operation, const Poco::JSON::Object& request)
{
    return PluginSession::parse(operation, plugin().call(operation, request));
}

void CommandContext::printJson(const Poco::Dynamic::Var& json)
{
    Poco::JSON::Stringifier::stringify(json, _out, 2);
    _out << '\n';
}

} } // namespace sfe::host
