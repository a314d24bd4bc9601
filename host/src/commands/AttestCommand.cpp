//
// AttestCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence attest --learner ID --responsibility ID --assessor ID ...`: an assessor's judgement.
//

#include "ChoiceValidator.h"
#include "CommandContext.h"
#include "CommandRegistry.h"
#include "EventOptions.h"
#include "render/RecordRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Records that an assessor saw a learner carry out a responsibility: one "demonstrated"
/// evidence record with its xAPI statement.
class AttestCommand: public Command
{
public:
    std::string name() const override { return "attest"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.attest"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("learner", "", "the learner's LMS id").argument("ID").required(true));
        options.addOption(Poco::Util::Option("responsibility", "", "the responsibility's id, e.g. CSMG-3.2")
                              .argument("ID")
                              .required(true));
        options.addOption(Poco::Util::Option("assessor", "", "the assessor's LMS id (not the learner's)")
                              .argument("ID")
                              .required(true));
        options.addOption(Poco::Util::Option("outcome", "", "demonstrated (default), partial or not-demonstrated")
                              .argument("OUTCOME")
                              .validator(new ChoiceValidator({"demonstrated", "partial", "not-demonstrated"})));
        options.addOption(Poco::Util::Option("note", "", "the assessor's note").argument("TEXT"));
        options.addOption(
            Poco::Util::Option("evidence-url", "", "where the work that was assessed can be seen").argument("IRI"));
        EventOptions::define(options, true);
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        Poco::JSON::Object request(Poco::JSON_PRESERVE_KEY_ORDER);
        request.set("learner", line.value("learner"));
        request.set("responsibility", line.value("responsibility"));
        request.set("assessor", line.value("assessor"));
        if (line.has("outcome")) request.set("outcome", line.value("outcome"));
        if (line.has("note")) request.set("note", line.value("note"));
        if (line.has("evidence-url")) request.set("evidenceUrl", line.value("evidence-url"));
        EventOptions::apply(line, request);
        context.respond("attest", request, RecordRenderer(context.messages()));
        return EXIT_OK;
    }
};

const CommandRegistration<AttestCommand> registeredAttestCommand;

} // namespace

}
} // namespace sfe::host
