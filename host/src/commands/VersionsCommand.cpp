//
// VersionsCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence versions CODE`: the stored versions of a skill.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/VersionsRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Lists the stored versions of a skill, oldest first, marking the current one.
class VersionsCommand: public Command
{
public:
    std::string name() const override { return "versions"; }
    std::string summary() const override { return "list the stored versions of a skill and which one is current"; }
    std::vector<std::string> argumentNames() const override { return {"CODE"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override { options.addOption(jsonOption()); }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        request.set("skill", context.line().arguments().at(0));
        context.respond("versions", request, VersionsRenderer(context.messages()));
        return EXIT_OK;
    }
};

const CommandRegistration<VersionsCommand> registeredVersionsCommand;

} // namespace

}
} // namespace sfe::host
