//
// SigningKeys.h
//
// Library: sfe_core
// Package: service
//
// The key pair that signs checkpoints (and statements), from the PEM files the configuration names.
//

#ifndef SFE_SERVICE_SIGNINGKEYS_H
#define SFE_SERVICE_SIGNINGKEYS_H

#include <Poco/Crypto/RSAKey.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// An RSA key pair and, optionally, its X.509 certificate. Loaded from audit.signing_key (a PEM
/// private key) and audit.signing_cert (a PEM certificate); either may be given alone: a
/// certificate alone verifies, a key alone signs. [thread-safe after construction]
class SigningKeys
{
public:
    /// Throws runtime::Error (SFE_CONFIG) naming the file that cannot be read or parsed, or when
    /// key and certificate do not belong together.
    SigningKeys(const std::string& privateKeyPem, const std::string& certificatePem);

    bool canSign() const { return _canSign; }
    const Poco::Crypto::RSAKey& key() const { return *_key; }

    /// SHA-256 (hex) of the public key's DER (SubjectPublicKeyInfo): names the key in checkpoints.
    const std::string& keyId() const { return _keyId; }

    /// The certificate as base64 DER, for a JWS x5c header; empty without a certificate.
    const std::vector<std::string>& x5c() const { return _x5c; }

    /// The public key as PEM (SubjectPublicKeyInfo, "BEGIN PUBLIC KEY"), for export bundles.
    const std::string& publicKeyPem() const { return _publicKeyPem; }

    /// Makes a self-signed pair for trying signing out: writes `dir`/signing-key.pem (mode 0600)
    /// and `dir`/signing-cert.pem (valid one year, subject CN=`commonName`). Throws runtime::Error.
    static void generate(const std::string& dir, const std::string& commonName);

private:
    std::unique_ptr<Poco::Crypto::RSAKey> _key;
    bool _canSign = false;
    std::string _keyId;
    std::vector<std::string> _x5c;
    std::string _publicKeyPem;
};

} } // namespace sfe::service

#endif
