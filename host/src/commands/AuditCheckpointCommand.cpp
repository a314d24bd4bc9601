//
// AuditCheckpointCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence audit checkpoint`: signs the evidence log's current head now.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/JsonFields.h"
#include "render/LineRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Signs a checkpoint of the evidence log now, instead of waiting for audit.checkpoint_every
/// entries or audit.checkpoint_seconds. Needs audit.signing_key (exit 78 without).
class AuditCheckpointCommand: public Command
{
public:
    std::string name() const override { return "audit checkpoint"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.audit.checkpoint"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    int run(CommandContext& context) const override
    {
        context.respond("audit.checkpoint", Poco::JSON::Object(),
                        LineRenderer([&context](const Poco::JSON::Object& response) {
                            const i18n::Messages& messages = context.messages(&response);
                            if (!JsonFields::present(response, "seq"))
                                return messages.format("cli.checkpoint.emptyLog");
                            return messages.format("cli.checkpoint.signed",
                                                   i18n::MessageArgs().set("seq", JsonFields::text(response, "seq")));
                        }));
        return EXIT_OK;
    }
};

const CommandRegistration<AuditCheckpointCommand> registeredAuditCheckpointCommand;

} // namespace

}
} // namespace sfe::host
