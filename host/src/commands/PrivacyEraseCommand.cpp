//
// PrivacyEraseCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence privacy erase --learner ID`: replaces a person by a pseudonym everywhere.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "PersonOption.h"
#include "render/JsonFields.h"
#include "render/LineRenderer.h"
#include "render/TextLayout.h"

namespace sfe {
namespace host {

namespace {

/// Erases a person: the plugin replaces their id by a pseudonym in their evidence, in what they
/// attested and in the statements, and drops their free texts; the audit log still verifies. The
/// statements the LRS already holds are listed, to be erased there.
class PrivacyEraseCommand: public Command
{
public:
    std::string name() const override { return "privacy erase"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.privacy.erase"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override { PersonOption::define(options); }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        const std::string person = PersonOption::apply(context.line(), request);
        context.respond(
            "privacy.erase", request, LineRenderer([&context, person](const Poco::JSON::Object& response) {
                const i18n::Messages& messages = context.messages(&response);
                std::string text = messages.format(
                    "cli.privacy.erased", i18n::MessageArgs()
                                              .set("person", TextLayout::printable(person))
                                              .set("pseudonym", JsonFields::text(response, "pseudonym"))
                                              .set("records", response.getValue<std::size_t>("evidence"))
                                              .set("attested", response.getValue<std::size_t>("attested"))
                                              .set("statements", response.getValue<std::size_t>("statements")));
                // The LRS keeps what it was sent; only its operator can erase it there.
                const auto held = response.getObject("heldByLrs");
                if (held && held->getValue<std::size_t>("count") > 0)
                {
                    const std::string lrs =
                        JsonFields::present(*held, "url")
                            ? messages.format("cli.privacy.lrsAt",
                                              i18n::MessageArgs().set("url", JsonFields::text(*held, "url")))
                            : messages.format("cli.privacy.lrsUnknown");
                    text += "\n" +
                            messages.format(
                                "cli.privacy.heldByLrs",
                                i18n::MessageArgs().set("count", held->getValue<std::size_t>("count")).set("lrs", lrs));
                    for (const std::string& id : JsonFields::strings(held->getArray("statements"))) text += "\n  " + id;
                }
                if (response.has("writeAheadLogCleared") && !response.getValue<bool>("writeAheadLogCleared"))
                    text += "\n" + messages.format("cli.privacy.walKept");
                return text;
            }));
        return EXIT_OK;
    }
};

const CommandRegistration<PrivacyEraseCommand> registeredPrivacyEraseCommand;

} // namespace

}
} // namespace sfe::host
