//
// PrivacyExportCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence privacy export --learner ID`: everything the store holds about a person, as JSON.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "PrettyJson.h"

namespace sfe {
namespace host {

namespace {

/// Prints, as JSON, everything the store holds about a person: their evidence, what they
/// attested as an assessor, and the statements about them (for a data subject's access request).
class PrivacyExportCommand: public Command
{
public:
    std::string name() const override { return "privacy export"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.privacy.export"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("learner", "", "the person's LMS id (as learner, assessor or auditor)").argument("ID").required(true));
    }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        request.set("person", context.line().value("learner"));
        // The plugin's text indented as it comes (PrettyJson), not parsed: a person with many
        // records costs the text, not a DOM of it.
        PrettyJson::write(context.plugin().call("privacy.export", *context.envelope(request)), context.out());
        context.out() << '\n';
        return EXIT_OK;
    }
};

const CommandRegistration<PrivacyExportCommand> registration;

} // namespace

} } // namespace sfe::host
