//
// EventOptions.h
//
// Library: sfia-evidence (host)
// Package: host
//
// The options every LMS event command shares: --at and --event-id.
//

#ifndef SFE_HOST_EVENTOPTIONS_H
#define SFE_HOST_EVENTOPTIONS_H

#include <Poco/JSON/Object.h>
#include <Poco/Util/OptionSet.h>

namespace sfe {
namespace host {

class CommandLine;

/// --at TIME and --event-id ID, for `complete`, `attest` and `withdraw`: how the command line
/// names an event's time and the id that makes sending it twice harmless.
class EventOptions
{
public:
    static void define(Poco::Util::OptionSet& options, bool withTime);
    /// Adds --event-id, and --at when `withTime`.

    static void apply(const CommandLine& line, Poco::JSON::Object& request);
    /// Copies them into the request as "eventId" and "at" when given.
};

}
} // namespace sfe::host

#endif
