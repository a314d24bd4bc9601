//
// CommandLine.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// The parsed command line: global options, the command word, its options and arguments.
//

#include "CommandLine.h"

#include "Command.h"
#include "CommandRegistry.h"
#include "Exceptions.h"

#include <Poco/String.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/Validator.h>

namespace sfe {
namespace host {

namespace {

/// Poco's option messages start with a capital ("Unknown option: x"); ours follow the usual
/// "program: context: problem" form.
std::string describe(const Poco::Exception& e)
{
    std::string text = e.displayText();
    if (!text.empty()) text[0] = static_cast<char>(Poco::Ascii::toLower(text[0]));
    return text;
}

/// The names of a group's commands without the group word: "checkpoint, export, verify".
std::string subcommandNames(const std::vector<const Command*>& group)
{
    std::string names;
    for (const Command* command : group)
        names += (names.empty() ? "" : ", ") + command->name().substr(command->name().find(' ') + 1);
    return names;
}

} // namespace

const Command* CommandLine::findCommand(const std::vector<std::string>& args, std::size_t& next,
                                        const CommandRegistry& commands)
{
    // Two words first: "outbox retry" is a command of its own, "outbox --json" is "outbox".
    if (next + 1 < args.size())
    {
        if (const Command* command = commands.find(args[next] + " " + args[next + 1]))
        {
            ++next;
            return command;
        }
    }
    if (const Command* command = commands.find(args[next])) return command;

    const auto group = commands.group(args[next]);
    if (group.empty()) throw UsageException("unknown command \"" + args[next] + "\"");
    if (next + 1 < args.size() && !args[next + 1].empty() && args[next + 1][0] != '-')
        throw UsageException("unknown command \"" + args[next] + " " + args[next + 1] + "\" (" + args[next] +
                             " has: " + subcommandNames(group) + ")");
    throw UsageException(args[next] + ": missing sub-command (" + subcommandNames(group) + ")");
}

CommandLine CommandLine::parse(const std::vector<std::string>& args, const Poco::Util::OptionSet& globalOptions,
                               const CommandRegistry& commands)
{
    CommandLine line;
    std::size_t next = 0;
    std::string context;
    try
    {
        Poco::Util::OptionProcessor global(globalOptions);
        for (; next < args.size(); ++next)
        {
            std::string name, value;
            if (!global.process(args[next], name, value)) break; // the command word
            if (!name.empty()) line.record(globalOptions, name, value);
        }
        global.checkRequired();
        if (next == args.size()) return line;

        line._command = findCommand(args, next, commands);
        context = line._command->name() + ": ";

        Poco::Util::OptionSet options(globalOptions);
        line._command->defineOptions(options);
        Poco::Util::OptionProcessor processor(options);
        for (++next; next < args.size(); ++next)
        {
            std::string name, value;
            if (processor.process(args[next], name, value))
            {
                if (!name.empty()) line.record(options, name, value);
            }
            else line._arguments.push_back(args[next]);
        }
        if (!line.has("help")) processor.checkRequired(); // "map --help" needs no --skill
    }
    catch (const UsageException&)
    {
        throw;
    }
    catch (const Poco::Util::OptionException& e)
    {
        throw UsageException(context + describe(e));
    }
    catch (const Poco::InvalidArgumentException& e) // a validator's refusal: its message says it all
    {
        throw UsageException(context + (e.message().empty() ? describe(e) : e.message()));
    }
    if (!line.has("help")) line.checkArguments();
    return line;
}

bool CommandLine::has(const std::string& option) const
{
    return _options.count(option) > 0;
}

std::string CommandLine::value(const std::string& option, const std::string& fallback) const
{
    auto it = _options.find(option);
    return it == _options.end() ? fallback : it->second.back();
}

std::vector<std::string> CommandLine::values(const std::string& option) const
{
    auto it = _options.find(option);
    return it == _options.end() ? std::vector<std::string>() : it->second;
}

void CommandLine::record(const Poco::Util::OptionSet& options, const std::string& name, const std::string& value)
{
    const Poco::Util::Option& option = options.getOption(name);
    // Each OptionProcessor catches repeats within its part of the line; this catches
    // "--db a show --db b", which spans both.
    if (has(name) && !option.repeatable()) throw Poco::Util::DuplicateOptionException(name);
    if (option.validator()) option.validator()->validate(option, value);
    _options[name].push_back(value);
}

void CommandLine::checkArguments() const
{
    if (!_command) return;
    const auto names = _command->argumentNames();
    std::size_t required = 0;
    bool unbounded = false;
    for (const auto& name : names)
    {
        if (!name.empty() && name.front() != '[') ++required;
        unbounded = Poco::endsWith(name, std::string("..."));
    }
    const std::string context = _command->name() + ": ";
    if (_arguments.size() < required) throw UsageException(context + "missing " + names[_arguments.size()]);
    if (!unbounded && _arguments.size() > names.size())
        throw UsageException(context + "unexpected argument \"" + _arguments[names.size()] + "\"");
}

}
} // namespace sfe::host
