//
// OutboxRetryCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence outbox retry ID` and `outbox retry --all`: quarantined statements back into delivery.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "render/LineRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Puts quarantined statements back into delivery, once whatever made the LRS refuse them is
/// fixed. They go with the next `sync` (or the plugin's background sender).
class OutboxRetryCommand: public Command
{
public:
    std::string name() const override { return "outbox retry"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.outbox.retry"); }
    std::vector<std::string> argumentNames() const override { return {"[ID]"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("all", "", "every quarantined statement"));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        if (line.has("all") == !line.arguments().empty())
            throw UsageException(context.messages().format("cli.outbox.retry.usage"));
        Poco::JSON::Object request;
        if (line.has("all")) request.set("all", true);
        else request.set("id", line.arguments().at(0));
        context.respond("retry", request, LineRenderer([&context](const Poco::JSON::Object& response) {
                            return context.messages(&response).format(
                                "cli.outbox.retried",
                                i18n::MessageArgs().set("count", response.getValue<std::size_t>("retried")));
                        }));
        return EXIT_OK;
    }
};

const CommandRegistration<OutboxRetryCommand> registeredOutboxRetryCommand;

} // namespace

}
} // namespace sfe::host
