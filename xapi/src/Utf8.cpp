//
// Utf8.cpp
//
// Library: sfe_xapi
// Package: syntax
//

#include "sfe/xapi/Utf8.h"

#include <cstdio>

namespace sfe {
namespace xapi {

bool Utf8::decode(const std::string& text, std::size_t& offset, std::uint32_t& codePoint)
{
    if (offset >= text.size()) return false;
    const auto lead = static_cast<unsigned char>(text[offset]);
    std::uint32_t c;
    std::size_t length;
    if (lead < 0x80)
    {
        c = lead;
        length = 1;
    }
    else if (lead >= 0xC2 && lead <= 0xDF)
    {
        c = lead & 0x1F;
        length = 2;
    }
    else if (lead >= 0xE0 && lead <= 0xEF)
    {
        c = lead & 0x0F;
        length = 3;
    }
    else if (lead >= 0xF0 && lead <= 0xF4)
    {
        c = lead & 0x07;
        length = 4;
    }
    else return false;
    if (offset + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k)
    {
        const auto b = static_cast<unsigned char>(text[offset + k]);
        if ((b & 0xC0) != 0x80) return false;
        c = (c << 6) | (b & 0x3F);
    }
    const bool overlong = (length == 3 && c < 0x800) || (length == 4 && c < 0x10000);
    if (overlong || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) return false;
    codePoint = c;
    offset += length;
    return true;
}

std::string Utf8::check(const std::string& text)
{
    std::size_t offset = 0;
    std::uint32_t c;
    while (offset < text.size())
    {
        // ASCII needs no decoding.
        if (static_cast<unsigned char>(text[offset]) < 0x80)
        {
            ++offset;
            continue;
        }
        if (!decode(text, offset, c)) return "is not valid UTF-8 at byte " + std::to_string(offset);
    }
    return {};
}

bool Utf8::isControl(std::uint32_t codePoint)
{
    return codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0);
}

std::string Utf8::codePointName(std::uint32_t codePoint)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(codePoint));
    return buffer;
}

}
} // namespace sfe::xapi
