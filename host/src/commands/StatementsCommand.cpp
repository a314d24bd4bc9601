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
#include "RawJson.h"
#include "render/StatementsRenderer.h"

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
        options.addOption(Poco::Util::Option("json", "",
                                             "print a JSON array of the statement bodies, byte for byte as sent"));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        Poco::JSON::Object request;
        if (line.has("learner")) request.set("learner", line.value("learner"));
        if (line.has("state")) request.set("state", line.value("state"));
        const std::string json = context.plugin().call("statements", *context.envelope(request));
        if (!line.has("json"))
        {
            const Poco::JSON::Object::Ptr response = PluginSession::parse("statements", json);
            StatementsRenderer(context.messages(response.get())).render(*response, context.out());
            return EXIT_OK;
        }
        const auto bodies = RawJson::memberOfEach(json, "statements", "statement");
        std::ostream& out = context.out();
        out << '[';
        for (std::size_t i = 0; i < bodies.size(); ++i) out << (i == 0 ? "\n" : ",\n") << bodies[i];
        out << (bodies.empty() ? "]\n" : "\n]\n");
        return EXIT_OK;
    }
};

const CommandRegistration<StatementsCommand> registration;

} // namespace

} } // namespace sfe::host
