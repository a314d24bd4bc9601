//
// EventOptions.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// The options every LMS event command shares: --at and --event-id.
//

#include "EventOptions.h"

#include "CommandLine.h"

namespace sfe {
namespace host {

void EventOptions::define(Poco::Util::OptionSet& options, bool withTime)
{
    if (withTime)
        options.addOption(
            Poco::Util::Option("at", "", "when it happened, RFC 3339 with a zone (default: now)").argument("TIME"));
    options.addOption(Poco::Util::Option("event-id", "",
                                         "the LMS's id of the event; the same id again records nothing "
                                         "(default: a new random id)")
                          .argument("ID"));
}

void EventOptions::apply(const CommandLine& line, Poco::JSON::Object& request)
{
    if (line.has("event-id")) request.set("eventId", line.value("event-id"));
    if (line.has("at")) request.set("at", line.value("at"));
}

}
} // namespace sfe::host
