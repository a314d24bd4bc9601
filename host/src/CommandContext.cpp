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
    const std::string json = plugin().call(operation, request);
    Poco::JSON::Object::Ptr response = PluginSession::parse(operation, json);
    if (_line.has("json"))
    {
        Poco::JSON::Stringifier::stringify(response, _out, 2);
        _out << '\n';
    }
    else
    {
        renderer.render(*response, _out);
    }
}

} } // namespace sfe::host
