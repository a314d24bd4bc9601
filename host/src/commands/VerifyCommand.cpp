//
// VerifyCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence verify EVIDENCE-ID --auditor ID [--note TEXT]`: an auditor confirms an attestation.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/JsonFields.h"
#include "render/LineRenderer.h"
#include "render/TextLayout.h"

namespace sfe {
namespace host {

namespace {

/// Records that an auditor checked an evidence record (under the all-verified rule, levels are
/// attained only through verified attestations).
class VerifyCommand: public Command
{
public:
    std::string name() const override { return "verify"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.verify"); }
    std::vector<std::string> argumentNames() const override { return {"EVIDENCE-ID"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("auditor", "", "the auditor's id").argument("ID").required(true));
        options.addOption(Poco::Util::Option("note", "", "what the auditor checked").argument("TEXT"));
    }

    int run(CommandContext& context) const override
    {
        const std::string auditor = context.line().value("auditor");
        Poco::JSON::Object request;
        request.set("evidence", context.line().arguments().at(0));
        request.set("auditor", auditor);
        if (context.line().has("note")) request.set("note", context.line().value("note"));
        context.respond("verify", request, LineRenderer([&context, auditor](const Poco::JSON::Object& response) {
                            return context.messages(&response).format(
                                "cli.verify.done", i18n::MessageArgs()
                                                       .set("evidence", JsonFields::text(response, "evidence"))
                                                       .set("auditor", TextLayout::printable(auditor)));
                        }));
        return EXIT_OK;
    }
};

const CommandRegistration<VerifyCommand> registeredVerifyCommand;

} // namespace

}
} // namespace sfe::host
