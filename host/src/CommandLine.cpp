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

} // namespace

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
            if (!global.process(args[next], name, value)) break;     // the command word
            if (!name.empty()) line.record(globalOptions, name, value);
        }
        global.checkRequired();
        if (next == args.size()) return line;

        line._command = commands.find(args[next]);
        if (!line._command)
            throw UsageException("unknown command \"" + args[next] + "\"");
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
        processor.checkRequired();
    }
    catch (const UsageException&)
    {
        throw;
    }
    catch (const Poco::Util::OptionException& e)
    {
        throw UsageException(context + describe(e));
    }
    catch (const Poco::InvalidArgumentException& e)     // a validator's refusal
    {
        throw UsageException(context + describe(e));
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
    if (_arguments.size() < required)
        throw UsageException(context + "missing " + names[_arguments.size()]);
    if (!unbounded && _arguments.size() > names.size())
        throw UsageException(context + "unexpected argument \"" + _arguments[names.size()] + "\"");
}

} } // namespace sfe::host
