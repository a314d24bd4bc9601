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

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

namespace {

/// Withdraws an evidence record: it stays stored, marked withdrawn, and each of its statements
/// gets a voiding statement in the outbox. Says which levels the learner no longer attains.
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
        const i18n::Messages& messages = context.messages();
        context.respond(
            "withdraw", request, LineRenderer([&messages](const Poco::JSON::Object& response) {
                const std::string evidence = JsonFields::text(response, "evidence");
                if (response.getValue<bool>("duplicate"))
                    return messages.format("evidence.withdraw.duplicate",
                                           i18n::MessageArgs().set("evidence", evidence));
                const std::size_t voiding = JsonFields::size(response, "voidingStatements");
                std::string text = messages.format("evidence.withdraw.done",
                                                   i18n::MessageArgs().set("evidence", evidence).set("count", voiding));
                if (voiding > 0) text += ": " + JsonFields::joined(response.getArray("voidingStatements"), " ");
                // The levels the learner attained before and no longer does, one line each.
                Poco::JSON::Array::Ptr lost = response.getArray("levelsLost");
                for (std::size_t i = 0; lost && i < lost->size(); ++i)
                    text += "\n" + messages.format("evidence.withdraw.lost",
                                                   i18n::MessageArgs()
                                                       .set("learner", JsonFields::text(response, "learner"))
                                                       .set("skill", JsonFields::text(response, "skill"))
                                                       .set("level", lost->getElement<int>(static_cast<unsigned>(i))));
                return text;
            }));
        return EXIT_OK;
    }
};

const CommandRegistration<WithdrawCommand> registeredWithdrawCommand;

} // namespace

}
} // namespace sfe::host
