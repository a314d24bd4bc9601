//
// ProgressCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence progress --learner ID [--skill CODE] [--explain] [--json] [--html FILE]`.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "render/ProgressRenderer.h"

#include <Poco/FileStream.h>
#include <Poco/String.h>

namespace sfe {
namespace host {

namespace {

/// Shows a learner's progress per skill and level, as text, the plugin's JSON, or the plugin's HTML
/// page (its `progress` with "format": "html"). Every text is the plugin's view or the catalog's.
class ProgressCommand: public Command
{
public:
    std::string name() const override { return "progress"; }
    std::string summary() const override
    {
        return "show a learner's progress by skill level: each responsibility's sentence and state, the activities "
               "and the next steps; --explain gives the reasons and the deciding evidence, --html FILE writes the "
               "learner's page";
    }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("learner", "", "the learner's LMS id").argument("ID").required(true));
        options.addOption(Poco::Util::Option("skill", "", "only this skill (default: the learner's skills, or all)")
                              .argument("CODE"));
        options.addOption(Poco::Util::Option("explain", "",
                                             "list per level the rule's reasons and the evidence records and "
                                             "statements that decide it"));
        options.addOption(jsonOption());
        options.addOption(Poco::Util::Option("html", "",
                                             "write the learner's page (HTML, from the plugin) to FILE and "
                                             "print its path")
                              .argument("FILE"));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        if (line.has("json") && line.has("html"))
            throw UsageException("progress: --json and --html exclude each other");
        Poco::JSON::Object request;
        request.set("learner", line.value("learner"));
        if (line.has("skill")) request.set("skill", line.value("skill"));
        if (line.has("html")) request.set("format", "html");
        else request.set("explain", line.has("explain"));
        const Poco::JSON::Object::Ptr progress = context.call("progress", request);
        if (line.has("json"))
        {
            context.printJson(progress);
            return EXIT_OK;
        }
        if (!line.has("html"))
        {
            ProgressRenderer(context.messages(progress.get()), context.times(progress.get()), line.has("explain"))
                .render(*progress, context.out());
            return EXIT_OK;
        }
        const std::string path = line.value("html");
        try
        {
            Poco::FileOutputStream file(path);
            file << progress->getValue<std::string>("html");
            file.close();
            if (!file.good()) throw Poco::WriteFileException(path);
        }
        catch (const Poco::FileException& e)
        {
            throw OutputException("progress: cannot write " + path + ": " + Poco::toLower(std::string(e.name())));
        }
        context.out() << path << '\n';
        return EXIT_OK;
    }
};

const CommandRegistration<ProgressCommand> registeredProgressCommand;

} // namespace

}
} // namespace sfe::host
