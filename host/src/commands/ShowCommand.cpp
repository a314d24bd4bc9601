//
// ShowCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence show CODE [--level N] [--json]`: shows a skill or one of its levels.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/ShowRenderer.h"

#include <Poco/NumberParser.h>
#include <Poco/Util/IntValidator.h>

namespace sfe {
namespace host {

namespace {

/// Shows a skill in its current version: every level, or the one --level names.
class ShowCommand: public Command
{
public:
    std::string name() const override { return "show"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.show"); }
    std::vector<std::string> argumentNames() const override { return {"CODE"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("level", "", "show only level N (1-7)")
                              .argument("N")
                              .validator(new Poco::Util::IntValidator(1, 7)));
        options.addOption(jsonOption());
    }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        request.set("code", context.line().arguments().at(0));
        const bool wholeSkill = !context.line().has("level");
        if (!wholeSkill) request.set("level", Poco::NumberParser::parse(context.line().value("level")));
        // Called first: without --lang or ui.language, the labels follow the definition's language.
        const Poco::JSON::Object::Ptr response = context.call("show", request);
        if (context.line().has("json")) context.printJson(response);
        else ShowRenderer(context.messages(response.get()), wholeSkill).render(*response, context.out());
        return EXIT_OK;
    }
};

const CommandRegistration<ShowCommand> registeredShowCommand;

} // namespace

}
} // namespace sfe::host
