//
// Iri.cpp
//
// Library: sfe_xapi
// Package: syntax
//
// RFC 3987 section 2.2 grammar, checked over decoded code points.
//

#include "sfe/xapi/Iri.h"
#include "sfe/xapi/Utf8.h"
#include <cstdint>
#include <cstdio>
#include <vector>

namespace sfe {
namespace xapi {

namespace {

struct CodePoint
{
    std::uint32_t value;
    std::size_t offset; // byte offset in the input
};

bool isAlpha(std::uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(std::uint32_t c)
{
    return c >= '0' && c <= '9';
}
bool isHex(std::uint32_t c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isUcschar(std::uint32_t c)
{
    if (c >= 0xA0 && c <= 0xD7FF) return true;
    if (c >= 0xF900 && c <= 0xFDCF) return true;
    if (c >= 0xFDF0 && c <= 0xFFEF) return true;
    if (c >= 0x10000 && c <= 0xDFFFD) return (c & 0xFFFF) <= 0xFFFD;
    return c >= 0xE1000 && c <= 0xEFFFD;
}

bool isIprivate(std::uint32_t c)
{
    return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0xFFFFD) || (c >= 0x100000 && c <= 0x10FFFD);
}

bool isUnreservedAscii(std::uint32_t c)
{
    return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool isIunreserved(std::uint32_t c)
{
    return isUnreservedAscii(c) || isUcschar(c);
}

bool isSubDelim(std::uint32_t c)
{
    switch (c)
    {
        case '!':
        case '$':
        case '&':
        case '\'':
        case '(':
        case ')':
        case '*':
        case '+':
        case ',':
        case ';':
        case '=':
            return true;
        default:
            return false;
    }
}

/// Decodes `s` into code points with their byte offsets. Returns "" or the problem.
std::string decode(const std::string& s, std::vector<CodePoint>& out)
{
    out.reserve(s.size());
    std::size_t offset = 0;
    std::uint32_t c;
    while (offset < s.size())
    {
        const std::size_t at = offset;
        if (!Utf8::decode(s, offset, c)) return "is not valid UTF-8 at byte " + std::to_string(at);
        out.push_back({c, at});
    }
    return {};
}

std::string describe(std::uint32_t c)
{
    char buf[16];
    if (c == ' ') return "a space";
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
    {
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
        return std::string("control character ") + buf;
    }
    if (c < 0x80) return std::string("'") + static_cast<char>(c) + "'";
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return std::string("character ") + buf;
}

/// Walks the code points of one IRI and reports the first violation.
class Checker
{
public:
    explicit Checker(const std::vector<CodePoint>& cps):
        _cps(cps)
    {}

    std::string run()
    {
        // scheme
        std::size_t i = 0;
        while (i < _cps.size() && _cps[i].value != ':' && _cps[i].value != '/' && _cps[i].value != '?' &&
               _cps[i].value != '#')
            ++i;
        if (i == _cps.size() || _cps[i].value != ':')
            return "is not an absolute IRI: it has no scheme (such as \"https:\")";
        if (i == 0) return "is not an absolute IRI: the scheme before ':' is empty";
        if (!isAlpha(_cps[0].value)) return "has a scheme that does not start with a letter";
        for (std::size_t k = 1; k < i; ++k)
        {
            const auto c = _cps[k].value;
            if (!(isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.'))
                return "has " + describe(c) + " in its scheme at byte " + std::to_string(_cps[k].offset);
        }
        _scheme.clear();
        for (std::size_t k = 0; k < i; ++k) _scheme += static_cast<char>(_cps[k].value | 0x20);

        // split off query and fragment
        const std::size_t hierStart = i + 1;
        std::size_t hierEnd = hierStart;
        while (hierEnd < _cps.size() && _cps[hierEnd].value != '?' && _cps[hierEnd].value != '#') ++hierEnd;
        std::size_t queryEnd = hierEnd;
        if (queryEnd < _cps.size() && _cps[queryEnd].value == '?')
        {
            ++queryEnd;
            while (queryEnd < _cps.size() && _cps[queryEnd].value != '#') ++queryEnd;
        }

        std::string problem = hierPart(hierStart, hierEnd);
        if (!problem.empty()) return problem;
        if (hierEnd < _cps.size() && _cps[hierEnd].value == '?')
        {
            problem = run(hierEnd + 1, queryEnd, Part::Query);
            if (!problem.empty()) return problem;
        }
        if (queryEnd < _cps.size()) // '#'
            return run(queryEnd + 1, _cps.size(), Part::Fragment);
        return {};
    }

private:
    enum class Part
    {
        Path,
        Query,
        Fragment,
        Userinfo,
        Host
    };

    static const char* partName(Part part)
    {
        switch (part)
        {
            case Part::Path:
                return "path";
            case Part::Query:
                return "query";
            case Part::Fragment:
                return "fragment";
            case Part::Userinfo:
                return "userinfo";
            case Part::Host:
                return "host";
        }
        return "";
    }

    bool allowed(std::uint32_t c, Part part) const
    {
        if (isIunreserved(c) || isSubDelim(c)) return true;
        switch (part)
        {
            case Part::Path:
                return c == ':' || c == '@' || c == '/';
            case Part::Query:
                return c == ':' || c == '@' || c == '/' || c == '?' || isIprivate(c);
            case Part::Fragment:
                return c == ':' || c == '@' || c == '/' || c == '?';
            case Part::Userinfo:
                return c == ':';
            case Part::Host:
                return false;
        }
        return false;
    }

    /// Checks [begin, end) as a run of characters allowed in `part`, percent-escapes included.
    std::string run(std::size_t begin, std::size_t end, Part part) const
    {
        for (std::size_t k = begin; k < end; ++k)
        {
            const auto c = _cps[k].value;
            if (c == '%')
            {
                if (!(k + 2 < end && isHex(_cps[k + 1].value) && isHex(_cps[k + 2].value)))
                    return "has an invalid percent-escape at byte " + std::to_string(_cps[k].offset) +
                           " ('%' must be followed by two hex digits)";
                k += 2;
                continue;
            }
            if (!allowed(c, part))
                return "contains " + describe(c) + " at byte " + std::to_string(_cps[k].offset) +
                       ", which is not allowed in the " + partName(part);
        }
        return {};
    }

    std::string hierPart(std::size_t begin, std::size_t end)
    {
        const bool hasAuthority = end - begin >= 2 && _cps[begin].value == '/' && _cps[begin + 1].value == '/';
        if (!hasAuthority) return run(begin, end, Part::Path);

        std::size_t authEnd = begin + 2;
        while (authEnd < end && _cps[authEnd].value != '/') ++authEnd;
        std::string problem = authority(begin + 2, authEnd);
        if (!problem.empty()) return problem;
        return run(authEnd, end, Part::Path);
    }

    std::string authority(std::size_t begin, std::size_t end)
    {
        std::size_t hostBegin = begin;
        for (std::size_t k = begin; k < end; ++k)
            if (_cps[k].value == '@')
            {
                std::string problem = run(begin, k, Part::Userinfo);
                if (!problem.empty()) return problem;
                hostBegin = k + 1;
                break;
            }
        std::size_t hostEnd = hostBegin;
        if (hostBegin < end && _cps[hostBegin].value == '[')
        {
            while (hostEnd < end && _cps[hostEnd].value != ']') ++hostEnd;
            if (hostEnd == end)
                return "has an IP literal without its closing ']' at byte " + std::to_string(_cps[hostBegin].offset);
            std::string literal;
            for (std::size_t k = hostBegin + 1; k < hostEnd; ++k)
            {
                if (_cps[k].value >= 0x80) return "has a non-ASCII character in its IP literal";
                literal += static_cast<char>(_cps[k].value);
            }
            if (!isIpLiteral(literal)) return "has an invalid IP literal [" + literal + "]";
            ++hostEnd; // past ']'
        }
        else
        {
            while (hostEnd < end && _cps[hostEnd].value != ':') ++hostEnd;
            std::string problem = run(hostBegin, hostEnd, Part::Host);
            if (!problem.empty()) return problem;
        }
        if (hostEnd == hostBegin && (_scheme == "http" || _scheme == "https")) return "has an empty host";
        if (hostEnd < end)
        {
            if (_cps[hostEnd].value != ':')
                return "has " + describe(_cps[hostEnd].value) + " after its host at byte " +
                       std::to_string(_cps[hostEnd].offset);
            for (std::size_t k = hostEnd + 1; k < end; ++k)
                if (!isDigit(_cps[k].value))
                    return "has a port that is not a number (" + describe(_cps[k].value) + " at byte " +
                           std::to_string(_cps[k].offset) + ")";
        }
        return {};
    }

    static bool isIpv4(const std::string& s)
    {
        int parts = 0;
        std::size_t i = 0;
        while (true)
        {
            std::size_t start = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
            const std::size_t len = i - start;
            if (len == 0 || len > 3) return false;
            if (len > 1 && s[start] == '0') return false;
            if (std::stoi(s.substr(start, len)) > 255) return false;
            ++parts;
            if (i == s.size()) break;
            if (s[i] != '.' || parts == 4) return false;
            ++i;
        }
        return parts == 4;
    }

    static bool isIpv6(const std::string& s)
    {
        const std::size_t gap = s.find("::");
        if (gap != std::string::npos && s.find("::", gap + 1) != std::string::npos) return false;
        auto countGroups = [](const std::string& part, bool mayEndWithIpv4, int& groups) {
            groups = 0;
            if (part.empty()) return true;
            std::size_t i = 0;
            while (true)
            {
                std::size_t next = part.find(':', i);
                std::string group = part.substr(i, next == std::string::npos ? std::string::npos : next - i);
                if (next == std::string::npos && mayEndWithIpv4 && group.find('.') != std::string::npos)
                {
                    if (!isIpv4(group)) return false;
                    groups += 2;
                    return true;
                }
                if (group.empty() || group.size() > 4) return false;
                for (char c : group)
                    if (!isHex(static_cast<unsigned char>(c))) return false;
                ++groups;
                if (next == std::string::npos) return true;
                i = next + 1;
            }
        };
        int head = 0, tail = 0;
        if (gap == std::string::npos) return countGroups(s, true, head) && head == 8;
        if (!countGroups(s.substr(0, gap), false, head)) return false;
        if (!countGroups(s.substr(gap + 2), true, tail)) return false;
        return head + tail <= 7;
    }

    static bool isIpLiteral(const std::string& s)
    {
        if (!s.empty() && (s[0] == 'v' || s[0] == 'V'))
        {
            // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            std::size_t i = 1;
            while (i < s.size() && isHex(static_cast<unsigned char>(s[i]))) ++i;
            if (i == 1 || i >= s.size() || s[i] != '.' || i + 1 == s.size()) return false;
            for (++i; i < s.size(); ++i)
            {
                const auto c = static_cast<unsigned char>(s[i]);
                if (!(isUnreservedAscii(c) || isSubDelim(c) || c == ':')) return false;
            }
            return true;
        }
        return isIpv6(s);
    }

    const std::vector<CodePoint>& _cps;
    std::string _scheme;
};

} // namespace

std::string Iri::check(const std::string& value)
{
    if (value.empty()) return "is empty";
    std::vector<CodePoint> cps;
    std::string problem = decode(value, cps);
    if (!problem.empty()) return problem;
    return Checker(cps).run();
}

}
} // namespace sfe::xapi
