//
// Messages.cpp
//
// Library: sfe_i18n
// Package: i18n
//

#include "sfe/i18n/Messages.h"

#include "sfe/EmbeddedFile.h"

#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <mutex>

namespace sfe {
namespace i18n {

extern const EmbeddedFile kCatalogFiles[];
extern const std::size_t kCatalogFiles_count;

namespace {

const std::vector<std::string>& knownLanguages()
{
    static const std::vector<std::string> kLanguages = {"de", "en"};
    return kLanguages;
}

/// "de-DE", "de_AT", "DE" -> "de".
std::string primaryLanguage(const std::string& tag)
{
    std::string language = tag.substr(0, tag.find_first_of("-_"));
    std::transform(language.begin(), language.end(), language.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return language;
}

std::string trim(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::string utf8(const icu::UnicodeString& s)
{
    std::string out;
    s.toUTF8String(out);
    return out;
}

} // namespace

/// A pattern kept as text and checked once. MessageFormat objects are built per call: ICU does
/// not promise that one may format on several threads at once, and a call costs microseconds.
struct Messages::Pattern
{
    icu::UnicodeString text;
};

Messages::Messages(std::string language):
    _language(std::move(language))
{}

Messages::~Messages() = default;

void Messages::load(const std::string& file, const char* data, std::size_t size)
{
    const std::string text(data, size);
    std::size_t lineNumber = 0, start = 0;
    while (start < text.size())
    {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string line = trim(text.substr(start, end - start));
        start = end + 1;
        ++lineNumber;
        if (line.empty() || line[0] == '#') continue;
        const std::string where = file + ":" + std::to_string(lineNumber);
        const auto equals = line.find('=');
        if (equals == std::string::npos) throw Error(where + ": expected 'key = pattern'");
        const std::string key = trim(line.substr(0, equals));
        if (key.empty()) throw Error(where + ": the key is empty");
        auto pattern = std::make_unique<Pattern>();
        pattern->text = icu::UnicodeString::fromUTF8(trim(line.substr(equals + 1)));
        UErrorCode status = U_ZERO_ERROR;
        UParseError parseError{};
        icu::MessageFormat check(pattern->text, icu::Locale(_language.c_str()), parseError, status);
        if (U_FAILURE(status))
            throw Error(where + ": '" + key + "' is not a valid ICU message pattern (" + u_errorName(status) +
                        " at offset " + std::to_string(parseError.offset) + ")");
        if (!_patterns.emplace(key, std::move(pattern)).second) throw Error(where + ": '" + key + "' is given twice");
    }
}

const Messages& Messages::of(const std::string& language)
{
    const std::string wanted = primaryLanguage(language);
    static std::once_flag once;
    static std::map<std::string, std::unique_ptr<Messages>> catalogs;
    std::call_once(once, [] {
        for (const auto& l : knownLanguages()) catalogs.emplace(l, std::unique_ptr<Messages>(new Messages(l)));
        // File names are <area>.<lang>.properties; each file adds its keys to its language.
        for (std::size_t i = 0; i < kCatalogFiles_count; ++i)
        {
            const std::string name = kCatalogFiles[i].name;
            const auto dot = name.rfind('.', name.size() - std::string(".properties").size() - 1);
            const std::string lang = name.substr(dot + 1, name.find('.', dot + 1) - dot - 1);
            auto it = catalogs.find(lang);
            if (it == catalogs.end()) throw Error(name + ": no such language '" + lang + "'");
            it->second->load(name, kCatalogFiles[i].data, kCatalogFiles[i].size);
        }
    });
    auto it = catalogs.find(wanted);
    if (it == catalogs.end()) throw Error("no messages in language '" + language + "' (there are: de, en)");
    return *it->second;
}

bool Messages::speaks(const std::string& language)
{
    const auto& known = knownLanguages();
    return std::find(known.begin(), known.end(), primaryLanguage(language)) != known.end();
}

std::vector<std::string> Messages::languages()
{
    return knownLanguages();
}

bool Messages::has(const std::string& key) const
{
    return _patterns.find(key) != _patterns.end();
}

std::vector<std::string> Messages::keys() const
{
    std::vector<std::string> keys;
    for (const auto& p : _patterns) keys.push_back(p.first);
    return keys;
}

std::string Messages::format(const std::string& key, const MessageArgs& args) const
{
    auto it = _patterns.find(key);
    if (it == _patterns.end()) throw Error("messages (" + _language + "): no message '" + key + "'");
    UErrorCode status = U_ZERO_ERROR;
    icu::MessageFormat format(it->second->text, icu::Locale(_language.c_str()), status);
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    for (const auto& [name, value] : args.values())
    {
        names.push_back(icu::UnicodeString::fromUTF8(name));
        if (const auto* text = std::get_if<std::string>(&value))
            values.emplace_back(icu::UnicodeString::fromUTF8(*text));
        else values.emplace_back(static_cast<int64_t>(std::get<long long>(value)));
    }
    icu::UnicodeString out;
    format.format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
    if (U_FAILURE(status))
        throw Error("messages (" + _language + "): '" + key + "' could not be formatted (" + u_errorName(status) + ")");
    return utf8(out);
}

}
} // namespace sfe::i18n
