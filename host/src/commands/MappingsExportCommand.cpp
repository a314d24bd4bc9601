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
#include "Pager.h"
#include "PluginSession.h"

#include <Poco/FileStream.h>
#include <Poco/String.h>

#include <functional>
#include <memory>

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
        if (!context.line().has("output"))
        {
            write(context, [&]() -> std::ostream& { return context.out(); });
            return EXIT_OK;
        }
        const std::string path = context.line().value("output");
        long long rows = 0;
        std::unique_ptr<Poco::FileOutputStream> file;
        try
        {
            // Opened once the first page is read: a refused export leaves no file behind.
            rows = write(context, [&]() -> std::ostream& {
                file = std::make_unique<Poco::FileOutputStream>(path);
                return *file;
            });
            file->close();
            if (!file->good()) throw Poco::WriteFileException(path);
        }
        catch (const Poco::FileException& e)
        {
            throw OutputException("mappings export: cannot write " + path + ": " +
                                  Poco::toLower(std::string(e.name())));
        }
        context.out() << context.messages().format("admin.csv.exported",
                                                   i18n::MessageArgs().set("path", path).set("rows", rows))
                      << '\n';
        return EXIT_OK;
    }

private:
    /// Writes the CSV a page at a time (the pages' texts in order are the file) and returns its rows.
    static long long write(CommandContext& context, const std::function<std::ostream&()>& open)
    {
        long long rows = 0;
        std::string text;
        std::ostream* out = nullptr;
        Pager pager(context, "mappings.export", Poco::JSON::Object());
        while (pager.next(text))
        {
            const Poco::JSON::Object::Ptr page = PluginSession::parse("mappings.export", text);
            if (!out) out = &open();
            *out << page->getValue<std::string>("csv");
            rows += page->getValue<long long>("rows");
        }
        return rows;
    }
};

const CommandRegistration<MappingsExportCommand> registeredMappingsExportCommand;

} // namespace

}
} // namespace sfe::host
