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
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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

std::string publicPem(EVP_PKEY* pkey)
{
    Bio pub(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PUBKEY(pub.get(), pkey);
    return bioText(pub.get());
}

/// SHA-256 (hex) of the key's SubjectPublicKeyInfo DER.
std::string keyIdOf(EVP_PKEY* pkey)
{
    unsigned char* der = nullptr;
    const int n = i2d_PUBKEY(pkey, &der);
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(der, static_cast<unsigned>(n));
    OPENSSL_free(der);
    return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string certificateText(X509* cert)
{
    Bio out(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_X509(out.get(), cert);
    return bioText(out.get());
}

bool isSymlink(const std::string& path)
{
    struct stat st;
    return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

bool exists(const std::string& path)
{
    struct stat st;
    return ::lstat(path.c_str(), &st) == 0;
}

/// Writes `bytes` to a new file `path` (O_EXCL|O_NOFOLLOW, `mode`): never into an existing file or
/// through a symlink an attacker placed there.
void writeNew(const std::string& path, const std::string& bytes, mode_t mode)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) throw runtime::Error::invalid("keys: cannot create " + path + ": " + std::strerror(errno));
    std::size_t done = 0;
    while (done < bytes.size())
    {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
        {
            ::close(fd);
            ::unlink(path.c_str());
            throw runtime::Error::invalid("keys: cannot write " + path);
        }
        done += static_cast<std::size_t>(n);
    }
    ::fchmod(fd, mode); // whatever the umask
    const bool synced = ::fsync(fd) == 0;
    if (::close(fd) != 0 || !synced)
    {
        ::unlink(path.c_str());
        throw runtime::Error::invalid("keys: cannot write " + path);
    }
}

/// Puts `bytes` at `path` through a new file renamed into place (rename replaces a symlink itself,
/// never what it points to).
void replaceWith(const std::string& path, const std::string& bytes, mode_t mode)
{
    const std::string fresh = path + ".new";
    ::unlink(fresh.c_str()); // a leftover of a run that died (a symlink is removed, not followed)
    writeNew(fresh, bytes, mode);
    if (::rename(fresh.c_str(), path.c_str()) != 0)
    {
        ::unlink(fresh.c_str());
        throw runtime::Error::invalid("keys: cannot write " + path + ": " + std::strerror(errno));
    }
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
        _certificatesPem = certificateText(cert.get());
        // Certificates of earlier keys follow the current one (key rotation).
        while (Cert older{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free})
        {
            Pkey olderKey(X509_get_pubkey(older.get()), &EVP_PKEY_free);
            if (!olderKey || EVP_PKEY_get_base_id(olderKey.get()) != EVP_PKEY_RSA)
                throw runtime::Error::config("audit.signing_cert: a certificate in " + certificatePem +
                                             " after the first has no RSA key");
            Previous p;
            p.publicKeyPem = publicPem(olderKey.get());
            p.keyId = keyIdOf(olderKey.get());
            std::istringstream in(p.publicKeyPem);
            p.key = std::make_shared<Poco::Crypto::RSAKey>(&in);
            _previous.push_back(std::move(p));
            _certificatesPem += certificateText(older.get());
        }
        ERR_clear_error(); // the end of the file ends the loop with a "no start line" error
    }
    if (!pkey) throw runtime::Error::config("audit.signing_key or audit.signing_cert must name a file");

    _publicKeyPem = publicPem(pkey.get());
    _keyId = keyIdOf(pkey.get());

    std::istringstream pubIn(_publicKeyPem);
    if (_canSign)
    {
        Bio priv(BIO_new(BIO_s_mem()), &BIO_free);
        PEM_write_bio_PrivateKey(priv.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr);
        std::istringstream privIn(bioText(priv.get()));
        _key = std::make_unique<Poco::Crypto::RSAKey>(&pubIn, &privIn, "");
    }
    else _key = std::make_unique<Poco::Crypto::RSAKey>(&pubIn);
}

void SigningKeys::generate(const std::string& dir, const std::string& commonName, bool force)
{
    const std::string keyPath = Poco::Path(dir, "signing-key.pem").toString();
    const std::string certPath = Poco::Path(dir, "signing-cert.pem").toString();
    for (const std::string& path : {keyPath, certPath})
        if (isSymlink(path))
            throw runtime::Error::invalid("keys: " + path +
                                          " is a symbolic link: refusing to write through it "
                                          "(remove it, or choose another folder)");
    if (exists(keyPath) && !force)
        throw runtime::Error::conflict("keys: " + dir +
                                       " holds a signing key already (signing-key.pem): checkpoints "
                                       "it signed need its certificate; to replace the key, run again with --force "
                                       "(the old certificate is kept in signing-cert.pem)");
    try
    {
        if (!Poco::File(dir).exists())
        {
            Poco::File(dir).createDirectories();
            ::chmod(dir.c_str(), 0700);
        }
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error::invalid("keys: cannot create " + dir + ": " + e.message());
    }

    // The certificates already here stay, after the new one: checkpoints signed with the old key
    // must still verify (`audit verify`, and the export bundle carries them all).
    std::string kept;
    if (force && exists(certPath))
    {
        Bio in = readFile(certPath, "keys");
        while (Cert old{PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr), &X509_free})
            kept += certificateText(old.get());
        ERR_clear_error();
        if (kept.empty())
            throw runtime::Error::invalid("keys: " + certPath +
                                          " holds no PEM certificate: refusing to replace it "
                                          "(move it away first)");
    }

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

    Bio priv(BIO_new(BIO_s_mem()), &BIO_free);
    if (!PEM_write_bio_PrivateKey(priv.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr))
        throw runtime::Error(1, "keys: OpenSSL could not write the key");
    // The certificate first: a key without its certificate would sign checkpoints nobody can check.
    replaceWith(certPath, certificateText(cert.get()) + kept, 0644);
    replaceWith(keyPath, bioText(priv.get()), 0600);
}

}
} // namespace sfe::service
