//
// ShortText.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/ShortText.h"

#include "sfe/xapi/Utf8.h"

#include <cstdint>

namespace sfe {
namespace service {

std::string ShortText::of(const std::string& text, std::size_t limit)
{
    static const std::string kEllipsis = "\xE2\x80\xA6"; // U+2026, one character
    if (limit == 0) return std::string();
    // The byte offset after `limit - 1` characters (room for the ellipsis), and the last space
    // before it; stop early when the whole text fits.
    std::size_t offset = 0, characters = 0, cut = 0, lastSpace = std::string::npos;
    std::uint32_t c = 0;
    while (offset < text.size())
    {
        if (characters == limit - 1) cut = offset;
        if (characters == limit) break;
        const std::size_t at = offset;
        if (!xapi::Utf8::decode(text, offset, c)) return text; // not UTF-8: the validator names it
        if (characters < limit - 1 && (c == ' ' || c == '\t' || c == '\n')) lastSpace = at;
        ++characters;
    }
    if (offset >= text.size() && characters <= limit) return text;
    std::size_t end = lastSpace != std::string::npos && lastSpace > 0 ? lastSpace : cut;
    while (end > 0 && std::string(" \t\n,;:.-").find(text[end - 1]) != std::string::npos) --end;
    return text.substr(0, end) + kEllipsis;
}

}
} // namespace sfe::service
