//
// PullCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence pull [--since TIME]`: learning evidence from the statements already in the LRS.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "TimeArgument.h"
#include "render/ProgressBar.h"
#include "render/PullRenderer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/IntValidator.h>

#include <iostream>
#include <sstream>

namespace sfe {
namespace host {

namespace {

constexpr int kDefaultPageSize = 500;

/// Reads the configured LRS's statements from where the last pull ended (the plugin keeps the
/// cursor) and takes those that count in as learning evidence. It calls `pull` one page at a time
/// ({"pages": 1}, then {"next": ...} while the feed goes on), so the plugin holds one page, each
/// page is committed before the next is read, and a bar on a terminal shows the statements read.
/// What did not count is printed as each page comes; the totals at the end.
class PullCommand: public Command
{
public:
    std::string name() const override { return "pull"; }
    std::string summary() const override { return i18n::Messages::of("en").format("pull.command"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("since", "",
                                             "statements stored after T (a date, or RFC 3339 with a zone) instead of "
                                             "after the last pull")
                              .argument("T"));
        options.addOption(Poco::Util::Option("limit", "",
                                             "statements per page asked from the LRS (default " +
                                                 std::to_string(kDefaultPageSize) + ")")
                              .argument("N")
                              .validator(new Poco::Util::IntValidator(1, 10000)));
        options.addOption(jsonOption());
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        Poco::JSON::Object request;
        request.set("pages", 1);
        request.set("limit", line.has("limit") ? Poco::NumberParser::parse(line.value("limit")) : kDefaultPageSize);
        if (line.has("since")) request.set("since", TimeArgument::utc("since", line.value("since")));

        // What did not count is printed page by page (text lines, or the elements of the JSON
        // "skipped" array), so the CLI holds one page too, however long the feed.
        const bool json = line.has("json");
        const PullRenderer renderer(context.messages());
        std::ostream& out = context.out();
        if (json) out << "{\n  \"skipped\": [";
        std::size_t statements = 0, pages = 0, recorded = 0, evidence = 0, duplicates = 0, skipped = 0;
        Poco::JSON::Object::Ptr cursor;
        ProgressBar bar(std::cerr, context.messages().format("pull.progress"));
        while (true)
        {
            const Poco::JSON::Object::Ptr page = context.call("pull", request);
            statements += page->getValue<std::size_t>("statements");
            pages += page->getValue<std::size_t>("pages");
            recorded += page->getValue<std::size_t>("recorded");
            evidence += page->getValue<std::size_t>("evidence");
            duplicates += page->getValue<std::size_t>("duplicates");
            if (const auto list = page->getArray("skipped"); list && list->size() > 0)
            {
                if (bar.drawing()) std::cerr << "\r\x1b[K" << std::flush; // the lines go above the bar
                if (json)
                    for (std::size_t i = 0; i < list->size(); ++i)
                    {
                        out << (skipped + i ? ",\n    " : "\n    ");
                        Poco::JSON::Stringifier::stringify(list->get(static_cast<unsigned int>(i)), out);
                    }
                else renderer.skipped(*list, out);
                out.flush();
                skipped += list->size();
            }
            if (const auto c = page->getObject("cursor")) cursor = c;
            bar.update(statements + duplicates, 0);
            if (!page->has("next")) break;
            // The same query goes on where the LRS's `more` points.
            request.remove("since");
            request.set("next", page->getValue<std::string>("next"));
        }
        bar.finish();

        Poco::JSON::Object::Ptr total = new Poco::JSON::Object;
        total->set("statements", statements);
        total->set("pages", pages);
        total->set("recorded", recorded);
        total->set("evidence", evidence);
        total->set("duplicates", duplicates);
        if (cursor) total->set("cursor", cursor);
        if (json)
        {
            // The totals close the object the "skipped" array opened.
            std::ostringstream text;
            Poco::JSON::Stringifier::stringify(total, text, 2);
            out << (skipped ? "\n  ]," : "],") << text.str().substr(1) << '\n';
        }
        else renderer.summary(*total, skipped, out);
        return EXIT_OK;
    }
};

const CommandRegistration<PullCommand> registeredPullCommand;

} // namespace

}
} // namespace sfe::host
