//
// CoverageCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence coverage CODE [--json]`: which responsibilities the mapped activities develop.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/CoverageRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Shows, per level of a skill, the activities that develop each responsibility and the
/// responsibilities no activity develops yet.
class CoverageCommand: public Command
{
public:
    std::string name() const override { return "coverage"; }
    std::string summary() const override
    {
        return "show which activities develop each responsibility of a skill, and which none does";
    }
    std::vector<std::string> argumentNames() const override { return {"CODE"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(jsonOption());
    }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        request.set("skill", context.line().arguments().at(0));
        context.respond("coverage", request, CoverageRenderer());
        return EXIT_OK;
    }
};

const CommandRegistration<CoverageCommand> registration;

} // namespace

} } // namespace sfe::host
