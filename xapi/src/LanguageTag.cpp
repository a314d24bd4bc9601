//
// LanguageTag.cpp
//
// Library: sfe_xapi
// Package: syntax
//
// RFC 5646 section 2.1 ABNF, walked subtag by subtag.
//

#include "sfe/xapi/LanguageTag.h"
#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace sfe {
namespace xapi {

namespace {

const char* const kGrandfathered[] = {
    // irregular
    "en-gb-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-be-fr",
    "sgn-be-nl",
    "sgn-ch-de",
    // regular
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
};

bool allOf(const std::string& s, int (*pred)(int))
{
    return std::all_of(s.begin(), s.end(), [pred](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

bool alpha(const std::string& s, std::size_t min, std::size_t max)
{
    return s.size() >= min && s.size() <= max && allOf(s, std::isalpha);
}

bool alnum(const std::string& s, std::size_t min, std::size_t max)
{
    return s.size() >= min && s.size() <= max && allOf(s, std::isalnum);
}

bool isScript(const std::string& s)
{
    return alpha(s, 4, 4);
}
bool isRegion(const std::string& s)
{
    return alpha(s, 2, 2) || (s.size() == 3 && allOf(s, std::isdigit));
}
bool isVariant(const std::string& s)
{
    return alnum(s, 5, 8) || (s.size() == 4 && std::isdigit(static_cast<unsigned char>(s[0])) && alnum(s, 4, 4));
}
bool isSingleton(const std::string& s)
{
    return s.size() == 1 && alnum(s, 1, 1) && s != "x" && s != "X";
}
bool isPrivateUse(const std::string& s)
{
    return s == "x" || s == "X";
}

std::string lower(std::string s)
{
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

std::string LanguageTag::check(const std::string& tag)
{
    if (tag.empty()) return "is empty";
    for (const char* g : kGrandfathered)
        if (lower(tag) == g) return {};

    // Split into subtags; each is 1-8 ASCII letters or digits.
    std::vector<std::string> subtags;
    std::size_t start = 0;
    while (true)
    {
        const std::size_t dash = tag.find('-', start);
        subtags.push_back(tag.substr(start, dash == std::string::npos ? std::string::npos : dash - start));
        if (dash == std::string::npos) break;
        start = dash + 1;
    }
    for (const auto& s : subtags)
    {
        if (s.empty()) return "has an empty subtag (two '-' in a row, or a '-' at either end)";
        if (!allOf(s, std::isalnum))
            return "has subtag '" + s + "' with characters other than ASCII letters and digits";
        if (s.size() > 8) return "has subtag '" + s + "' longer than 8 characters";
    }

    std::size_t i = 0;
    const std::size_t n = subtags.size();
    auto privateUse = [&](std::size_t at) -> std::string {
        // privateuse = "x" 1*("-" (1*8alphanum))
        if (at + 1 >= n) return "has a private-use 'x' with no subtag after it";
        return {};
    };
    if (isPrivateUse(subtags[0])) return privateUse(0);

    // language = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA ; extlang = 3ALPHA *2("-" 3ALPHA)
    const std::string& language = subtags[0];
    if (!alpha(language, 2, 8)) return "has primary language subtag '" + language + "'; it must be 2 to 8 letters";
    ++i;
    if (language.size() <= 3)
        for (int e = 0; e < 3 && i < n && alpha(subtags[i], 3, 3); ++e) ++i;
    if (i < n && isScript(subtags[i])) ++i;
    if (i < n && isRegion(subtags[i])) ++i;
    std::set<std::string> variants;
    while (i < n && isVariant(subtags[i]))
    {
        if (!variants.insert(lower(subtags[i])).second) return "repeats variant subtag '" + subtags[i] + "'";
        ++i;
    }
    std::set<std::string> singletons;
    while (i < n && isSingleton(subtags[i]))
    {
        if (!singletons.insert(lower(subtags[i])).second) return "repeats extension singleton '" + subtags[i] + "'";
        const std::size_t singletonAt = i++;
        const std::size_t first = i;
        while (i < n && alnum(subtags[i], 2, 8)) ++i;
        if (i == first)
            return "has extension singleton '" + subtags[singletonAt] + "' with no 2-8 character subtag after it";
    }
    if (i < n && isPrivateUse(subtags[i])) return privateUse(i);
    if (i < n) return "has subtag '" + subtags[i] + "' where it is not allowed (after '" + subtags[i - 1] + "')";
    return {};
}

}
} // namespace sfe::xapi
