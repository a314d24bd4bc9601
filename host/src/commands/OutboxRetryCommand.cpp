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
#include "render/TextLayout.h"

namespace sfe {
namespace host {

namespace {

/// Puts quarantined statements back into delivery, once whatever made the LRS refuse them is
/// fixed. They go with the next `sync` (or the plugin's background sender).
class OutboxRetryCommand: public Command
{
public:
    std::string name() const override { return "outbox retry"; }
    std::string summary() const override
    {
        return "put a quarantined statement (or, with --all, every one) back into delivery";
    }
    std::vector<std::string> argumentNames() const override { return {"[ID]"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("all", "", "every quarantined statement"));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        if (line.has("all") == !line.arguments().empty())
            throw UsageException("outbox retry: give either a statement ID or --all");
        Poco::JSON::Object request;
        if (line.has("all")) request.set("all", true);
        else request.set("id", line.arguments().at(0));
        context.respond("retry", request, LineRenderer([](const Poco::JSON::Object& response) {
            return TextLayout::counted(response.getValue<std::size_t>("retried"), "statement")
                + " back in delivery (sent with the next sync)";
        }));
        return EXIT_OK;
    }
};

const CommandRegistration<OutboxRetryCommand> registration;

} // namespace

} } // namespace sfe::host
