//
// Command.h
//
// Library: sfia-evidence (host)
// Package: host
//
// One CLI command ("import", "show", "outbox retry", ...): its arguments, its options and what it does.
//

#ifndef SFE_HOST_COMMAND_H
#define SFE_HOST_COMMAND_H

#include <Poco/Util/Application.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <string>
#include <vector>

namespace sfe {
namespace host {

class CommandContext;

/// A command of the sfia-evidence CLI. To add one, write a class in host/src/commands/ and
/// register it there with CommandRegistration (see CommandRegistry.h); nothing else changes:
/// the command line parser, --help and the exit codes take it from this interface.
///
/// The parser accepts, after the command word, the command's own options (defineOptions) and the
/// global ones (--db, --config, --manifest, --help), and checks the positional arguments against
/// argumentNames(). Commands report failure by throwing: UsageException for a wrong command line,
/// PluginCallException (thrown by PluginSession) when the plugin refuses an operation.
class Command
{
public:
    /// The exit codes run() returns itself (the others come from exceptions; see HostApplication).
    enum ExitCode
    {
        EXIT_OK = Poco::Util::Application::EXIT_OK,
        EXIT_DATAERR = Poco::Util::Application::EXIT_DATAERR,  ///< the data is not as it should be
        EXIT_TEMPFAIL = Poco::Util::Application::EXIT_TEMPFAIL ///< try again later
    };

    virtual ~Command() = default;

    virtual std::string name() const = 0;
    /// The command word, e.g. "show", or two words for a sub-command, e.g. "audit verify".

    virtual std::string summary() const = 0;
    /// One line for --help.

    virtual std::vector<std::string> argumentNames() const = 0;
    /// The positional arguments, in order, as --help shows them: "CODE" is required,
    /// "[CODE]" optional; a last name ending in "..." takes any number.

    virtual void defineOptions(Poco::Util::OptionSet& options) const;
    /// Adds the command's own options. The default adds none.

    virtual int run(CommandContext& context) const = 0;
    /// Does the work, prints the result to context.out() and returns the exit code: EXIT_OK,
    /// or another sysexits code for an outcome that is not an error of the plugin's (e.g.
    /// `audit verify` finding a problem).

    std::string synopsis() const;
    /// "show CODE [--level N] [--json]", from the name, arguments and options.

protected:
    static Poco::Util::Option jsonOption();
    /// --json: print the plugin's JSON response instead of text.

    static Poco::Util::Option levelOption(const std::string& description);
    /// --level N, a skill level 1-7.
};

}
} // namespace sfe::host

#endif
