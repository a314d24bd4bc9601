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
#include "Pager.h"
#include "PluginSession.h"
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

    void defineOptions(Poco::Util::OptionSet& options) const override { options.addOption(jsonOption()); }

    int run(CommandContext& context) const override
    {
        // The plugin lists the quarantined statements a page at a time; they are shown as one list.
        // (Quarantine is the exception: held together they are few, unlike the outbox itself.)
        Pager pager(context, "outbox", Poco::JSON::Object());
        Poco::JSON::Object::Ptr response;
        std::string text;
        while (pager.next(text))
        {
            Poco::JSON::Object::Ptr page = PluginSession::parse("outbox", text);
            if (!response)
            {
                // Its members but "next" (copied: Poco 1.11's Object::remove reads a freed key).
                response = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                for (const auto& name : page->getNames())
                    if (name != "next") response->set(name, page->get(name));
                continue;
            }
            Poco::JSON::Array::Ptr all = response->getArray("quarantined"), more = page->getArray("quarantined");
            for (std::size_t i = 0; more && i < more->size(); ++i) all->add(more->get(static_cast<unsigned>(i)));
        }
        if (context.line().has("json")) context.printJson(response);
        else OutboxRenderer(context.messages()).render(*response, context.out());
        return EXIT_OK;
    }
};

const CommandRegistration<OutboxCommand> registeredOutboxCommand;

} // namespace

}
} // namespace sfe::host
