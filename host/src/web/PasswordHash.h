//
// PasswordHash.h
//
// Library: sfia-evidence (host)
// Package: web
//
// Password hashes for the web host's users: PBKDF2-SHA256 through OpenSSL.
//

#ifndef SFE_HOST_WEB_PASSWORDHASH_H
#define SFE_HOST_WEB_PASSWORDHASH_H

#include <string>

namespace sfe {
namespace host {
namespace web {

/// Makes and checks password hashes in the form `pbkdf2-sha256$ITERATIONS$SALT$HASH` (salt and
/// hash in base64): a random 16-byte salt, a 32-byte derived key. The iteration count travels with
/// the hash, so raising kIterations later leaves existing users able to log in.
class PasswordHash
{
public:
    static constexpr int kIterations = 310000;
    ///< OWASP's figure for PBKDF2-HMAC-SHA256 (2021); the brief asks for at least 200,000.

    static std::string make(const std::string& password);
    /// A new hash of `password` with a fresh random salt (OpenSSL RAND_bytes).
    /// Throws Poco::SystemException when OpenSSL fails.

    static bool matches(const std::string& password, const std::string& hash);
    /// Whether `password` is the one `hash` was made from. The derived keys are compared in
    /// constant time (CRYPTO_memcmp). A hash that is not in the form above never matches.

    static bool wellFormed(const std::string& hash);
    /// Whether `hash` has the form make() writes (for checking a users file as it is read).
};

}
}
} // namespace sfe::host::web

#endif
