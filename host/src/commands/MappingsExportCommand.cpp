//
// MappingsExportCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence mappings export [--output FILE]`: writes the active mappings as CSV.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"

#include <Poco/FileStream.h>
#include <Poco/String.h>

namespace sfe {
namespace host {

namespace {

/// Exports the active mappings as the CSV `mappings import` reads (docs/cli.md, "mappings export").
class MappingsExportCommand: public Command
{
public:
    std::string name() const override { return "mappings export"; }
    std::string summary() const override { return "write the active mappings as CSV (to standard output or a file)"; }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("output", "", "write to FILE instead").argument("FILE"));
    }

    int run(CommandContext& context) const override
    {
        const Poco::JSON::Object::Ptr response = context.call("mappings.export", Poco::JSON::Object());
        const std::string csv = response->getValue<std::string>("csv");
        if (!context.line().has("output"))
        {
            context.out() << csv;
            return EXIT_OK;
        }
        const std::string path = context.line().value("output");
        try
        {
            Poco::FileOutputStream file(path);
            file << csv;
            file.close();
            if (!file.good()) throw Poco::WriteFileException(path);
        }
        catch (const Poco::FileException& e)
        {
            throw OutputException("mappings export: cannot write " + path + ": " + Poco::toLower(std::string(e.name())));
        }
        context.out() << context.messages().format("admin.csv.exported",
                                                   i18n::MessageArgs()
                                                       .set("path", path)
                                                       .set("rows", response->getValue<long long>("rows")))
                      << '\n';
        return EXIT_OK;
    }
};

const CommandRegistration<MappingsExportCommand> registration;

} // namespace

} } // namespace sfe::host
