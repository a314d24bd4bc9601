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
#include "render/LineRenderer.h"
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

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(jsonOption());
    }

    int run(CommandContext& context) const override
    {
        const auto& arguments = context.line().arguments();
        Poco::JSON::Object request;
        request.set("skill", arguments.at(0));
        request.set("version", arguments.at(1));
        context.respond("use", request, LineRenderer([](const Poco::JSON::Object& response) {
            Poco::JSON::Object::Ptr version = response.getObject("version");
            const std::string which = JsonFields::text(response, "skill") + " version " +
                                      JsonFields::text(*version, "version") + " (definition " +
                                      TextLayout::shortHash(JsonFields::text(*version, "definition")) + ")";
            if (JsonFields::text(response, "result") == "unchanged") return which + " is current already; nothing changed";
            std::string text = which + " is current now";
            const std::size_t flagged = JsonFields::size(response, "flaggedMappings");
            if (flagged > 0)
                text += "\nnote: " + std::to_string(flagged) + " activity mapping(s) rest on texts this version words "
                        "differently and need review (sfia-evidence mappings --skill " +
                        JsonFields::text(response, "skill") + ")";
            return text;
        }));
        return EXIT_OK;
    }
};

const CommandRegistration<UseCommand> registration;

} // namespace

} } // namespace sfe::host
