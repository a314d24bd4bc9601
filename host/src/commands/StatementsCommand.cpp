//
// StatementsCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence statements [--learner ID] [--state S] [--json]`: the xAPI statements in the outbox.
//

#include "ChoiceValidator.h"
#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Pager.h"
#include "RawJson.h"
#include "render/StatementsRenderer.h"

#include <memory>

namespace sfe {
namespace host {

namespace {

/// Lists the outbox's statements. --json prints only their bodies, as a JSON array in outbox
/// order, each byte for byte as the plugin sends it to the LRS: cut from the plugin's response
/// text (RawJson), not parsed and written again.
class StatementsCommand: public Command
{
public:
    std::string name() const override { return "statements"; }
    std::string summary() const override
    {
        return "list the xAPI statements in the outbox; --json prints their bodies exactly as they are sent";
    }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("learner", "", "only this learner's").argument("ID"));
        options.addOption(Poco::Util::Option("state", "", "pending, delivered or quarantined")
                              .argument("S")
                              .validator(new ChoiceValidator({"pending", "delivered", "quarantined"})));
        options.addOption(
            Poco::Util::Option("json", "", "print a JSON array of the statement bodies, byte for byte as sent"));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        Poco::JSON::Object request;
        if (line.has("learner")) request.set("learner", line.value("learner"));
        if (line.has("state")) request.set("state", line.value("state"));
        if (!line.has("json"))
        {
            const i18n::Messages* messages = &context.messages();
            std::unique_ptr<StatementsRenderer> renderer;
            const auto header = [&](const Poco::JSON::Object& first) {
                messages = &context.messages(&first);
                renderer = std::make_unique<StatementsRenderer>(*messages);
                return renderer->header();
            };
            const auto rows = [&](const Poco::JSON::Object& page, std::vector<std::vector<std::string>>& out) {
                Poco::JSON::Array::Ptr statements = page.getArray("statements");
                for (std::size_t i = 0; statements && i < statements->size(); ++i)
                    out.push_back(renderer->row(*statements->getObject(static_cast<unsigned>(i))));
            };
            if (Pager::printTable(context, "statements", request, 0, header, rows, context.out()) == 0)
                context.out() << messages->format("evidence.statements.none") << '\n';
            return EXIT_OK;
        }
        // Page by page, each body written as it is cut from its page's text.
        std::ostream& out = context.out();
        out << '[';
        std::size_t count = 0;
        std::string json;
        Pager pager(context, "statements", request);
        while (pager.next(json))
        {
            for (const auto& body : RawJson::memberOfEach(json, "statements", "statement"))
                out << (count++ == 0 ? "\n" : ",\n") << body;
        }
        out << (count == 0 ? "]\n" : "\n]\n");
        return EXIT_OK;
    }
};

const CommandRegistration<StatementsCommand> registeredStatementsCommand;

} // namespace

}
} // namespace sfe::host
