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
#include "Pager.h"
#include "PluginSession.h"
#include "render/MappingsRenderer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

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
        // The plugin is asked a page at a time (Pager); the output is that of the whole list.
        if (context.line().has("json"))
        {
            printJson(context, request);
            return EXIT_OK;
        }
        const MappingsRenderer renderer(context.messages());
        const auto rows = [&](const Poco::JSON::Object& page, std::vector<std::vector<std::string>>& out) {
            Poco::JSON::Array::Ptr mappings = page.getArray("mappings");
            for (std::size_t i = 0; mappings && i < mappings->size(); ++i)
                out.push_back(renderer.row(*mappings->getObject(static_cast<unsigned>(i))));
        };
        if (Pager::printTable(
                context, "mappings", request, 0, [&](const Poco::JSON::Object&) { return renderer.header(); }, rows,
                context.out()) == 0)
            context.out() << context.messages().format("admin.mappings.none") << '\n';
        return EXIT_OK;
    }

private:
    static void printJson(CommandContext& context, const Poco::JSON::Object& request)
    {
        // Byte for byte as CommandContext::printJson prints a whole response {"mappings": [...]}:
        // each element is written as the only one of such a response, and cut out of it.
        static const std::string head = "{\n  \"mappings\": [", tail = "\n  ]\n}";
        std::ostream& out = context.out();
        out << head;
        std::size_t count = 0;
        std::string text;
        Pager pager(context, "mappings", request);
        while (pager.next(text))
        {
            Poco::JSON::Array::Ptr mappings = PluginSession::parse("mappings", text)->getArray("mappings");
            for (std::size_t i = 0; mappings && i < mappings->size(); ++i)
            {
                Poco::JSON::Object::Ptr one = new Poco::JSON::Object;
                Poco::JSON::Array::Ptr only = new Poco::JSON::Array;
                only->add(mappings->get(static_cast<unsigned>(i)));
                one->set("mappings", only);
                std::ostringstream element;
                Poco::JSON::Stringifier::stringify(one, element, 2);
                const std::string bytes = element.str();
                out << (count++ > 0 ? "," : "") << bytes.substr(head.size(), bytes.size() - head.size() - tail.size());
            }
        }
        // An empty array as Poco writes it: "[", two line breaks, "]".
        out << (count == 0 ? "\n" : "") << tail << '\n';
    }
};

const CommandRegistration<MappingsCommand> registeredMappingsCommand;

} // namespace

}
} // namespace sfe::host
