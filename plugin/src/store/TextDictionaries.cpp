//
// TextDictionaries.cpp
//
// Library: sfe_core
// Package: store
//

#include "sfe/store/TextDictionaries.h"

#include "sfe/store/Database.h"
#include "sfe/store/TextCodec.h"

#include <Poco/Data/LOB.h>
#include <Poco/Exception.h>

#include <cstdio>
#include <vector>

using namespace Poco::Data::Keywords;

namespace sfe {
namespace store {

namespace {

// Deflate reaches back 32 KiB at most, and the text itself fills part of that window: the
// dictionary keeps its last 24 KiB (the definition's texts come last, the built-in part first).
constexpr std::size_t kMaxDictionary = 24 * 1024;

/// `text` as a JSON string, as our statements and log entries write it (quotes, backslashes and
/// control characters escaped, the rest as UTF-8). Should a serialiser escape otherwise, only the
/// compression suffers, never the text.
std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (char c : text)
    {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else if (u < 0x20)
        {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", u);
            out += buffer;
        }
        else out += c;
    }
    return out + "\"";
}

/// The texts of a stored localised text, every language (a column TextCodec wrote; a plain string
/// as it is).
std::vector<std::string> languages(const std::string& stored)
{
    std::vector<std::string> out;
    try
    {
        const definition::LocalizedText text = TextCodec::decode(stored);
        for (const auto& entry : text.all()) out.push_back(entry.second);
    }
    catch (const Poco::Exception&)
    {
        out.push_back(stored);
    }
    return out;
}

/// The value of `"key":"` ... `"` in `text` (from `from`), or "" when it is not there.
std::string valueAfter(const std::string& text, const std::string& marker, char end1, char end2)
{
    const std::size_t at = text.find(marker);
    if (at == std::string::npos) return {};
    const std::size_t start = at + marker.size();
    std::size_t stop = start;
    while (stop < text.size() && text[stop] != end1 && text[stop] != end2 && stop - start <= 64) ++stop;
    if (stop >= text.size() || stop - start > 64) return {};
    return text.substr(start, stop - start);
}

} // namespace

TextDictionaries::TextDictionaries(Database& db):
    _db(db)
{
    // A definition imported by another process: look for its dictionaries again.
    _db.onChange([this]() {
        std::lock_guard<std::mutex> lock(_mutex);
        for (auto it = _cache.begin(); it != _cache.end();) it = it->second ? std::next(it) : _cache.erase(it);
    });
}

const StoredText::Dictionary* TextDictionaries::forText(const std::string& text)
{
    // A log entry ({"action":...) names "definition" and "skill" near its start; a statement body
    // names the skill in its activity ids and the definition version in an extension near its end.
    // Searched only where they are: a failing search of a body cost 1.6% of record()'s CPU (perf).
    std::string definition, skill;
    if (text.compare(0, 10, "{\"action\":") == 0)
    {
        definition = valueAfter(text, "\"definition\":\"", '"', '"');
        skill = valueAfter(text, "\"skill\":\"", '"', '"');
    }
    else
    {
        const std::string marker = "/extensions/definition-version\":\"";
        const std::size_t at = text.rfind(marker);
        if (at != std::string::npos && at + marker.size() + 64 <= text.size())
            definition = text.substr(at + marker.size(), 64);
        skill = valueAfter(text, "/skills/", '/', '"');
    }
    if (definition.size() != 64 || skill.empty()) return nullptr;
    const auto key = std::make_pair(definition, skill);
    {
        std::lock_guard<std::mutex> lock(_mutex);
        auto found = _cache.find(key);
        if (found != _cache.end()) return found->second.get();
    }
    std::vector<Poco::Int64> ids;
    std::vector<Poco::Data::BLOB> bytes;
    _db.session() << _db.sql("SELECT id, bytes FROM text_dictionaries WHERE definition_sha256 = ? AND skill_code = ?"),
        use(definition), use(skill), into(ids), into(bytes), now;
    std::shared_ptr<const StoredText::Dictionary> dictionary;
    if (!ids.empty())
    {
        dictionary = StoredText::dictionary(
            ids[0], std::string(reinterpret_cast<const char*>(bytes[0].rawContent()), bytes[0].size()));
        StoredText::remember(dictionary);
    }
    std::lock_guard<std::mutex> lock(_mutex);
    return _cache.emplace(key, dictionary).first->second.get();
}

std::string TextDictionaries::build(const std::string& definitionSha256, const std::string& skillCode)
{
    std::string definition = definitionSha256, code = skillCode;
    std::vector<std::string> names, descriptions;
    _db.session() << _db.sql("SELECT name, description FROM skills WHERE definition_sha256 = ? AND code = ?"),
        use(definition), use(code), into(names), into(descriptions), now;
    std::vector<int> numbers;
    std::vector<std::string> phrases, essences, levelHashes;
    _db.session() << _db.sql("SELECT number, guiding_phrase, essence, text_sha256 FROM levels"
                             " WHERE definition_sha256 = ? AND skill_code = ? ORDER BY number"),
        use(definition), use(code), into(numbers), into(phrases), into(essences), into(levelHashes), now;
    std::vector<std::string> rIds, rTexts;
    std::vector<int> rLevels;
    _db.session() << _db.sql("SELECT id, level_number, text FROM responsibilities"
                             " WHERE definition_sha256 = ? AND skill_code = ? ORDER BY level_number, position"),
        use(definition), use(code), into(rIds), into(rLevels), into(rTexts), now;

    std::string texts = "\"definition\":\"" + definition + "\",\"levelTextSha256\":\"\"";
    std::vector<std::string> skillNames;
    for (const std::string& n : names) skillNames = languages(n);
    for (const std::string& n : skillNames) texts += jsonString(n);
    for (const std::string& d : descriptions)
        for (const std::string& t : languages(d)) texts += jsonString(t);
    std::size_t r = 0;
    for (std::size_t i = 0; i < numbers.size(); ++i)
    {
        texts += "skills/" + code + "/levels/" + std::to_string(numbers[i]);
        // A level's name in a statement is "<skill> <number>: <guiding phrase>".
        const std::vector<std::string> phrase = languages(phrases[i]);
        for (std::size_t k = 0; k < phrase.size(); ++k)
            texts += jsonString((k < skillNames.size() ? skillNames[k] + " " : std::string()) +
                                std::to_string(numbers[i]) + ": " + phrase[k]);
        for (const std::string& t : languages(essences[i])) texts += jsonString(t);
        texts += levelHashes[i];
        for (; r < rIds.size() && rLevels[r] == numbers[i]; ++r)
        {
            texts += "responsibilities/" + rIds[r];
            for (const std::string& t : languages(rTexts[r])) texts += jsonString(t);
        }
    }
    texts += "\"https://sfia-evidence.org/xapi/profile/extensions/definition-version\":\"" + definition + "\"";
    std::string out = StoredText::dictionary(1) + texts;
    if (out.size() > kMaxDictionary) out.erase(0, out.size() - kMaxDictionary);
    return out;
}

void TextDictionaries::create(const std::string& definitionSha256)
{
    std::string definition = definitionSha256;
    std::vector<std::string> codes;
    _db.session() << _db.sql("SELECT code FROM skills WHERE definition_sha256 = ? AND code NOT IN"
                             " (SELECT skill_code FROM text_dictionaries WHERE definition_sha256 = ?) ORDER BY code"),
        use(definition), use(definition), into(codes), now;
    for (std::string& code : codes)
    {
        Poco::Int64 id = 0;
        _db.session() << "SELECT COALESCE(MAX(id), 0) + 1 FROM text_dictionaries", into(id), now;
        const std::string bytes = build(definition, code);
        Poco::Data::BLOB blob = StoredText::blob(bytes);
        _db.session() << _db.sql("INSERT INTO text_dictionaries(id, definition_sha256, skill_code, bytes)"
                                 " VALUES (?, ?, ?, ?)"),
            use(id), use(definition), use(code), use(blob), now;
    }
    std::lock_guard<std::mutex> lock(_mutex);
    for (auto it = _cache.begin(); it != _cache.end();) it = it->second ? std::next(it) : _cache.erase(it);
}

void TextDictionaries::loadAll()
{
    std::vector<Poco::Int64> ids;
    std::vector<Poco::Data::BLOB> bytes;
    _db.session() << "SELECT id, bytes FROM text_dictionaries ORDER BY id", into(ids), into(bytes), now;
    for (std::size_t i = 0; i < ids.size(); ++i)
        StoredText::remember(StoredText::dictionary(
            ids[i], std::string(reinterpret_cast<const char*>(bytes[i].rawContent()), bytes[i].size())));
}

}
} // namespace sfe::store
