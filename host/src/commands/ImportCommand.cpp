//
// ImportCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence import FILE`: stores a skill definition document.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "render/ImportRenderer.h"

namespace sfe {
namespace host {

namespace {

/// Imports a definition file. The plugin reads the file itself and names it in its messages as
/// the user typed it, so its "FILE:LINE:COL: problem" lines point at the right file.
class ImportCommand: public Command
{
public:
    std::string name() const override { return "import"; }
    std::string summary() const override { return "import a skill definition document (XML)"; }
    std::vector<std::string> argumentNames() const override { return {"FILE"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override { options.addOption(jsonOption()); }

    int run(CommandContext& context) const override
    {
        const std::string& file = context.line().arguments().at(0);
        Poco::JSON::Object request;
        request.set("path", file);
        const Poco::JSON::Object::Ptr response = context.call("import", request);
        if (context.line().has("json")) context.printJson(response);
        else ImportRenderer(file, context.messages(response.get())).render(*response, context.out());
        return EXIT_OK;
    }
};

const CommandRegistration<ImportCommand> registeredImportCommand;

} // namespace

}
} // namespace sfe::host
