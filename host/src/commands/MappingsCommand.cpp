//
// MappingsCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence mappings [--skill CODE] [--json]`: lists the active mappings.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/MappingsRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Lists the active mappings, of every skill or of one.
class MappingsCommand: public Command
{
public:
    std::string name() const override { return "mappings"; }
    std::string summary() const override { return "list the active activity mappings"; }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("skill", "", "only those of this skill").argument("CODE"));
        options.addOption(jsonOption());
    }

    int run(CommandContext& context) const override
    {
        Poco::JSON::Object request;
        if (context.line().has("skill")) request.set("skill", context.line().value("skill"));
        context.respond("mappings", request, MappingsRenderer(context.messages()));
        return EXIT_OK;
    }
};

const CommandRegistration<MappingsCommand> registration;

} // namespace

} } // namespace sfe::host
