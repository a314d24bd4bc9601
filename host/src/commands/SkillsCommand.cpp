//
// SkillsCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence skills`: lists the current skills.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/SkillsRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Lists the current version of every imported skill.
class SkillsCommand: public Command
{
public:
    std::string name() const override { return "skills"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.skills"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override { options.addOption(jsonOption()); }

    int run(CommandContext& context) const override
    {
        context.respond("skills", Poco::JSON::Object(), SkillsRenderer(context.messages(), context.times()));
        return EXIT_OK;
    }
};

const CommandRegistration<SkillsCommand> registeredSkillsCommand;

} // namespace

}
} // namespace sfe::host
