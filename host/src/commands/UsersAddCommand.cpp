//
// UsersAddCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence users add ID --role ROLE [--role ROLE] --users FILE --password-stdin`: a user of `serve`.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "web/PasswordHash.h"
#include "web/UserFile.h"

#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <iostream>

namespace sfe {
namespace host {

namespace {

/// Adds a user to the users file of `serve` (or replaces their password and roles). The password
/// is read from standard input, never from the command line, where `ps` would show it. The
/// roles come from the global --role option (repeated or a comma list), without --as.
class UsersAddCommand: public Command
{
public:
    std::string name() const override { return "users add"; }
    std::string summary() const override { return i18n::Messages::of("en").format("web.command.users.add"); }
    std::vector<std::string> argumentNames() const override { return {"ID"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("users", "", "the users file (JSON lines; created with mode 0600)")
                              .argument("FILE")
                              .required(true));
        options.addOption(Poco::Util::Option("password-stdin", "",
                                             "read the password from the first line of "
                                             "standard input (required: a password is never an argument)")
                              .required(true));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        const i18n::Messages& messages = context.messages();
        const std::string id = line.arguments().at(0);
        if (line.has("as")) throw UsageException(messages.format("web.users.noAs"));
        if (!web::UserFile::validId(id))
            throw UsageException(messages.format("web.users.badId", i18n::MessageArgs().set("id", id)));
        web::User user;
        user.id = id;
        for (const auto& given : line.values("role"))
        {
            for (const auto& role : Poco::StringTokenizer(
                     given, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
            {
                const auto& known = web::UserFile::roles();
                if (std::find(known.begin(), known.end(), role) == known.end())
                    throw UsageException(
                        messages.format("roles.usage.unknownRole", i18n::MessageArgs().set("role", role)));
                if (!user.holds(role)) user.roles.push_back(role);
            }
        }
        if (user.roles.empty()) throw UsageException(messages.format("web.users.noRole"));

        std::string password;
        if (!std::getline(std::cin, password) && password.empty())
            throw UsageException(messages.format("web.users.noPassword"));
        if (!password.empty() && password.back() == '\r') password.pop_back();
        if (password.size() < kMinPasswordLength)
            throw UsageException(messages.format("web.users.shortPassword",
                                                 i18n::MessageArgs().set("n", static_cast<int>(kMinPasswordLength))));
        user.passwordHash = web::PasswordHash::make(password);

        web::UserFile file(line.value("users"));
        file.load();
        const bool replaced = file.put(user);
        file.save();
        std::string roles;
        for (const auto& role : user.roles) roles += (roles.empty() ? "" : ", ") + role;
        context.out() << messages.format(replaced ? "web.users.replaced" : "web.users.added",
                                         i18n::MessageArgs().set("id", id).set("roles", roles).set("file", file.path()))
                      << std::endl;
        return EXIT_OK;
    }

private:
    static constexpr std::size_t kMinPasswordLength = 8;
};

const CommandRegistration<UsersAddCommand> registeredUsersAddCommand;

} // namespace

}
} // namespace sfe::host
