//
// RawJson.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// Finds values in JSON text and returns them exactly as they are written there.
//

#include "RawJson.h"

#include <Poco/Ascii.h>
#include <Poco/Exception.h>

#include <functional>

namespace sfe {
namespace host {

namespace {

/// Walks JSON text: enough of RFC 8259 to find where each value begins and ends.
class Scanner
{
public:
    explicit Scanner(const std::string& text):
        _text(text)
    {}

    std::size_t position() const { return _pos; }

    void skipSpace()
    {
        while (_pos < _text.size() && Poco::Ascii::isSpace(_text[_pos])) ++_pos;
    }

    void expect(char c)
    {
        skipSpace();
        if (_pos >= _text.size() || _text[_pos] != c) fail(std::string("expected '") + c + "'");
        ++_pos;
    }

    bool next(char c)
    {
        skipSpace();
        if (_pos < _text.size() && _text[_pos] == c)
        {
            ++_pos;
            return true;
        }
        return false;
    }

    /// A string's text between its quotes, escapes left as written.
    std::string string()
    {
        expect('"');
        const std::size_t begin = _pos;
        while (_pos < _text.size() && _text[_pos] != '"') _pos += _text[_pos] == '\\' ? 2 : 1;
        if (_pos >= _text.size()) fail("unterminated string");
        return _text.substr(begin, _pos++ - begin);
    }

    /// Skips one value; returns where it began.
    std::size_t value()
    {
        skipSpace();
        const std::size_t begin = _pos;
        if (_pos >= _text.size()) fail("expected a value");
        const char c = _text[_pos];
        if (c == '"') string();
        else if (c == '{') members([this](const std::string&) { value(); });
        else if (c == '[') elements([this] { value(); });
        else
        {
            while (_pos < _text.size() && (Poco::Ascii::isAlphaNumeric(_text[_pos]) || _text[_pos] == '-' ||
                                           _text[_pos] == '+' || _text[_pos] == '.'))
                ++_pos;
            if (_pos == begin) fail("expected a value");
        }
        return begin;
    }

    /// Walks an object, calling `member` with each name, positioned at its value (which `member` must consume).
    void members(const std::function<void(const std::string&)>& member)
    {
        expect('{');
        if (next('}')) return;
        do {
            const std::string name = string();
            expect(':');
            member(name);
        } while (next(','));
        expect('}');
    }

    void elements(const std::function<void()>& element)
    {
        expect('[');
        if (next(']')) return;
        do element();
        while (next(','));
        expect(']');
    }

    std::string slice(std::size_t begin) const { return _text.substr(begin, _pos - begin); }

    [[noreturn]] void fail(const std::string& what) const
    {
        throw Poco::SyntaxException("JSON at byte " + std::to_string(_pos) + ": " + what);
    }

private:
    const std::string& _text;
    std::size_t _pos = 0;
};

} // namespace

std::vector<std::string> RawJson::memberOfEach(const std::string& json, const std::string& arrayKey,
                                               const std::string& memberKey)
{
    Scanner scanner(json);
    std::vector<std::string> result;
    bool foundArray = false;
    scanner.members([&](const std::string& name) {
        if (name != arrayKey)
        {
            scanner.value();
            return;
        }
        foundArray = true;
        scanner.elements([&] {
            bool foundMember = false;
            scanner.members([&](const std::string& field) {
                const std::size_t begin = scanner.value();
                if (field == memberKey)
                {
                    result.push_back(scanner.slice(begin));
                    foundMember = true;
                }
            });
            if (!foundMember) scanner.fail("an element of \"" + arrayKey + "\" has no \"" + memberKey + "\"");
        });
    });
    if (!foundArray) scanner.fail("no member \"" + arrayKey + "\"");
    return result;
}

}
} // namespace sfe::host
