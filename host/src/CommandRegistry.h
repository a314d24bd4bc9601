//
// CommandRegistry.h
//
// Library: sfia-evidence (host)
// Package: host
//
// The CLI's commands, each registered by its own source file.
//

#ifndef SFE_HOST_COMMANDREGISTRY_H
#define SFE_HOST_COMMANDREGISTRY_H

#include "Command.h"

#include <memory>
#include <string>
#include <vector>

namespace sfe {
namespace host {

/// Every command the CLI knows. Commands register themselves during static initialisation,
/// so adding a command means adding one file under host/src/commands/.
class CommandRegistry
{
public:
    static CommandRegistry& instance();

    void add(std::unique_ptr<Command> command);
    /// Takes ownership. Two commands with one name are a programming error
    /// (Poco::ExistsException).

    const Command* find(const std::string& name) const;
    /// The command named `name` ("show", "audit verify"), or nullptr.

    std::vector<const Command*> group(const std::string& word) const;
    /// The two-word commands whose first word is `word` ("audit" gives "audit checkpoint",
    /// "audit export", "audit verify"), ordered by name; empty when there are none.

    std::vector<const Command*> all() const;
    /// All commands, ordered by name.

private:
    CommandRegistry() = default;

    std::vector<std::unique_ptr<Command>> _commands;
};

/// Registers a command: `const CommandRegistration<ShowCommand> registeredShowCommand;` at namespace
/// scope in the command's source file (a name of its own: the host is compiled in unity batches).
template<class C>
struct CommandRegistration
{
    CommandRegistration() { CommandRegistry::instance().add(std::make_unique<C>()); }
};

}
} // namespace sfe::host

#endif
