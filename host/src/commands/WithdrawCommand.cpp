//
// WithdrawCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence withdraw EVIDENCE-ID --reason TEXT`: withdraws an evidence record.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "EventOptions.h"
#include "render/JsonFields.h"
#include "render/LineRenderer.h"
#include "render/TextLayout.h"

namespace sfe {
namespace host {

namespace {

/// Withdraws an evidence record: it stays stored, marked withdrawn, and each of its statements
/// gets a voiding statement in the outbox.
class WithdrawCommand: public Command
{
public:
    std::string name() const override { return "withdraw"; }
    std::string summary() const override
    {
        return "withdraw an evidence record (kept, marked withdrawn; its statements are voided)";
    }
    std::vector<std::string> argumentNames() const override { return {"EVIDENCE-ID"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("reason", "", "why it is withdrawn").argument("TEXT").required(true));
        EventOptions::define(options, false);
    }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request(Poco::JSON_PRESERVE_KEY_ORDER);
        request.set("evidence", context.line().arguments().at(0));
        request.set("reason", context.line().value("reason"));
        EventOptions::apply(context.line(), request);
        context.respond("withdraw", request, LineRenderer([](const Poco::JSON::Object& response) {
            const std::string evidence = JsonFields::text(response, "evidence");
            if (response.getValue<bool>("duplicate"))
                return "duplicate: this event withdrew evidence " + evidence + " before; nothing written";
            const std::size_t voiding = JsonFields::size(response, "voidingStatements");
            std::string text = "withdrew evidence " + evidence + "; "
                + TextLayout::counted(voiding, "voiding statement") + " queued for the LRS";
            if (voiding > 0) text += ": " + JsonFields::joined(response.getArray("voidingStatements"), " ");
            return text;
        }));
        return EXIT_OK;
    }
};

const CommandRegistration<WithdrawCommand> registration;

} // namespace

} } // namespace sfe::host
