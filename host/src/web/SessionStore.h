//
// SessionStore.h
//
// Library: sfia-evidence (host)
// Package: web
//
// The logged-in sessions of `serve`, by their random cookie id, with an idle timeout.
//

#ifndef SFE_HOST_WEB_SESSIONSTORE_H
#define SFE_HOST_WEB_SESSIONSTORE_H

#include "web/UserFile.h"

#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace sfe {
namespace host {
namespace web {

/// A session: who logged in, and the token every POST of theirs must carry (CSRF).
struct Session
{
    std::string id; ///< the cookie's value: 32 random bytes, hex
    User user;
    std::string csrfToken; ///< 32 random bytes, hex; a different value from the id
    Poco::Timestamp lastSeen;
};

/// Sessions live in memory: a restart logs everyone out, which is what a reference host should
/// do. A session unused for longer than the idle timeout is gone (find() removes it); ids and
/// tokens come from OpenSSL's RAND_bytes. Thread-safe: the server's threads share one store.
class SessionStore
{
public:
    explicit SessionStore(Poco::Timespan idleTimeout);

    Session open(const User& user);
    /// A new session for `user` (a fresh id on every login, so an id known before the login
    /// is worth nothing after it).

    std::optional<Session> find(const std::string& id);
    /// The session `id`, touched (its idle time starts again), or nothing when there is none
    /// or it has expired.

    void close(const std::string& id);

    static bool sameToken(const std::string& expected, const std::string& given);
    /// Compares a CSRF token in constant time.

    static std::string randomHex(std::size_t bytes);

private:
    Poco::Timespan _idleTimeout;
    std::mutex _mutex;
    std::map<std::string, Session> _sessions;
};

}
}
} // namespace sfe::host::web

#endif
