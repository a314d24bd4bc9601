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
    // What every request may carry (presenter::Request::kLang): the plugin writes its texts in it.
    if (_line.has("lang") && !request.has("lang"))
    {
        Poco::JSON::Object withLanguage(request);
        withLanguage.set("lang", _line.value("lang"));
        return PluginSession::parse(operation, plugin().call(operation, withLanguage));
    }
    return PluginSession::parse(operation, plugin().call(operation, request));
}

const i18n::Messages& CommandContext::messages(const Poco::JSON::Object* response) const
{
    if (_line.has("lang")) return i18n::Messages::of(_line.value("lang"));
    if (!_language.empty()) return i18n::Messages::of(_language);
    // A view says which language it was written in; a definition's content (show) in which it is.
    for (const char* key : {"lang", "language"})
    {
        if (response && response->has(key) && !response->isNull(key)
            && i18n::Messages::speaks(response->getValue<std::string>(key)))
            return i18n::Messages::of(response->getValue<std::string>(key));
    }
    return i18n::Messages::of("en");
}

void CommandContext::setReader(const std::string& language, const std::string& timeZone)
{
    _language = language;
    _timeZone = timeZone;
}

i18n::TimeText CommandContext::times(const Poco::JSON::Object* response) const
{
    return i18n::TimeText(messages(response).language(), _timeZone);
}

void CommandContext::printJson(const Poco::Dynamic::Var& json)
{
    Poco::JSON::Stringifier::stringify(json, _out, 2);
    _out << '\n';
}

} } // namespace sfe::host
