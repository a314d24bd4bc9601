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

#include <functional>
#include <istream>
#include <memory>
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
        std::size_t line; ///< 1-based line number in the file
        Poco::JSON::Object::Ptr object;
    };

    static EventFile read(const std::string& path, const i18n::Messages& messages);
    /// Reads and checks the whole file. Throws InputException naming every bad line as
    /// "PATH:LINE: problem", or "PATH: cannot read the file: reason" when the file cannot be
    /// read, worded in `messages`.

    static std::size_t check(const std::string& path, const i18n::Messages& messages);
    /// Checks the whole file as read() does, keeping none of it; returns how many events it
    /// holds. With Batches, a file of any size is replayed a batch at a time.

    /// The events of a file a batch at a time, read as they are asked for (after check()).
    class Batches
    {
    public:
        Batches(const std::string& path, const i18n::Messages& messages);

        bool next(std::vector<Event>& batch, std::size_t size);
        /// Sets `batch` to the next (at most) `size` events; false when none are left. Throws
        /// InputException as read() does if a line is bad (the file changed since check()).

    private:
        std::string _path;
        const i18n::Messages& _messages;
        std::unique_ptr<std::istream> _in;
        std::size_t _line = 0;
    };

    const std::string& path() const { return _path; }
    const std::vector<Event>& events() const { return _events; }

private:
    explicit EventFile(std::string path):
        _path(std::move(path))
    {}

    /// Reads lines of `in` until `onEvent` returns false or the file ends, counting them in
    /// `line`; appends each bad line's problem to `problems`. Throws InputException when the
    /// file cannot be read.
    static void scan(std::istream& in, const std::string& path, const i18n::Messages& messages, std::size_t& line,
                     std::string& problems, const std::function<bool(Event&&)>& onEvent);
    static std::unique_ptr<std::istream> open(const std::string& path, const i18n::Messages& messages);
    [[noreturn]] static void unreadable(const std::string& path, const i18n::Messages& messages,
                                        const Poco::Exception& e);

    std::string _path;
    std::vector<Event> _events;
};

}
} // namespace sfe::host

#endif
