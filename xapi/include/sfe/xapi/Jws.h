//
// Jws.h
//
// Library: sfe_xapi
// Package: xapi
//
// JSON Web Signatures (RFC 7515, compact form) with RS256, as xAPI signed statements use them.
//

#ifndef SFE_XAPI_JWS_H
#define SFE_XAPI_JWS_H

#include <Poco/Crypto/RSAKey.h>

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace xapi {

/// Signs and verifies compact JWS with RS256 (RSASSA-PKCS1-v1_5 with SHA-256). The payload is
/// signed exactly as given: the caller decides its bytes (for xAPI, the serialised statement).
class Jws
{
public:
    /// Returns header.payload.signature, all base64url without padding. The protected header is
    /// {"alg":"RS256"} plus "kid" when given and "x5c" (base64 DER certificates, leaf first) when given.
    /// Throws Poco::Exception when the key has no private part.
    static std::string signRs256(const std::string& payload, const Poco::Crypto::RSAKey& key,
                                 const std::string& keyId = "", const std::vector<std::string>& x5c = {});

    /// Verifies `jws` with `key` and returns its payload; empty when the form, the algorithm
    /// (anything but RS256) or the signature is wrong, and then `why` says which.
    static std::optional<std::string> verifyRs256(const std::string& jws, const Poco::Crypto::RSAKey& key,
                                                  std::string& why);

    static std::string base64Url(const std::string& bytes);
    static std::optional<std::string> fromBase64Url(const std::string& text);
};

}
} // namespace sfe::xapi

#endif
