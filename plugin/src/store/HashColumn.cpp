//
// HashColumn.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/HashColumn.h"

#include <Poco/DigestEngine.h>

namespace sfe {
namespace store {

Poco::Data::BLOB HashColumn::bytes(const std::string& hex)
{
    const Poco::DigestEngine::Digest digest = Poco::DigestEngine::digestFromHex(hex);
    return Poco::Data::BLOB(digest.data(), digest.size());
}

Poco::Nullable<Poco::Data::BLOB> HashColumn::nullableBytes(const std::optional<std::string>& hex)
{
    if (!hex || hex->empty()) return {};
    return bytes(*hex);
}

std::string HashColumn::hex(const void* bytes, std::size_t size)
{
    // Not Poco::DigestEngine::digestToHex, which wants a vector: verification turns several hashes
    // per entry into hex, for a million entries.
    static const char kHex[] = "0123456789abcdef";
    const auto* in = static_cast<const unsigned char*>(bytes);
    std::string out(2 * size, '0');
    for (std::size_t i = 0; i < size; ++i)
    {
        out[2 * i] = kHex[in[i] >> 4];
        out[2 * i + 1] = kHex[in[i] & 0x0f];
    }
    return out;
}

std::optional<std::string> HashColumn::hexAt(Poco::Data::RecordSet& rs, const std::string& name)
{
    const Poco::Dynamic::Var value = rs[name]; // a copy: the BLOB lives as long as it
    if (value.isEmpty()) return std::nullopt;
    if (value.type() == typeid(Poco::Data::BLOB))
    {
        const auto& blob = value.extract<Poco::Data::BLOB>();
        return hex(blob.rawContent(), blob.size());
    }
    const std::string text = value.convert<std::string>(); // written as text, by someone's edit
    return hex(text.data(), text.size());
}

}
} // namespace sfe::store
