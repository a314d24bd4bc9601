//
// DiffCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence diff CODE V1 V2`: the sentences two versions of a skill differ in.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/VersionsRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Compares two stored versions of a skill (by number or definition hash), level by level.
class DiffCommand: public Command
{
public:
    std::string name() const override { return "diff"; }
    std::string summary() const override
    {
        return "list the sentences added, changed and removed between two versions of a skill";
    }
    std::vector<std::string> argumentNames() const override { return {"CODE", "V1", "V2"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override { options.addOption(jsonOption()); }

    int run(CommandContext& context) const override
    {
        const auto& arguments = context.line().arguments();
        Poco::JSON::Object request;
        request.set("skill", arguments.at(0));
        request.set("from", arguments.at(1));
        request.set("to", arguments.at(2));
        context.respond("diff", request, DiffRenderer(context.messages()));
        return EXIT_OK;
    }
};

const CommandRegistration<DiffCommand> registeredDiffCommand;

} // namespace

}
} // namespace sfe::host
