//
// Utf8Validator.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/Utf8Validator.h"
#include <cstdio>

namespace sfe {
namespace definition {

namespace {

/// The length of the well-formed UTF-8 sequence at `i`, or 0 (RFC 3629, table 3-7 of Unicode).
std::size_t sequenceLength(const std::string& bytes, std::size_t i)
{
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    const unsigned char lead = at(i);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // the range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF)
    {
        length = 3;
        if (lead == 0xE0) low = 0xA0;  // overlong
        if (lead == 0xED) high = 0x9F; // surrogates
    }
    else if (lead >= 0xF0 && lead <= 0xF4)
    {
        length = 4;
        if (lead == 0xF0) low = 0x90;  // overlong
        if (lead == 0xF4) high = 0x8F; // above U+10FFFF
    }
    else return 0;
    if (i + length > bytes.size()) return 0;
    if (at(i + 1) < low || at(i + 1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if ((at(i + k) & 0xC0) != 0x80) return 0;
    return length;
}

/// The byte order marks of encodings other than UTF-8, longest first.
struct ForeignMark
{
    const char* bytes;
    std::size_t length;
    const char* encoding;
};
const ForeignMark kForeignMarks[] = {
    {"\x00\x00\xFE\xFF", 4, "UTF-32 (big endian)"},
    {"\xFF\xFE\x00\x00", 4, "UTF-32 (little endian)"},
    {"\xFE\xFF", 2, "UTF-16 (big endian)"},
    {"\xFF\xFE", 2, "UTF-16 (little endian)"},
};

std::string hexByte(unsigned char byte)
{
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", byte);
    return text;
}

} // namespace

std::vector<Problem> Utf8Validator::check(const std::string& bytes, const std::string& name, const LineMap& lines)
{
    std::vector<Problem> problems;
    for (const auto& mark : kForeignMarks)
    {
        if (bytes.compare(0, mark.length, mark.bytes, mark.length) == 0)
        {
            problems.push_back(
                {name, 1, 1,
                 std::string("the file is encoded in ") + mark.encoding + "; definition files must be UTF-8"});
            return problems;
        }
    }
    std::size_t unreported = 0;
    for (std::size_t i = 0; i < bytes.size();)
    {
        const std::size_t length = sequenceLength(bytes, i);
        if (length > 0)
        {
            i += length;
            continue;
        }
        if (problems.size() < kMaxReported)
        {
            const SourceLocation where = lines.locate(i);
            problems.push_back({name, where.line, where.column,
                                "invalid UTF-8: byte " + hexByte(static_cast<unsigned char>(bytes[i])) +
                                    " does not start a well-formed sequence; definition files must be UTF-8"});
        }
        else ++unreported;
        ++i;
    }
    if (unreported > 0)
    {
        const Problem& last = problems.back();
        problems.push_back({name, last.line, last.column,
                            std::to_string(unreported) + " more invalid UTF-8 bytes after this one are not listed"});
    }
    return problems;
}

}
} // namespace sfe::definition
