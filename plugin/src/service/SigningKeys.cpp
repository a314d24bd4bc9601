//
// SigningKeys.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/SigningKeys.h"

#include "sfe/runtime/Error.h"

#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/SHA2Engine.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <sys/stat.h>

#include <cstdio>
#include <sstream>

namespace sfe {
namespace service {

namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Pkey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

std::string bioText(BIO* bio)
{
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

std::string base64(const unsigned char* bytes, int n)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(reinterpret_cast<const char*>(bytes), n);
    encoder.close();
    return out.str();
}

Bio readFile(const std::string& path, const std::string& key)
{
    Bio bio(BIO_new_file(path.c_str(), "r"), &BIO_free);
    if (!bio) throw runtime::Error::config(key + ": cannot read " + path);
    return bio;
}

} // namespace

SigningKeys::SigningKeys(const std::string& privateKeyPem, const std::string& certificatePem)
{
    Pkey pkey(nullptr, &EVP_PKEY_free);
    if (!privateKeyPem.empty())
    {
        Bio bio = readFile(privateKeyPem, "audit.signing_key");
        pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
        if (!pkey || EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_RSA)
            throw runtime::Error::config("audit.signing_key: " + privateKeyPem + " is not a PEM RSA private key");
        _canSign = true;
    }
    if (!certificatePem.empty())
    {
        Bio bio = readFile(certificatePem, "audit.signing_cert");
        Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
        if (!cert) throw runtime::Error::config("audit.signing_cert: " + certificatePem + " is not a PEM certificate");
        unsigned char* der = nullptr;
        const int n = i2d_X509(cert.get(), &der);
        _x5c.push_back(base64(der, n));
        OPENSSL_free(der);
        Pkey certKey(X509_get_pubkey(cert.get()), &EVP_PKEY_free);
        if (pkey && EVP_PKEY_eq(pkey.get(), certKey.get()) != 1)
            throw runtime::Error::config("audit.signing_cert: " + certificatePem + " does not belong to the key " +
                                         privateKeyPem);
        if (!pkey) pkey = std::move(certKey);
    }
    if (!pkey) throw runtime::Error::config("audit.signing_key or audit.signing_cert must name a file");

    Bio pub(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PUBKEY(pub.get(), pkey.get());
    _publicKeyPem = bioText(pub.get());
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(pkey.get(), &der);
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(der, static_cast<unsigned>(n));
    OPENSSL_free(der);
    _keyId = Poco::DigestEngine::digestToHex(sha.digest());

    std::istringstream pubIn(_publicKeyPem);
    if (_canSign)
    {
        Bio priv(BIO_new(BIO_s_mem()), &BIO_free);
        PEM_write_bio_PrivateKey(priv.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr);
        std::istringstream privIn(bioText(priv.get()));
        _key = std::make_unique<Poco::Crypto::RSAKey>(&pubIn, &privIn, "");
    }
    else
        _key = std::make_unique<Poco::Crypto::RSAKey>(&pubIn);
}

void SigningKeys::generate(const std::string& dir, const std::string& commonName)
{
    try { Poco::File(dir).createDirectories(); }
    catch (const Poco::Exception& e) { throw runtime::Error::invalid("keys: cannot create " + dir + ": " + e.message()); }

    Pkey pkey(EVP_RSA_gen(2048), &EVP_PKEY_free);
    Cert cert(X509_new(), &X509_free);
    if (!pkey || !cert) throw runtime::Error(1, "keys: OpenSSL could not make an RSA key");
    X509_set_version(cert.get(), 2);
    unsigned char serial[8];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 365L * 24 * 3600);
    X509_set_pubkey(cert.get(), pkey.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(commonName.c_str()),
                               -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (X509_sign(cert.get(), pkey.get(), EVP_sha256()) == 0)
        throw runtime::Error(1, "keys: OpenSSL could not sign the certificate");

    const std::string keyPath = Poco::Path(dir, "signing-key.pem").toString();
    const std::string certPath = Poco::Path(dir, "signing-cert.pem").toString();
    {
        const mode_t old = umask(077);  // the private key is readable by its owner only
        Bio out(BIO_new_file(keyPath.c_str(), "w"), &BIO_free);
        umask(old);
        if (!out || !PEM_write_bio_PrivateKey(out.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr))
            throw runtime::Error::invalid("keys: cannot write " + keyPath);
    }
    Bio out(BIO_new_file(certPath.c_str(), "w"), &BIO_free);
    if (!out || !PEM_write_bio_X509(out.get(), cert.get()))
        throw runtime::Error::invalid("keys: cannot write " + certPath);
}

} } // namespace sfe::service
