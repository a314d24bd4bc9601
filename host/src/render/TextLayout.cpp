//
// TextLayout.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// Small layout helpers for UTF-8 text: display width, padding, word wrapping.
//

#include "render/TextLayout.h"

#include <Poco/StringTokenizer.h>

#include <cstdio>
#include <Poco/TextIterator.h>
#include <Poco/UTF8Encoding.h>

namespace sfe {
namespace host {

std::size_t TextLayout::width(const std::string& utf8)
{
    Poco::UTF8Encoding encoding;
    Poco::TextIterator it(utf8, encoding);
    Poco::TextIterator end(utf8);
    std::size_t count = 0;
    for (; it != end; ++it) ++count;
    return count;
}

std::string TextLayout::printable(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    Poco::UTF8Encoding encoding;
    for (std::size_t i = 0; i < text.size();)
    {
        const auto* p = reinterpret_cast<const unsigned char*>(text.data() + i);
        const int length = encoding.sequenceLength(p, static_cast<int>(text.size() - i));
        const int c =
            length > 0 && static_cast<std::size_t>(length) <= text.size() - i ? encoding.queryConvert(p, length) : -1;
        char escape[8];
        if (c < 0 || length <= 0)
        {
            std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(*p));
            out += escape;
            ++i;
            continue;
        }
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else if (c < 0x20 || c == 0x7f)
        {
            std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(c));
            out += escape;
        }
        else if (c >= 0x80 && c < 0xa0)
        {
            std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
            out += escape;
        }
        else out.append(text, i, static_cast<std::size_t>(length));
        i += static_cast<std::size_t>(length);
    }
    return out;
}

std::string TextLayout::padded(const std::string& utf8, std::size_t columns)
{
    const std::size_t used = width(utf8);
    return used >= columns ? utf8 : utf8 + std::string(columns - used, ' ');
}

void TextLayout::wrap(std::ostream& out, const std::string& utf8, std::size_t indent, std::size_t firstIndent,
                      std::size_t lineWidth)
{
    Poco::StringTokenizer words(utf8, " \t\r\n", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    std::size_t column = firstIndent;
    bool lineEmpty = true;
    for (const auto& word : words)
    {
        const std::string safe = printable(word);
        const std::size_t wordWidth = width(safe);
        if (!lineEmpty && column + 1 + wordWidth > lineWidth)
        {
            out << '\n' << std::string(indent, ' ');
            column = indent;
            lineEmpty = true;
        }
        if (!lineEmpty)
        {
            out << ' ';
            ++column;
        }
        out << safe;
        column += wordWidth;
        lineEmpty = false;
    }
    out << '\n';
}

std::string TextLayout::counted(std::size_t count, const std::string& singular, const std::string& plural)
{
    const std::string word = count == 1 ? singular : (plural.empty() ? singular + "s" : plural);
    return std::to_string(count) + " " + word;
}

std::string TextLayout::shortHash(const std::string& sha256)
{
    return sha256.size() > 12 ? sha256.substr(0, 12) + "\u2026" : sha256;
}

}
} // namespace sfe::host
