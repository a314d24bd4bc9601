//
// EventFile.h
//
// Library: sfia-evidence (host)
// Package: host
//
// A JSON lines file of LMS events, read and checked before anything is sent.
//

#ifndef SFE_HOST_EVENTFILE_H
#define SFE_HOST_EVENTFILE_H

#include <Poco/JSON/Object.h>

#include "sfe/i18n/Messages.h"

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// The events of a JSON lines file, one event object per line as the `record` operation takes
/// them ({"type": "completion" | "attestation", ...}). Blank lines are skipped. Reading checks
/// the form of every line (JSON, an object, a known type); the plugin checks the content when
/// the events are recorded, and lineOf() leads its complaints back to the file.
class EventFile
{
public:
    struct Event
    {
        std::size_t line;                   ///< 1-based line number in the file
        Poco::JSON::Object::Ptr object;
    };

    static EventFile read(const std::string& path, const i18n::Messages& messages);
        /// Reads and checks the whole file. Throws InputException naming every bad line as
        /// "PATH:LINE: problem", or "PATH: cannot read the file: reason" when the file cannot be
        /// read, worded in `messages`.

    const std::string& path() const { return _path; }
    const std::vector<Event>& events() const { return _events; }

private:
    explicit EventFile(std::string path): _path(std::move(path)) {}

    std::string _path;
    std::vector<Event> _events;
};

} } // namespace sfe::host

#endif
