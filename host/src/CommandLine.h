//
// CommandLine.h
//
// Library: sfia-evidence (host)
// Package: host
//
// The parsed command line: global options, the command word, its options and arguments.
//

#ifndef SFE_HOST_COMMANDLINE_H
#define SFE_HOST_COMMANDLINE_H

#include <Poco/Util/OptionSet.h>

#include <map>
#include <string>
#include <vector>

namespace sfe {
namespace host {

class Command;
class CommandRegistry;

/// A parsed command line: `sfia-evidence [GLOBAL OPTIONS] COMMAND [ARGUMENTS] [OPTIONS]`.
/// A command is named by one word or, for sub-commands, two ("audit verify").
///
/// Before the command word only global options are accepted; after it, the global ones and the
/// command's own (Command::defineOptions). Parsing uses Poco::Util::OptionProcessor, so
/// "--level 3", "--level=3" and unambiguous prefixes ("--lev 3") all work, and "--" ends options.
/// Every Poco option error, an unknown command, a validator's refusal and a wrong number of
/// positional arguments become a UsageException.
class CommandLine
{
public:
    static CommandLine parse(const std::vector<std::string>& args, const Poco::Util::OptionSet& globalOptions,
                             const CommandRegistry& commands);
    /// Parses `args` (without the program name). Throws UsageException. When --help is given,
    /// positional arguments are not checked, so "show --help" works without a CODE.

    const Command* command() const { return _command; }
    /// The command, or nullptr when none was given.

    const std::vector<std::string>& arguments() const { return _arguments; }
    /// The positional arguments after the command word.

    bool has(const std::string& option) const;
    /// Whether the option (full name) was given.

    std::string value(const std::string& option, const std::string& fallback = "") const;
    /// The option's (last) value, or `fallback` when it was not given.

    std::vector<std::string> values(const std::string& option) const;
    /// Every value of a repeatable option, in the order given.

private:
    static const Command* findCommand(const std::vector<std::string>& args, std::size_t& next,
                                      const CommandRegistry& commands);
    /// The command named at args[next], one word or two; leaves `next` on its last word.
    /// Throws UsageException for an unknown command or a group word without its sub-command.

    void record(const Poco::Util::OptionSet& options, const std::string& name, const std::string& value);
    void checkArguments() const;

    const Command* _command = nullptr;
    std::vector<std::string> _arguments;
    std::map<std::string, std::vector<std::string>> _options;
};

}
} // namespace sfe::host

#endif
