//
// ReplayCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence replay FILE`: records the LMS events of a JSON lines file.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "EventFile.h"
#include "Exceptions.h"
#include "render/TextLayout.h"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>

#include <optional>

namespace sfe {
namespace host {

namespace {

/// Events per `record` call: one transaction each.
constexpr std::size_t kBatchSize = 500;

/// The 0-based index of the event the plugin's `record` refusal names: "event 3 (attest): ..."
/// counts from 1, "record events[2]: ..." from 0. Sets `rest` to the message after the prefix.
std::optional<std::size_t> eventIndex(const std::string& message, std::string& rest)
{
    struct Form
    {
        const char* prefix;
        const char* close; // what ends the index
        std::size_t base;
    };
    for (const Form form : {Form{"event ", " (", 1}, Form{"record events[", "]", 0}})
    {
        const std::string prefix(form.prefix);
        if (message.compare(0, prefix.size(), prefix) != 0) continue;
        const std::size_t close = message.find(form.close, prefix.size());
        const std::size_t colon = message.find(": ", prefix.size());
        unsigned index = 0;
        if (close == std::string::npos || colon == std::string::npos ||
            !Poco::NumberParser::tryParseUnsigned(message.substr(prefix.size(), close - prefix.size()), index) ||
            index < form.base)
            continue;
        rest = message.substr(colon + 2);
        return index - form.base;
    }
    return std::nullopt;
}

/// Records a file of LMS events (the `record` operation's event objects, one per line), as an LMS
/// would send them after an outage. Every line is checked first, so a malformed file sends
/// nothing; the events then go in batches of 500, each one transaction.
class ReplayCommand: public Command
{
public:
    std::string name() const override { return "replay"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.replay"); }
    std::vector<std::string> argumentNames() const override { return {"FILE"}; }

    int run(CommandContext& context) const override
    {
        // Every line is checked first (nothing kept), then the file is read again a batch at a
        // time: a file of any size costs one batch.
        const std::string path = context.line().arguments().at(0);
        const std::size_t total = EventFile::check(path, context.messages());
        EventFile::Batches batches(path, context.messages());
        std::vector<EventFile::Event> events;
        std::size_t recorded = 0, duplicates = 0, sent = 0;
        while (batches.next(events, kBatchSize))
        {
            Poco::JSON::Array::Ptr batch = new Poco::JSON::Array;
            for (const auto& event : events) batch->add(event.object);
            Poco::JSON::Object request;
            request.set("events", batch);
            Poco::JSON::Object::Ptr response;
            try
            {
                response = context.call("record", request);
            }
            catch (const PluginCallException& e)
            {
                throw PluginCallException(
                    refusal(context.messages(), path, events, sent > 0, e.message(), recorded, duplicates), e.code());
            }
            recorded += response->getValue<std::size_t>("recorded");
            duplicates += response->getValue<std::size_t>("duplicates");
            ++sent;
        }
        context.out() << context.messages().format("cli.replay.done", i18n::MessageArgs()
                                                                          .set("file", TextLayout::printable(path))
                                                                          .set("events", total)
                                                                          .set("batches", sent)
                                                                          .set("recorded", recorded)
                                                                          .set("duplicates", duplicates))
                      << '\n';
        return EXIT_OK;
    }

private:
    /// The plugin's refusal of the batch `events`, pointed at the file's line.
    static std::string refusal(const i18n::Messages& messages, const std::string& path,
                               const std::vector<EventFile::Event>& events, bool after, const std::string& message,
                               std::size_t recorded, std::size_t duplicates)
    {
        std::string rest;
        const auto index = eventIndex(message, rest);
        std::string text = index && *index < events.size()
                               ? path + ":" + std::to_string(events[*index].line) + ": " + rest
                               : path + ":" + std::to_string(events.front().line) + "-" +
                                     std::to_string(events.back().line) + ": " + message;
        text +=
            "\n" + messages.format("cli.replay.nothingRecorded", i18n::MessageArgs()
                                                                     .set("first", std::to_string(events.front().line))
                                                                     .set("last", std::to_string(events.back().line)));
        if (after)
            text += "; " + messages.format("cli.replay.before",
                                           i18n::MessageArgs().set("recorded", recorded).set("duplicates", duplicates));
        return text;
    }
};

const CommandRegistration<ReplayCommand> registeredReplayCommand;

} // namespace

}
} // namespace sfe::host
