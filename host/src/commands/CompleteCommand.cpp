//
// CompleteCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence complete --learner ID --activity ACTIVITY ...`: records that a learner finished an activity.
//

#include "ChoiceValidator.h"
#include "CommandContext.h"
#include "CommandRegistry.h"
#include "EventOptions.h"
#include "Exceptions.h"
#include "render/RecordRenderer.h"

#include <Poco/NumberParser.h>

namespace sfe {
namespace host {

namespace {

/// The request's "score" for --score: "0.85" is scaled (-1..1), "85/100" is raw 85 of max 100,
/// min 0. The plugin checks the ranges; this only reads the notation. Throws UsageException,
/// worded in `messages`.
Poco::Dynamic::Var score(const std::string& text, const i18n::Messages& messages)
{
    double scaled = 0;
    if (Poco::NumberParser::tryParseFloat(text, scaled)) return scaled;
    const auto slash = text.find('/');
    double raw = 0, max = 0;
    if (slash == std::string::npos || !Poco::NumberParser::tryParseFloat(text.substr(0, slash), raw) ||
        !Poco::NumberParser::tryParseFloat(text.substr(slash + 1), max))
        throw UsageException(messages.format("cli.complete.score", i18n::MessageArgs().set("score", text)));
    Poco::JSON::Object::Ptr parts = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    parts->set("raw", raw);
    parts->set("min", 0);
    parts->set("max", max);
    return parts;
}

/// Records an LMS completion: one "learning contributed" evidence record per active mapping of
/// the activity, each with its xAPI statement.
class CompleteCommand: public Command
{
public:
    std::string name() const override { return "complete"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.complete"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("learner", "", "the learner's LMS id").argument("ID").required(true));
        options.addOption(
            Poco::Util::Option("activity", "", "the activity's LMS id or IRI").argument("ACTIVITY").required(true));
        options.addOption(
            Poco::Util::Option("score", "", "a scaled score from -1 to 1 (0.85), or RAW/MAX (85/100)").argument("S"));
        options.addOption(Poco::Util::Option("verb", "", "completed (default), passed or failed")
                              .argument("VERB")
                              .validator(new ChoiceValidator({"completed", "passed", "failed"})));
        EventOptions::define(options, true);
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        Poco::JSON::Object request(Poco::JSON_PRESERVE_KEY_ORDER);
        request.set("learner", line.value("learner"));
        request.set("activity", line.value("activity"));
        if (line.has("verb")) request.set("verb", line.value("verb"));
        if (line.has("score")) request.set("score", score(line.value("score"), context.messages()));
        EventOptions::apply(line, request);
        context.respond("complete", request, RecordRenderer(context.messages()));
        return EXIT_OK;
    }
};

const CommandRegistration<CompleteCommand> registeredCompleteCommand;

} // namespace

}
} // namespace sfe::host
