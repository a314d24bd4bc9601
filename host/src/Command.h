//
// Command.h
//
// Library: sfia-evidence (host)
// Package: host
//
// One CLI command ("import", "skills", "show", ...): its arguments, its options and what it does.
//

#ifndef SFE_HOST_COMMAND_H
#define SFE_HOST_COMMAND_H

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
    virtual ~Command() = default;

    virtual std::string name() const = 0;
        /// The command word, e.g. "show".

    virtual std::string summary() const = 0;
        /// One line for --help.

    virtual std::vector<std::string> argumentNames() const = 0;
        /// The positional arguments, in order, as --help shows them: "CODE" is required,
        /// "[CODE]" optional; a last name ending in "..." takes any number.

    virtual void defineOptions(Poco::Util::OptionSet& options) const;
        /// Adds the command's own options. The default adds none.

    virtual void run(CommandContext& context) const = 0;
        /// Does the work and prints the result to context.out().

    std::string synopsis() const;
        /// "show CODE [--level N] [--json]", from the name, arguments and options.

protected:
    static Poco::Util::Option jsonOption();
        /// --json: print the plugin's JSON response instead of text.
};

} } // namespace sfe::host

#endif
