//
// EvidenceCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence evidence [filters] [--json]`: lists evidence records (the auditor's search).
//

#include "ChoiceValidator.h"
#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Pager.h"
#include "TimeArgument.h"
#include "render/EvidenceRenderer.h"

#include <Poco/NumberParser.h>
#include <Poco/Util/IntValidator.h>

#include <climits>
#include <memory>

namespace sfe {
namespace host {

namespace {

/// Lists evidence records in recording order, withdrawn ones included, filtered by the options
/// (the plugin filters in its query: learner, assessor, skill, level, kind, state, period).
/// --json prints the plugin's array of records.
class EvidenceCommand: public Command
{
public:
    std::string name() const override { return "evidence"; }
    std::string summary() const override { return "list evidence records (withdrawn ones too), oldest first"; }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("learner", "", "only this learner's").argument("ID"));
        options.addOption(Poco::Util::Option("skill", "", "only for this skill").argument("CODE"));
        options.addOption(levelOption("only for this level"));
        options.addOption(Poco::Util::Option("assessor", "", "only those this assessor attested").argument("ID"));
        options.addOption(Poco::Util::Option("kind", "", "learning or demonstrated")
                              .argument("K")
                              .validator(new ChoiceValidator({"learning", "demonstrated"})));
        options.addOption(Poco::Util::Option("state", "", "active, verified (by an auditor) or withdrawn")
                              .argument("S")
                              .validator(new ChoiceValidator({"active", "verified", "withdrawn"})));
        options.addOption(
            Poco::Util::Option("from", "", "only those that happened at or after T (a date, or RFC 3339 with a zone)")
                .argument("T"));
        options.addOption(
            Poco::Util::Option("to", "", "only those that happened before T (a date, or RFC 3339 with a zone)")
                .argument("T"));
        options.addOption(Poco::Util::Option("limit", "", "at most N records")
                              .argument("N")
                              .validator(new Poco::Util::IntValidator(1, INT_MAX)));
        options.addOption(Poco::Util::Option("offset", "", "skip the first N records")
                              .argument("N")
                              .validator(new Poco::Util::IntValidator(0, INT_MAX)));
        options.addOption(Poco::Util::Option("json", "", "print the plugin's array of evidence records"));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        Poco::JSON::Object request;
        for (const char* text : {"learner", "skill", "assessor", "kind", "state"})
        {
            if (line.has(text)) request.set(text, line.value(text));
        }
        for (const char* time : {"from", "to"})
        {
            if (line.has(time)) request.set(time, TimeArgument::utc(time, line.value(time)));
        }
        for (const char* number : {"level", "offset"})
        {
            if (line.has(number)) request.set(number, Poco::NumberParser::parse(line.value(number)));
        }
        // --limit is the whole listing's; the plugin is asked a page at a time (Pager).
        const std::size_t most = line.has("limit") ? Poco::NumberParser::parseUnsigned(line.value("limit")) : 0;
        if (most > 0 && most < Pager::kPageSize) request.set("limit", static_cast<int>(most));
        if (line.has("json"))
        {
            Pager::printJson(context, "evidence", request, "evidence", most, context.out());
            return EXIT_OK;
        }
        std::unique_ptr<EvidenceRenderer> renderer;
        const i18n::Messages* messages = &context.messages();
        const auto header = [&](const Poco::JSON::Object& first) {
            // The texts in the language of the first page (its "lang").
            messages = &context.messages(&first);
            renderer = std::make_unique<EvidenceRenderer>(*messages);
            return renderer->header();
        };
        const auto rows = [&](const Poco::JSON::Object& page, std::vector<std::vector<std::string>>& out) {
            Poco::JSON::Array::Ptr records = page.getArray("evidence");
            for (std::size_t i = 0; records && i < records->size(); ++i)
                out.push_back(renderer->row(*records->getObject(static_cast<unsigned>(i))));
        };
        if (Pager::printTable(context, "evidence", request, most, header, rows, context.out()) == 0)
            context.out() << messages->format("evidence.list.none") << '\n';
        return EXIT_OK;
    }
};

const CommandRegistration<EvidenceCommand> registeredEvidenceCommand;

} // namespace

}
} // namespace sfe::host
