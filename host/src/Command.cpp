//
// Command.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// One CLI command: its arguments, its options and what it does.
//

#include "Command.h"

#include <Poco/Util/IntValidator.h>

namespace sfe {
namespace host {

void Command::defineOptions(Poco::Util::OptionSet&) const {}

std::string Command::synopsis() const
{
    std::string text = name();
    for (const auto& argument : argumentNames()) text += " " + argument;
    Poco::Util::OptionSet options;
    defineOptions(options);
    for (const auto& option : options)
    {
        std::string usage = "--" + option.fullName();
        if (option.takesArgument()) usage += " " + option.argumentName();
        if (option.repeatable()) usage += " ...";
        text += option.required() ? " " + usage : " [" + usage + "]";
    }
    return text;
}

Poco::Util::Option Command::jsonOption()
{
    return Poco::Util::Option("json", "", "print the plugin's JSON response instead of text");
}

Poco::Util::Option Command::levelOption(const std::string& description)
{
    return Poco::Util::Option("level", "", description).argument("N").validator(new Poco::Util::IntValidator(1, 7));
}

}
} // namespace sfe::host
