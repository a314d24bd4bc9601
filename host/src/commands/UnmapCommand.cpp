//
// UnmapCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence unmap ACTIVITY [--skill CODE] [--level N]` or `unmap --mapping ID`.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "render/JsonFields.h"
#include "render/LineRenderer.h"

#include <Poco/NumberParser.h>

namespace sfe {
namespace host {

namespace {

/// Removes mappings: all active ones of an activity (narrowed by skill and level), or one by its
/// id. The plugin marks them removed; evidence recorded through them keeps referring to them.
class UnmapCommand: public Command
{
public:
    std::string name() const override { return "unmap"; }
    std::string summary() const override
    {
        return "remove an activity's mappings (or, with --mapping, one mapping); evidence keeps them";
    }
    std::vector<std::string> argumentNames() const override { return {"[ACTIVITY]"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("skill", "", "only the mappings to this skill").argument("CODE"));
        options.addOption(levelOption("only the mappings to this level"));
        options.addOption(Poco::Util::Option("mapping", "", "the mapping's id, instead of ACTIVITY").argument("ID"));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        const bool byId = line.has("mapping");
        if (byId == !line.arguments().empty()) throw UsageException("unmap: give either ACTIVITY or --mapping ID");
        if (byId && (line.has("skill") || line.has("level")))
            throw UsageException("unmap: --skill and --level narrow an ACTIVITY's mappings, not --mapping");
        Poco::JSON::Object request;
        if (byId) request.set("mapping", line.value("mapping"));
        else
        {
            request.set("activity", line.arguments().at(0));
            if (line.has("skill")) request.set("skill", line.value("skill"));
            if (line.has("level")) request.set("level", Poco::NumberParser::parse(line.value("level")));
        }
        const i18n::Messages& messages = context.messages();
        context.respond(
            "unmap", request, LineRenderer([&messages](const Poco::JSON::Object& response) {
                Poco::JSON::Array::Ptr removed = response.getArray("removed");
                return messages.format(
                    "admin.unmap.removed",
                    i18n::MessageArgs().set("count", removed->size()).set("ids", JsonFields::joined(removed)));
            }));
        return EXIT_OK;
    }
};

const CommandRegistration<UnmapCommand> registeredUnmapCommand;

} // namespace

}
} // namespace sfe::host
