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
#include "render/JsonFields.h"
#include "render/LineRenderer.h"
#include "render/TextLayout.h"

namespace sfe {
namespace host {

namespace {

/// Erases a person: the plugin replaces their id by a pseudonym in their evidence, in what they
/// attested and in the statements, and drops their free texts; the audit log still verifies.
class PrivacyEraseCommand: public Command
{
public:
    std::string name() const override { return "privacy erase"; }
    std::string summary() const override
    {
        return "erase a person: their id becomes a pseudonym everywhere, their notes are removed (the audit log still "
               "verifies)";
    }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("learner", "", "the person's LMS id (as learner, assessor or auditor)").argument("ID").required(true));
    }

    int run(CommandContext& context) const override
    {
        const std::string person = context.line().value("learner");
        Poco::JSON::Object request;
        request.set("person", person);
        context.respond("privacy.erase", request, LineRenderer([person](const Poco::JSON::Object& response) {
            return "erased " + person + ": now " + JsonFields::text(response, "pseudonym") + " in "
                + TextLayout::counted(response.getValue<std::size_t>("evidence"), "evidence record") + ", "
                + TextLayout::counted(response.getValue<std::size_t>("attested"), "attestation") + " by them and "
                + TextLayout::counted(response.getValue<std::size_t>("statements"), "statement");
        }));
        return EXIT_OK;
    }
};

const CommandRegistration<PrivacyEraseCommand> registration;

} // namespace

} } // namespace sfe::host
