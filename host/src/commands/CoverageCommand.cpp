//
// CoverageCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence coverage CODE [--json] [--html FILE]`: what develops each responsibility of a skill.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "render/CoverageRenderer.h"

#include <Poco/FileStream.h>
#include <Poco/String.h>

namespace sfe {
namespace host {

namespace {

/// Shows, per level of a skill, every responsibility sentence with the activities that cover it,
/// those covering it only as part of the whole level, the gaps, and the mappings that need review;
/// as text, the plugin's JSON view, or the plugin's HTML page.
class CoverageCommand: public Command
{
public:
    std::string name() const override { return "coverage"; }
    std::string summary() const override
    {
        return "show per level every responsibility of a skill and the activities that cover it, the gaps, and the "
               "mappings that need review; --html FILE writes it as one page";
    }
    std::vector<std::string> argumentNames() const override { return {"CODE"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(jsonOption());
        options.addOption(
            Poco::Util::Option("html", "", "write the coverage as an HTML page to FILE and print its path")
                .argument("FILE"));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        if (line.has("json") && line.has("html"))
            throw UsageException("coverage: --json and --html exclude each other");
        Poco::JSON::Object request;
        request.set("skill", line.arguments().at(0));
        if (!line.has("html"))
        {
            const Poco::JSON::Object::Ptr coverage = context.call("coverage", request);
            if (line.has("json")) context.printJson(coverage);
            else CoverageRenderer(context.messages(coverage.get())).render(*coverage, context.out());
            return EXIT_OK;
        }
        request.set("format", "html");
        const Poco::JSON::Object::Ptr page = context.call("coverage", request);
        const std::string path = line.value("html");
        try
        {
            Poco::FileOutputStream file(path);
            file << page->getValue<std::string>("html");
            file.close();
            if (!file.good()) throw Poco::WriteFileException(path);
        }
        catch (const Poco::FileException& e)
        {
            throw OutputException("coverage: cannot write " + path + ": " + Poco::toLower(std::string(e.name())));
        }
        context.out() << path << '\n';
        return EXIT_OK;
    }
};

const CommandRegistration<CoverageCommand> registeredCoverageCommand;

} // namespace

}
} // namespace sfe::host
