//
// UseCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence use CODE VERSION`: makes a stored version of a skill current again.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/JsonFields.h"
#include "render/ImportRenderer.h"
#include "render/TextLayout.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

namespace {

/// Makes an earlier (or later) stored version of a skill current, explicitly; mappings are
/// reviewed as after an import.
class UseCommand: public Command
{
public:
    std::string name() const override { return "use"; }
    std::string summary() const override
    {
        return "make a stored version of a skill current (VERSION: its number or definition hash)";
    }
    std::vector<std::string> argumentNames() const override { return {"CODE", "VERSION"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override { options.addOption(jsonOption()); }

    int run(CommandContext& context) const override
    {
        const auto& arguments = context.line().arguments();
        Poco::JSON::Object request;
        request.set("skill", arguments.at(0));
        request.set("version", arguments.at(1));
        const Poco::JSON::Object::Ptr response = context.call("use", request);
        if (context.line().has("json"))
        {
            context.printJson(response);
            return EXIT_OK;
        }
        const i18n::Messages& messages = context.messages(response.get());
        Poco::JSON::Object::Ptr version = response->getObject("version");
        const std::string which =
            messages.format("admin.use.version",
                            i18n::MessageArgs()
                                .set("skill", JsonFields::text(*response, "skill"))
                                .set("version", JsonFields::text(*version, "version"))
                                .set("definition", TextLayout::shortHash(JsonFields::text(*version, "definition"))));
        const bool unchanged = JsonFields::text(*response, "result") == "unchanged";
        context.out() << messages.format(unchanged ? "admin.use.unchanged" : "admin.use.current",
                                         i18n::MessageArgs().set("which", which))
                      << '\n';
        ImportRenderer::flagged(messages, *response, context.out()); // what this version makes to review
        return EXIT_OK;
    }
};

const CommandRegistration<UseCommand> registeredUseCommand;

} // namespace

}
} // namespace sfe::host
