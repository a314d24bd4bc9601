//
// SessionStore.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// The logged-in sessions of `serve`, by their random cookie id, with an idle timeout.
//

#include "web/SessionStore.h"

#include <Poco/Exception.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <vector>

namespace sfe {
namespace host {
namespace web {

SessionStore::SessionStore(Poco::Timespan idleTimeout):
    _idleTimeout(idleTimeout)
{}

Session SessionStore::open(const User& user)
{
    Session session;
    session.id = randomHex(32);
    session.user = user;
    session.csrfToken = randomHex(32);
    std::lock_guard<std::mutex> lock(_mutex);
    // Expired sessions go whenever someone logs in, so the map does not grow without bound.
    for (auto it = _sessions.begin(); it != _sessions.end();)
    {
        if (it->second.lastSeen.isElapsed(_idleTimeout.totalMicroseconds())) it = _sessions.erase(it);
        else ++it;
    }
    _sessions[session.id] = session;
    return session;
}

std::optional<Session> SessionStore::find(const std::string& id)
{
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _sessions.find(id);
    if (it == _sessions.end()) return std::nullopt;
    if (it->second.lastSeen.isElapsed(_idleTimeout.totalMicroseconds()))
    {
        _sessions.erase(it);
        return std::nullopt;
    }
    it->second.lastSeen.update();
    return it->second;
}

void SessionStore::close(const std::string& id)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _sessions.erase(id);
}

bool SessionStore::sameToken(const std::string& expected, const std::string& given)
{
    if (expected.empty() || given.size() != expected.size()) return false;
    return CRYPTO_memcmp(expected.data(), given.data(), expected.size()) == 0;
}

std::string SessionStore::randomHex(std::size_t bytes)
{
    std::vector<unsigned char> raw(bytes);
    if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1)
        throw Poco::SystemException("OpenSSL RAND_bytes failed");
    static const char* const kDigits = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes * 2);
    for (const unsigned char b : raw)
    {
        hex += kDigits[b >> 4];
        hex += kDigits[b & 0x0f];
    }
    return hex;
}

}
}
} // namespace sfe::host::web
