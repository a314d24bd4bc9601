//
// Jws.cpp
//
// Library: sfe_xapi
// Package: xapi
//

#include "sfe/xapi/Jws.h"

#include "sfe/xapi/JsonWriter.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Crypto/RSADigestEngine.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace sfe {
namespace xapi {

std::string Jws::base64Url(const std::string& bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::optional<std::string> Jws::fromBase64Url(const std::string& text)
{
    if (text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos)
        return std::nullopt;
    try
    {
        std::istringstream in(text);
        Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
        std::string out;
        Poco::StreamCopier::copyToString(decoder, out);
        return out;
    }
    catch (const Poco::Exception&)
    {
        return std::nullopt;
    }
}

std::string Jws::signRs256(const std::string& payload, const Poco::Crypto::RSAKey& key, const std::string& keyId,
                           const std::vector<std::string>& x5c)
{
    std::string header;
    JsonWriter w(header);
    w.beginObject();
    w.key("alg");
    w.string("RS256");
    if (!keyId.empty())
    {
        w.key("kid");
        w.string(keyId);
    }
    if (!x5c.empty())
    {
        w.key("x5c");
        w.beginArray();
        for (const auto& cert : x5c) w.string(cert);
        w.endArray();
    }
    w.endObject();
    const std::string signingInput = base64Url(header) + "." + base64Url(payload);
    Poco::Crypto::RSADigestEngine engine(key, "SHA256");
    engine.update(signingInput);
    const auto& signature = engine.signature();
    return signingInput + "." + base64Url(std::string(signature.begin(), signature.end()));
}

std::optional<std::string> Jws::verifyRs256(const std::string& jws, const Poco::Crypto::RSAKey& key, std::string& why)
{
    const auto first = jws.find('.');
    const auto second = first == std::string::npos ? std::string::npos : jws.find('.', first + 1);
    if (second == std::string::npos || jws.find('.', second + 1) != std::string::npos)
    {
        why = "not a compact JWS (three base64url parts)";
        return std::nullopt;
    }
    auto header = fromBase64Url(jws.substr(0, first));
    auto payload = fromBase64Url(jws.substr(first + 1, second - first - 1));
    auto signature = fromBase64Url(jws.substr(second + 1));
    if (!header || !payload || !signature)
    {
        why = "a part is not base64url";
        return std::nullopt;
    }
    try
    {
        Poco::JSON::Parser parser;
        auto h = parser.parse(*header).extract<Poco::JSON::Object::Ptr>();
        if (h->optValue<std::string>("alg", "") != "RS256")
        {
            why = "the algorithm is not RS256";
            return std::nullopt;
        }
    }
    catch (const Poco::Exception&)
    {
        why = "the header is not a JSON object";
        return std::nullopt;
    }
    Poco::Crypto::RSADigestEngine engine(key, "SHA256");
    engine.update(jws.substr(0, second));
    if (!engine.verify(Poco::DigestEngine::Digest(signature->begin(), signature->end())))
    {
        why = "the signature does not match the key";
        return std::nullopt;
    }
    return payload;
}

}
} // namespace sfe::xapi
