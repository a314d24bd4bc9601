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
        const std::size_t wordWidth = width(word);
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
        out << word;
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

} } // namespace sfe::host
