//
// OutboxCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence outbox [--json]`: the delivery state of the statements.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/OutboxRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Shows how many statements are pending, delivered and quarantined, and why each quarantined
/// one was taken out of delivery.
class OutboxCommand: public Command
{
public:
    std::string name() const override { return "outbox"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.outbox"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(jsonOption());
    }

    int run(CommandContext& context) const override
    {
        context.respond("outbox", Poco::JSON::Object(), OutboxRenderer(context.messages()));
        return EXIT_OK;
    }
};

const CommandRegistration<OutboxCommand> registration;

} // namespace

} } // namespace sfe::host
