//
// StatementListing.cpp
//
// Project: sfia-evidence, tests/statements
//

#include "StatementListing.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <stdexcept>

namespace sfe {
namespace test {

namespace {

std::size_t afterString(const std::string& text, std::size_t open)
{
    for (std::size_t i = open + 1; i < text.size(); ++i)
    {
        if (text[i] == '\\') ++i;
        else if (text[i] == '"') return i + 1;
    }
    throw std::runtime_error("statements response: unterminated string at byte " + std::to_string(open));
}

std::size_t skipSpace(const std::string& text, std::size_t i)
{
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    return i;
}

std::size_t afterValue(const std::string& text, std::size_t start)
{
    if (start >= text.size()) throw std::runtime_error("statements response: value expected at the end");
    if (text[start] == '"') return afterString(text, start);
    if (text[start] != '{' && text[start] != '[')
    {
        const std::size_t end = text.find_first_of(",}] \t\r\n", start);
        return end == std::string::npos ? text.size() : end;
    }
    int depth = 0;
    for (std::size_t i = start; i < text.size(); ++i)
    {
        const char c = text[i];
        if (c == '"') i = afterString(text, i) - 1;
        else if (c == '{' || c == '[') ++depth;
        else if ((c == '}' || c == ']') && --depth == 0) return i + 1;
    }
    throw std::runtime_error("statements response: unbalanced value at byte " + std::to_string(start));
}

/// The exact text of each value of member `key` in objects nested `depth` containers deep.
std::vector<std::string> memberTexts(const std::string& text, const std::string& key, std::size_t depth)
{
    std::vector<std::string> out;
    std::vector<char> open;
    std::size_t i = 0;
    while (i < text.size())
    {
        const char c = text[i];
        if (c == '"')
        {
            const std::size_t end = afterString(text, i);
            const std::size_t colon = skipSpace(text, end);
            const bool isKey = !open.empty() && open.back() == '{' && colon < text.size() && text[colon] == ':';
            if (isKey && open.size() == depth && text.compare(i + 1, end - i - 2, key) == 0)
            {
                const std::size_t start = skipSpace(text, colon + 1);
                const std::size_t stop = afterValue(text, start);
                out.push_back(text.substr(start, stop - start));
                i = stop;
                continue;
            }
            i = end;
            continue;
        }
        if (c == '{' || c == '[') open.push_back(c);
        else if (c == '}' || c == ']')
        {
            if (open.empty()) throw std::runtime_error("statements response: unbalanced '" + std::string(1, c) + "'");
            open.pop_back();
        }
        ++i;
    }
    return out;
}

std::string optionalString(const Poco::JSON::Object::Ptr& o, const std::string& name)
{
    return o->isNull(name) ? std::string() : o->getValue<std::string>(name);
}

} // namespace

StatementListing::StatementListing(const std::string& response)
{
    const auto parsed = Poco::JSON::Parser().parse(response).extract<Poco::JSON::Object::Ptr>();
    const Poco::JSON::Array::Ptr list = parsed->getArray("statements");
    if (!list) throw std::runtime_error("statements response has no 'statements' array: " + response);
    // {"statements":[{...,"statement":BODY}]}: the bodies are members three containers deep.
    const std::vector<std::string> bodies = memberTexts(response, "statement", 3);
    if (bodies.size() != list->size())
        throw std::runtime_error("statements response: " + std::to_string(list->size()) + " entries but " +
                                 std::to_string(bodies.size()) + " 'statement' members");
    for (unsigned i = 0; i < list->size(); ++i)
    {
        const Poco::JSON::Object::Ptr entry = list->getObject(i);
        EmittedStatement s;
        s.id = entry->getValue<std::string>("id");
        s.kind = entry->getValue<std::string>("kind");
        s.state = entry->getValue<std::string>("state");
        s.evidence = optionalString(entry, "evidence");
        s.voids = optionalString(entry, "voids");
        s.body = bodies[i];
        s.json = entry->getObject("statement");
        if (!s.json) throw std::runtime_error("statements response: entry " + s.id + " has no statement object");
        _statements.push_back(std::move(s));
    }
}

std::vector<EmittedStatement> StatementListing::ofKind(const std::string& kind) const
{
    std::vector<EmittedStatement> out;
    for (const auto& s : _statements)
        if (s.kind == kind) out.push_back(s);
    return out;
}

bool StatementListing::has(const std::string& id) const
{
    for (const auto& s : _statements)
        if (s.id == id) return true;
    return false;
}

const EmittedStatement& StatementListing::byId(const std::string& id) const
{
    for (const auto& s : _statements)
        if (s.id == id) return s;
    throw std::runtime_error("no statement " + id + " in the outbox");
}

}
} // namespace sfe::test
