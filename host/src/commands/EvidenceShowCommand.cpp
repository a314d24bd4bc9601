//
// EvidenceShowCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence evidence show EVIDENCE-ID [--json]`: one record with its proof.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/EvidenceShowRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Shows one evidence record with what proves it: its evidence-log entries and their hashes, the
/// checkpoint covering each, and the statements made for it. --json prints the plugin's view.
class EvidenceShowCommand: public Command
{
public:
    std::string name() const override { return "evidence show"; }
    std::string summary() const override
    {
        return "show one evidence record with its proof: log entries, hashes, checkpoint, statements";
    }
    std::vector<std::string> argumentNames() const override { return {"EVIDENCE-ID"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("json", "", "print the plugin's view of the record as JSON"));
    }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        request.set("evidence", context.line().arguments().at(0));
        Poco::JSON::Object::Ptr response = context.call("evidence.show", request);
        if (context.line().has("json")) context.printJson(response);
        else EvidenceShowRenderer(context.messages(response.get())).render(*response, context.out());
        return EXIT_OK;
    }
};

const CommandRegistration<EvidenceShowCommand> registeredEvidenceShowCommand;

} // namespace

}
} // namespace sfe::host
