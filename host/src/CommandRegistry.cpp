//
// CommandRegistry.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// The CLI's commands, each registered by its own source file.
//

#include "CommandRegistry.h"

#include <Poco/Exception.h>

#include <algorithm>

namespace sfe {
namespace host {

CommandRegistry& CommandRegistry::instance()
{
    static CommandRegistry registry;
    return registry;
}

void CommandRegistry::add(std::unique_ptr<Command> command)
{
    if (find(command->name())) throw Poco::ExistsException("command " + command->name());
    _commands.push_back(std::move(command));
}

const Command* CommandRegistry::find(const std::string& name) const
{
    for (const auto& command : _commands)
    {
        if (command->name() == name) return command.get();
    }
    return nullptr;
}

std::vector<const Command*> CommandRegistry::group(const std::string& word) const
{
    const std::string prefix = word + " ";
    std::vector<const Command*> result;
    for (const Command* command : all())
    {
        if (command->name().compare(0, prefix.size(), prefix) == 0) result.push_back(command);
    }
    return result;
}

std::vector<const Command*> CommandRegistry::all() const
{
    std::vector<const Command*> result;
    for (const auto& command : _commands) result.push_back(command.get());
    std::sort(result.begin(), result.end(), [](const Command* a, const Command* b) { return a->name() < b->name(); });
    return result;
}

}
} // namespace sfe::host
