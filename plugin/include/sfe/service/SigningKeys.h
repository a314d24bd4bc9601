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
/// certificate alone verifies, a key alone signs. The certificate file may hold more certificates
/// after the first: those of earlier keys (key rotation, `keys generate --force`), which verify the
/// checkpoints those keys signed. [thread-safe after construction]
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

    /// An earlier key, from a later certificate in the certificate file: verifies only.
    struct Previous
    {
        std::string keyId;
        std::string publicKeyPem;
        std::shared_ptr<Poco::Crypto::RSAKey> key;
    };
    const std::vector<Previous>& previous() const { return _previous; }

    /// Every certificate of the certificate file as PEM, the current one first; empty without one.
    const std::string& certificatesPem() const { return _certificatesPem; }

    /// Makes a self-signed pair for trying signing out: writes `dir`/signing-key.pem (mode 0600,
    /// created with O_EXCL|O_NOFOLLOW through a new file renamed into place) and
    /// `dir`/signing-cert.pem (valid one year, subject CN=`commonName`). Refuses (SFE_CONFLICT) when
    /// the key exists, unless `force`; refuses a symlink in the key's or certificate's place always.
    /// With `force`, the certificates already in signing-cert.pem are kept after the new one, so
    /// checkpoints signed by the old key still verify. Throws runtime::Error.
    static void generate(const std::string& dir, const std::string& commonName, bool force = false);

private:
    std::vector<Previous> _previous;
    std::string _certificatesPem;
    std::unique_ptr<Poco::Crypto::RSAKey> _key;
    bool _canSign = false;
    std::string _keyId;
    std::vector<std::string> _x5c;
    std::string _publicKeyPem;
};

}
} // namespace sfe::service

#endif
