//
// Secrets.cpp
//
// Library: sfe_core
// Package: runtime
//

#include "sfe/runtime/Secrets.h"

#include <cctype>
#include <regex>

namespace sfe {
namespace runtime {

namespace {

bool delimits(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) || c == '\'' || c == '"' || c == '<' || c == '>';
}

/// `token` (no spaces or quotes) with the user-info of the URI it holds replaced, if it holds
/// one. Over-redacts rather than leaks: the user-info runs to the token's last '@' (a password may
/// hold '@' or '/' unescaped), and without "scheme://" anything before an '@' counts, since a
/// mistyped URL ("https:/u:p@host", "u:p@host") still carries its password.
std::string withoutUserInfo(const std::string& token)
{
    const auto at = token.rfind('@');
    if (at == std::string::npos) return token;
    static const std::regex schemePattern("^[A-Za-z][A-Za-z0-9+.-]*:");
    std::smatch scheme;
    std::size_t start = 0;
    std::string name;
    if (const auto slashes = token.find("://"); slashes != std::string::npos && slashes < at)
    {
        start = slashes + 3;
        name = token.substr(0, slashes);
    }
    else if (std::regex_search(token, scheme, schemePattern) && static_cast<std::size_t>(scheme.length(0)) <= at &&
             std::regex_match(scheme.str(0), std::regex("(https?|postgres(ql)?):", std::regex::icase)))
    {
        // "https:/key:secret@lrs"; any other word before a colon may be the user name itself.
        name = token.substr(0, static_cast<std::size_t>(scheme.length(0)) - 1);
        start = static_cast<std::size_t>(scheme.length(0));
        while (start < at && token[start] == '/') ++start;
    }
    else
    {
        while (start < at && token[start] == '/') ++start;
    }
    const std::string info = token.substr(start, at - start);
    std::string kept = "***";
    // A PostgreSQL user name helps to find the right role and is no secret; any other user-info
    // (an LRS key, a token) is.
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.rfind("postgres", 0) == 0)
    {
        const auto colon = info.find(':');
        if (colon == std::string::npos) return token;
        kept = info.substr(0, colon) + ":***";
    }
    return token.substr(0, start) + kept + token.substr(at);
}

} // namespace

std::string redactSecrets(const std::string& text)
{
    // key=value first: password=secret or password='se cret' → password=*** (the value may hold an '@').
    static const std::regex keyPassword(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*))", std::regex::icase);
    const std::string pairs = std::regex_replace(text, keyPassword, "$1***");
    // Then URI user-info in every word: scheme://user:secret@host → scheme://***@host
    // (postgresql://user:***@host).
    std::string out;
    out.reserve(pairs.size());
    std::size_t i = 0;
    while (i < pairs.size())
    {
        if (delimits(pairs[i]))
        {
            out += pairs[i++];
            continue;
        }
        std::size_t end = i;
        while (end < pairs.size() && !delimits(pairs[end])) ++end;
        out += withoutUserInfo(pairs.substr(i, end - i));
        i = end;
    }
    return out;
}

}
} // namespace sfe::runtime
