//
// PrologScanner.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/PrologScanner.h"
#include <cctype>

namespace sfe {
namespace definition {

namespace {

bool startsWith(const std::string& bytes, std::size_t at, const char* prefix, bool ignoreCase = false)
{
    for (std::size_t k = 0; prefix[k] != '\0'; ++k)
    {
        if (at + k >= bytes.size()) return false;
        char c = bytes[at + k];
        char p = prefix[k];
        if (ignoreCase)
        {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            p = static_cast<char>(std::toupper(static_cast<unsigned char>(p)));
        }
        if (c != p) return false;
    }
    return true;
}

bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// In the XML declaration [from, to), the value of encoding="…", with its offset; npos if none.
std::size_t findEncoding(const std::string& bytes, std::size_t from, std::size_t to, std::string& value)
{
    for (std::size_t i = from; i + 8 < to; ++i)
    {
        if (!startsWith(bytes, i, "encoding") || !isXmlSpace(bytes[i - 1])) continue;
        std::size_t k = i + 8;
        while (k < to && isXmlSpace(bytes[k])) ++k;
        if (k >= to || bytes[k] != '=') continue;
        ++k;
        while (k < to && isXmlSpace(bytes[k])) ++k;
        if (k >= to || (bytes[k] != '"' && bytes[k] != '\'')) continue;
        const char quote = bytes[k];
        const std::size_t end = bytes.find(quote, k + 1);
        if (end == std::string::npos || end > to) continue;
        value = bytes.substr(k + 1, end - k - 1);
        return k + 1;
    }
    return std::string::npos;
}

bool isUtf8Name(const std::string& encoding)
{
    std::string upper;
    for (char c : encoding) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper == "UTF-8" || upper == "UTF8";
}

} // namespace

std::vector<Problem> PrologScanner::check(const std::string& bytes, const std::string& name, const LineMap& lines)
{
    std::vector<Problem> problems;
    auto report = [&](std::size_t offset, const std::string& message) {
        const SourceLocation where = lines.locate(offset);
        problems.push_back({name, where.line, where.column, message});
    };

    std::size_t i = startsWith(bytes, 0, "\xEF\xBB\xBF") ? 3 : 0; // UTF-8's byte order mark

    if (startsWith(bytes, i, "<?xml") && i + 5 < bytes.size() && isXmlSpace(bytes[i + 5]))
    {
        const std::size_t end = bytes.find("?>", i);
        if (end == std::string::npos) return problems; // the parser reports it
        std::string encoding;
        const std::size_t at = findEncoding(bytes, i + 5, end, encoding);
        if (at != std::string::npos && !isUtf8Name(encoding))
            report(at, "the XML declaration names the encoding \"" + encoding + "\"; definition files must be UTF-8");
        i = end + 2;
    }

    while (i < bytes.size())
    {
        if (isXmlSpace(bytes[i])) ++i;
        else if (startsWith(bytes, i, "<!--"))
        {
            const std::size_t end = bytes.find("-->", i + 4);
            if (end == std::string::npos) break;
            i = end + 3;
        }
        else if (startsWith(bytes, i, "<!DOCTYPE", true))
        {
            report(i,
                   "a DOCTYPE is not allowed in definition files (they must not declare a document type or entities)");
            break;
        }
        else if (startsWith(bytes, i, "<?"))
        {
            const std::size_t end = bytes.find("?>", i + 2);
            if (end == std::string::npos) break;
            i = end + 2;
        }
        else break; // the root element, or something the parser will report
    }
    return problems;
}

}
} // namespace sfe::definition
