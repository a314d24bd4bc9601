//
// CommandContext.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// What a running command has at hand: its command line, the plugin, and where output goes.
//

#include "CommandContext.h"

#include "Exceptions.h"
#include "render/Renderer.h"

#include <Poco/JSON/Stringifier.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>

#include <pwd.h>
#include <unistd.h>

namespace sfe {
namespace host {

CommandContext::CommandContext(const CommandLine& line, SessionFactory openSession, std::ostream& out):
    _line(line),
    _openSession(std::move(openSession)),
    _out(out)
{}

PluginSession& CommandContext::plugin()
{
    return _openSession();
}

void CommandContext::respond(const std::string& operation, const Poco::JSON::Object& request, const Renderer& renderer)
{
    Poco::JSON::Object::Ptr response = call(operation, request);
    if (_line.has("json")) printJson(response);
    else renderer.render(*response, _out);
}

Poco::JSON::Object::Ptr CommandContext::call(const std::string& operation, const Poco::JSON::Object& request)
{
    const Poco::JSON::Object::Ptr sent = envelope(request); // a usage error (--role) before the plugin loads
    return PluginSession::parse(operation, plugin().call(operation, *sent));
}

Poco::JSON::Object::Ptr CommandContext::envelope(const Poco::JSON::Object& request) const
{
    // What every request may carry (presenter::Request::kLang, kCaller): the plugin writes its
    // texts in the language, and with auth.enforce lets the caller do what its roles allow.
    Poco::JSON::Object::Ptr out = PluginSession::copyOf(request);
    // Made on first use: commands that never call the plugin (users add) read --role themselves.
    if (!_caller) _caller = caller(_line);
    if (_line.has("lang") && !out->has("lang")) out->set("lang", _line.value("lang"));
    if (!out->has("caller")) out->set("caller", _caller);
    return out;
}

Poco::JSON::Object::Ptr CommandContext::caller(const CommandLine& line)
{
    static const std::vector<std::string> kRoles{"learner", "assessor", "admin", "auditor"};
    const i18n::Messages& messages = i18n::Messages::of(line.has("lang") ? line.value("lang") : "en");
    Poco::JSON::Object::Ptr caller = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Poco::JSON::Array::Ptr roles = new Poco::JSON::Array;
    if (!line.has("as"))
    {
        // The local operator, who runs the store: every role, under their login name.
        if (line.has("role")) throw UsageException(messages.format("roles.usage.roleWithoutAs"));
        const struct passwd* user = ::getpwuid(::geteuid());
        caller->set("id", user && user->pw_name && *user->pw_name ? std::string(user->pw_name) : "operator");
        for (const auto& role : kRoles) roles->add(role);
        caller->set("roles", roles);
        return caller;
    }
    if (line.value("as").empty()) throw UsageException(messages.format("roles.usage.emptyAs"));
    if (!line.has("role"))
        throw UsageException(
            messages.format("roles.usage.asWithoutRole", i18n::MessageArgs().set("id", line.value("as"))));
    caller->set("id", line.value("as"));
    for (const auto& given : line.values("role"))
    {
        for (const auto& role : Poco::StringTokenizer(given, ",", Poco::StringTokenizer::TOK_TRIM))
        {
            if (std::find(kRoles.begin(), kRoles.end(), role) == kRoles.end())
                throw UsageException(messages.format("roles.usage.unknownRole", i18n::MessageArgs().set("role", role)));
            roles->add(role);
        }
    }
    caller->set("roles", roles);
    return caller;
}

const i18n::Messages& CommandContext::messages(const Poco::JSON::Object* response) const
{
    if (_line.has("lang")) return i18n::Messages::of(_line.value("lang"));
    if (!_language.empty()) return i18n::Messages::of(_language);
    // A view says which language it was written in; a definition's content (show) in which it is.
    for (const char* key : {"lang", "language"})
    {
        if (response && response->has(key) && !response->isNull(key) &&
            i18n::Messages::speaks(response->getValue<std::string>(key)))
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

}
} // namespace sfe::host
