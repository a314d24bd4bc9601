//
// CommandContext.h
//
// Library: sfia-evidence (host)
// Package: host
//
// What a running command has at hand: its command line, the plugin, and where output goes.
//

#ifndef SFE_HOST_COMMANDCONTEXT_H
#define SFE_HOST_COMMANDCONTEXT_H

#include "CommandLine.h"
#include "PluginSession.h"

#include <Poco/JSON/Object.h>

#include "sfe/i18n/Messages.h"
#include "sfe/i18n/TimeText.h"

#include <functional>
#include <ostream>
#include <string>

namespace sfe {
namespace host {

class Renderer;

/// Hands a command what it needs. The plugin is loaded on first use, so commands that do not
/// call it (and --help) never load the library.
class CommandContext
{
public:
    using SessionFactory = std::function<PluginSession&()>;

    CommandContext(const CommandLine& line, SessionFactory openSession, std::ostream& out);

    const CommandLine& line() const { return _line; }
    std::ostream& out() { return _out; }

    PluginSession& plugin();
    /// The started plugin; loads it on first use (see PluginSession for what it throws).

    void respond(const std::string& operation, const Poco::JSON::Object& request, const Renderer& renderer);
    /// Calls the operation and prints the response: as indented JSON with --json, otherwise
    /// through `renderer`. Throws PluginCallException when the plugin refuses.

    Poco::JSON::Object::Ptr call(const std::string& operation, const Poco::JSON::Object& request);
    /// Calls the operation and returns its parsed response (keys in the plugin's order), for
    /// commands that print something else than the whole response. Throws PluginCallException
    /// when the plugin refuses.

    Poco::JSON::Object::Ptr envelope(const Poco::JSON::Object& request) const;
    /// `request` with what every request carries: "lang" (--lang) and "caller" (--as and
    /// --role, else the local operator with every role). call() sends it so; a command that
    /// calls plugin() itself must send envelope(request).

    static Poco::JSON::Object::Ptr caller(const CommandLine& line);
    /// The caller the command line names: {"id": --as, "roles": --role (repeated or comma
    /// lists)}, or without --as the local operator (the login name, else "operator") with
    /// every role. Throws UsageException for --role without --as, --as without --role, or a
    /// role that is not learner, assessor, admin or auditor.

    const i18n::Messages& messages(const Poco::JSON::Object* response = nullptr) const;
    /// The catalog for what this command prints: --lang, else ui.language, else the language
    /// the plugin wrote `response` in (its "lang", or the "language" of a definition's
    /// content), else English.

    void setReader(const std::string& language, const std::string& timeZone);
    /// What the configuration says about the reader: ui.language ("" when not set) and
    /// ui.time_zone (CliHostServices checks both).

    i18n::TimeText times(const Poco::JSON::Object* response = nullptr) const;
    /// Instants as people read them: in the language of messages(response), in ui.time_zone.

    void printJson(const Poco::Dynamic::Var& json);
    /// Prints a JSON value indented by two spaces, and a newline.

private:
    const CommandLine& _line;
    SessionFactory _openSession;
    std::ostream& _out;
    mutable Poco::JSON::Object::Ptr _caller; ///< sent as "caller" in every request (envelope); made on first use
    std::string _language;                   ///< ui.language; "" when not configured
    std::string _timeZone = "Europe/Berlin"; ///< ui.time_zone
};

}
} // namespace sfe::host

#endif
