//
// MappingsImportCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence mappings import FILE [--dry-run]`: maps the activities a CSV file lists.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "render/MappingsImportRenderer.h"

#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/TextIterator.h>
#include <Poco/UTF8Encoding.h>

namespace sfe {
namespace host {

namespace {

/// Imports mappings from CSV (docs/cli.md, "mappings import"). The CLI passes the file's text and
/// name; the plugin checks every record and reports each problem as FILE:LINE:COL, writing nothing
/// unless all records are right.
class MappingsImportCommand: public Command
{
public:
    std::string name() const override { return "mappings import"; }
    std::string summary() const override
    {
        return "map the activities of a CSV file (header: activity,name,type,skill,level,responsibilities,review)";
    }
    std::vector<std::string> argumentNames() const override { return {"FILE"}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("dry-run", "", "say what would change, change nothing"));
        options.addOption(jsonOption());
    }

    int run(CommandContext& context) const override
    {
        const std::string& file = context.line().arguments().at(0);
        std::string text;
        try
        {
            Poco::FileInputStream in(file);
            Poco::StreamCopier::copyToString(in, text);
        }
        catch (const Poco::FileException& e)
        {
            throw InputException(file + ": cannot read the file: " + Poco::toLower(std::string(e.name())));
        }
        checkUtf8(file, text);
        Poco::JSON::Object request;
        request.set("csv", text);
        request.set("file", file);
        request.set("dryRun", context.line().has("dry-run"));
        context.respond("mappings.import", request, MappingsImportRenderer(context.messages()));
        return EXIT_OK;
    }

private:
    /// A request carries text, so bytes that are not UTF-8 cannot reach the plugin to be located
    /// there: the CLI names the first of them as FILE:LINE:COL (columns count characters).
    static void checkUtf8(const std::string& file, const std::string& text)
    {
        Poco::UTF8Encoding utf8;
        Poco::TextIterator it(text, utf8), end(text);
        int line = 1, column = 1;
        for (; it != end; ++it)
        {
            const int c = *it;
            if (c < 0)
                throw InputException(file + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                     ": the text is not valid UTF-8 here");
            if (c == '\n')
            {
                ++line;
                column = 1;
            }
            else ++column;
        }
    }
};

const CommandRegistration<MappingsImportCommand> registeredMappingsImportCommand;

} // namespace

}
} // namespace sfe::host
