//
// JsonPath.cpp
//
// Library: sfe_xapi
// Package: profile
//

#include "sfe/xapi/JsonPath.h"
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <cctype>

namespace sfe {
namespace xapi {

namespace {

class Parser
{
public:
    explicit Parser(const std::string& text):
        _text(text)
    {}

    [[noreturn]] void fail(const std::string& what) const
    {
        throw Poco::SyntaxException("JSONPath \"" + _text + "\" at position " + std::to_string(_pos + 1), what);
    }

    bool atEnd() const { return _pos >= _text.size(); }
    char peek() const { return atEnd() ? '\0' : _text[_pos]; }
    void skipSpace()
    {
        while (!atEnd() && std::isspace(static_cast<unsigned char>(_text[_pos]))) ++_pos;
    }

    std::string quoted()
    {
        const char quote = _text[_pos++];
        std::string out;
        while (true)
        {
            if (atEnd()) fail("unterminated string");
            char c = _text[_pos++];
            if (c == quote) return out;
            if (c == '\\')
            {
                if (atEnd()) fail("unterminated string");
                c = _text[_pos++];
            }
            out += c;
        }
    }

    std::size_t index()
    {
        std::size_t n = 0;
        const std::size_t start = _pos;
        while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek())))
            n = n * 10 + static_cast<std::size_t>(_text[_pos++] - '0');
        if (_pos == start) fail("expected an index, a quoted name or '*'");
        return n;
    }

    std::string name()
    {
        const std::size_t start = _pos;
        while (!atEnd())
        {
            const char c = peek();
            if (c == '.' || c == '[' || c == '|' || c == ']' || c == '\'' || c == '"' || c == '(' ||
                std::isspace(static_cast<unsigned char>(c)))
                break;
            ++_pos;
        }
        if (_pos == start) fail("expected a member name");
        return _text.substr(start, _pos - start);
    }

    template<class Step>
    std::vector<std::vector<Step>> parse()
    {
        std::vector<std::vector<Step>> alternatives;
        while (true)
        {
            skipSpace();
            std::vector<Step> path;
            if (peek() == '$') ++_pos;
            else
            {
                // The spec's own example leaves out "$.": "context.contextActivities.grouping[*].id".
                Step first;
                if (peek() == '*')
                {
                    ++_pos;
                    first.wildcard = true;
                }
                else first.names.push_back(name());
                path.push_back(first);
            }
            while (!atEnd() && peek() != '|' && !std::isspace(static_cast<unsigned char>(peek())))
            {
                Step step;
                if (peek() == '.')
                {
                    ++_pos;
                    if (peek() == '.') fail("recursive descent '..' is not allowed in xAPI Profiles");
                    if (peek() == '*')
                    {
                        ++_pos;
                        step.wildcard = true;
                    }
                    else step.names.push_back(name());
                }
                else if (peek() == '[')
                {
                    ++_pos;
                    while (true)
                    {
                        skipSpace();
                        const char c = peek();
                        if (c == '?' || c == '(')
                            fail("filter and script expressions are not allowed in xAPI Profiles");
                        if (c == '*')
                        {
                            ++_pos;
                            step.wildcard = true;
                        }
                        else if (c == '\'' || c == '"') step.names.push_back(quoted());
                        else step.indexes.push_back(index());
                        skipSpace();
                        if (peek() == ',')
                        {
                            ++_pos;
                            continue;
                        }
                        if (peek() == ']')
                        {
                            ++_pos;
                            break;
                        }
                        if (peek() == ':') fail("array slices are not allowed in xAPI Profiles");
                        fail("expected ',' or ']'");
                    }
                }
                else fail(std::string("unexpected '") + peek() + "'");
                path.push_back(std::move(step));
            }
            alternatives.push_back(std::move(path));
            skipSpace();
            if (atEnd()) return alternatives;
            if (peek() != '|') fail(std::string("unexpected '") + peek() + "'");
            ++_pos;
        }
    }

private:
    const std::string& _text;
    std::size_t _pos = 0;
};

} // namespace

JsonPath::JsonPath(const std::string& expression):
    _expression(expression)
{
    if (expression.empty()) throw Poco::SyntaxException("JSONPath is empty");
    _alternatives = Parser(_expression).parse<Step>();
}

std::vector<Poco::Dynamic::Var> JsonPath::evaluate(const Poco::Dynamic::Var& root) const
{
    std::vector<Poco::Dynamic::Var> result;
    for (const Path& path : _alternatives)
    {
        std::vector<Poco::Dynamic::Var> current{root};
        for (const Step& step : path)
        {
            std::vector<Poco::Dynamic::Var> next;
            for (const auto& value : current)
            {
                if (value.type() == typeid(Poco::JSON::Object::Ptr))
                {
                    const auto object = value.extract<Poco::JSON::Object::Ptr>();
                    if (!object) continue;
                    if (step.wildcard)
                        for (const auto& member : *object) next.push_back(member.second);
                    for (const auto& n : step.names)
                        if (object->has(n)) next.push_back(object->get(n));
                }
                else if (value.type() == typeid(Poco::JSON::Array::Ptr))
                {
                    const auto array = value.extract<Poco::JSON::Array::Ptr>();
                    if (!array) continue;
                    if (step.wildcard)
                        for (std::size_t i = 0; i < array->size(); ++i)
                            next.push_back(array->get(static_cast<unsigned>(i)));
                    for (std::size_t i : step.indexes)
                        if (i < array->size()) next.push_back(array->get(static_cast<unsigned>(i)));
                }
            }
            current.swap(next);
        }
        result.insert(result.end(), current.begin(), current.end());
    }
    return result;
}

}
} // namespace sfe::xapi
