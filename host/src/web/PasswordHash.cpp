//
// PasswordHash.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// Password hashes for the web host's users: PBKDF2-SHA256 through OpenSSL.
//

#include "web/PasswordHash.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>
#include <Poco/StringTokenizer.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <sstream>
#include <vector>

namespace sfe {
namespace host {
namespace web {

namespace {

const char* const kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;
constexpr int kMinIterations = 200000;   // below this a stored hash is refused as too weak
constexpr int kMaxIterations = 10000000; // above this a login would take minutes: not ours

std::string base64(const std::vector<unsigned char>& bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    encoder.close();
    return out.str();
}

bool unbase64(const std::string& text, std::vector<unsigned char>& bytes)
{
    try
    {
        std::istringstream in(text);
        Poco::Base64Decoder decoder(in);
        std::string raw;
        Poco::StreamCopier::copyToString(decoder, raw);
        bytes.assign(raw.begin(), raw.end());
        return !bytes.empty();
    }
    catch (const Poco::Exception&)
    {
        return false;
    }
}

std::vector<unsigned char> derive(const std::string& password, const std::vector<unsigned char>& salt, int iterations,
                                  std::size_t length)
{
    std::vector<unsigned char> key(length);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(key.size()),
                          key.data()) != 1)
        throw Poco::SystemException("OpenSSL PKCS5_PBKDF2_HMAC failed");
    return key;
}

/// The parts of a stored hash; false when it is not in our form.
bool split(const std::string& hash, int& iterations, std::vector<unsigned char>& salt, std::vector<unsigned char>& key)
{
    const Poco::StringTokenizer parts(hash, "$");
    if (parts.count() != 4 || parts[0] != kScheme) return false;
    if (!Poco::NumberParser::tryParse(parts[1], iterations)) return false;
    if (iterations < kMinIterations || iterations > kMaxIterations) return false;
    return unbase64(parts[2], salt) && unbase64(parts[3], key) && salt.size() >= 8 && key.size() >= 16;
}

} // namespace

std::string PasswordHash::make(const std::string& password)
{
    std::vector<unsigned char> salt(kSaltBytes);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
        throw Poco::SystemException("OpenSSL RAND_bytes failed");
    const auto key = derive(password, salt, kIterations, kKeyBytes);
    return std::string(kScheme) + "$" + std::to_string(kIterations) + "$" + base64(salt) + "$" + base64(key);
}

bool PasswordHash::matches(const std::string& password, const std::string& hash)
{
    int iterations = 0;
    std::vector<unsigned char> salt, key;
    if (!split(hash, iterations, salt, key)) return false;
    const auto given = derive(password, salt, iterations, key.size());
    return CRYPTO_memcmp(given.data(), key.data(), key.size()) == 0;
}

bool PasswordHash::wellFormed(const std::string& hash)
{
    int iterations = 0;
    std::vector<unsigned char> salt, key;
    return split(hash, iterations, salt, key);
}

}
}
} // namespace sfe::host::web
