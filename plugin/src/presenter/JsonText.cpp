//
// JsonText.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/JsonText.h"

#include "sfe/xapi/Utf8.h"

namespace sfe {
namespace presenter {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Appends a code point as UTF-8.
void appendUtf8(std::string& out, std::uint32_t c)
{
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800)
    {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    else if (c < 0x10000)
    {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    else
    {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

/// The four hex digits of a \u escape at `at` (just past "\u"), or -1.
long hex4(std::string_view text, std::size_t at)
{
    if (at + 4 > text.size()) return -1;
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k)
    {
        const int h = hexValue(text[at + k]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/// The recursive-descent checker. Positions are byte offsets into the whole text.
class Checker
{
public:
    explicit Checker(std::string_view text):
        _text(text)
    {}

    std::string_view run()
    {
        skipSpace();
        const std::size_t start = _pos;
        value(1);
        const std::size_t end = _pos;
        skipSpace();
        if (_pos != _text.size()) fail("unexpected text after the JSON value");
        return _text.substr(start, end - start);
    }

private:
    [[noreturn]] void fail(const std::string& reason) const { throw JsonText::SyntaxError(_pos, reason); }

    void skipSpace()
    {
        while (_pos < _text.size() && isSpace(_text[_pos])) ++_pos;
    }

    char peek() const
    {
        if (_pos >= _text.size()) throw JsonText::SyntaxError(_pos, "unexpected end of the text");
        return _text[_pos];
    }

    void value(int depth)
    {
        const char c = peek();
        if (c == '{') object(depth);
        else if (c == '[') array(depth);
        else if (c == '"') string();
        else if (c == '-' || isDigit(c)) number();
        else if (c == 't') literal("true");
        else if (c == 'f') literal("false");
        else if (c == 'n') literal("null");
        else if (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f)
            fail(std::string("unexpected character '") + c + "'");
        else fail("unexpected byte");
    }

    void literal(const char* word)
    {
        const std::string_view w(word);
        if (_text.substr(_pos, w.size()) != w) fail("unexpected character '" + std::string(1, _text[_pos]) + "'");
        _pos += w.size();
    }

    void number()
    {
        if (_text[_pos] == '-') ++_pos;
        if (peek() == '0') ++_pos;
        else if (isDigit(peek()))
            while (_pos < _text.size() && isDigit(_text[_pos])) ++_pos;
        else fail("a number needs a digit here");
        if (_pos < _text.size() && _text[_pos] == '.')
        {
            ++_pos;
            if (!isDigit(peek())) fail("a number needs a digit after '.'");
            while (_pos < _text.size() && isDigit(_text[_pos])) ++_pos;
        }
        if (_pos < _text.size() && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            ++_pos;
            if (peek() == '+' || peek() == '-') ++_pos;
            if (!isDigit(peek())) fail("a number needs a digit in its exponent");
            while (_pos < _text.size() && isDigit(_text[_pos])) ++_pos;
        }
    }

    void string()
    {
        ++_pos; // the opening quote
        for (;;)
        {
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"')
            {
                ++_pos;
                return;
            }
            if (c < 0x20) fail("a control character must be escaped in a JSON string");
            if (c == '\\')
            {
                ++_pos;
                const char e = peek();
                if (e == 'u')
                {
                    const long u = hex4(_text, _pos + 1);
                    if (u < 0) fail("\\u needs four hex digits");
                    _pos += 5;
                    if (u >= 0xDC00 && u <= 0xDFFF) fail("unpaired surrogate \\u escape");
                    if (u >= 0xD800 && u <= 0xDBFF)
                    {
                        const long low = _text.substr(_pos, 2) == "\\u" ? hex4(_text, _pos + 2) : -1;
                        if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate \\u escape");
                        _pos += 6;
                    }
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                    fail("unknown escape in a JSON string");
                ++_pos;
                continue;
            }
            if (c < 0x80)
            {
                ++_pos;
                continue;
            }
            // Only the one sequence is copied, to reuse the strict decoder.
            const std::string sequence(_text.substr(_pos, 4));
            std::size_t offset = 0;
            std::uint32_t codePoint = 0;
            if (!xapi::Utf8::decode(sequence, offset, codePoint)) fail("not valid UTF-8");
            _pos += offset;
        }
    }

    void object(int depth)
    {
        if (depth > JsonText::kMaxDepth) fail("nested deeper than " + std::to_string(JsonText::kMaxDepth) + " levels");
        ++_pos;
        skipSpace();
        if (peek() == '}')
        {
            ++_pos;
            return;
        }
        for (std::size_t members = 1;; ++members)
        {
            if (members > JsonText::kMaxMembers)
                fail("an object with more than " + std::to_string(JsonText::kMaxMembers) + " members");
            if (peek() != '"') fail("an object member must start with a quoted key");
            string();
            skipSpace();
            if (peek() != ':') fail("expected ':' after an object key");
            ++_pos;
            skipSpace();
            value(depth + 1);
            if (!another('}', "an object")) return;
        }
    }

    void array(int depth)
    {
        if (depth > JsonText::kMaxDepth) fail("nested deeper than " + std::to_string(JsonText::kMaxDepth) + " levels");
        ++_pos;
        skipSpace();
        if (peek() == ']')
        {
            ++_pos;
            return;
        }
        for (;;)
        {
            value(depth + 1);
            if (!another(']', "an array")) return;
        }
    }

    /// After a member or element: true past a ',' (another follows), false past `close` (the end);
    /// anything else fails.
    bool another(char close, const char* in)
    {
        skipSpace();
        if (peek() == ',')
        {
            ++_pos;
            skipSpace();
            return true;
        }
        if (peek() == close)
        {
            ++_pos;
            return false;
        }
        fail(std::string("expected ',' or '") + close + "' in " + in);
    }

    std::string_view _text;
    std::size_t _pos = 0;
};

/// The end of the checked value starting at `pos`: strings are skipped with their escapes,
/// containers by counting brackets outside strings.
std::size_t skipValue(std::string_view text, std::size_t pos)
{
    int depth = 0;
    do {
        const char c = text[pos];
        if (c == '"')
        {
            ++pos;
            while (text[pos] != '"') pos += text[pos] == '\\' ? 2 : 1;
            ++pos;
        }
        else if (c == '{' || c == '[')
        {
            ++depth;
            ++pos;
        }
        else if (c == '}' || c == ']')
        {
            --depth;
            ++pos;
        }
        else if (isSpace(c) || c == ',' || c == ':') ++pos;
        else
        {
            // a number or a literal
            while (pos < text.size() && !isSpace(text[pos]) && text[pos] != ',' && text[pos] != '}' &&
                   text[pos] != ']' && text[pos] != ':')
                ++pos;
        }
        if (depth > 0)
            while (pos < text.size() && isSpace(text[pos])) ++pos;
    } while (depth > 0);
    return pos;
}

std::size_t skipSpaceFrom(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && isSpace(text[pos])) ++pos;
    return pos;
}

} // namespace

JsonText::SyntaxError::SyntaxError(std::size_t offset, const std::string& reason):
    std::runtime_error(reason + " at byte " + std::to_string(offset)),
    _offset(offset)
{}

std::string_view JsonText::check(std::string_view text)
{
    return Checker(text).run();
}

JsonText::Kind JsonText::kind(std::string_view value)
{
    switch (value.empty() ? 'n' : value.front())
    {
        case '{':
            return Kind::Object;
        case '[':
            return Kind::Array;
        case '"':
            return Kind::String;
        case 't':
        case 'f':
            return Kind::Boolean;
        case 'n':
            return Kind::Null;
        default:
            return Kind::Number;
    }
}

std::vector<JsonText::Member> JsonText::members(std::string_view object)
{
    std::vector<Member> out;
    std::size_t pos = skipSpaceFrom(object, 1);
    while (object[pos] != '}')
    {
        const std::size_t keyEnd = skipValue(object, pos);
        Member m;
        m.key = string(object.substr(pos, keyEnd - pos));
        pos = skipSpaceFrom(object, keyEnd);
        pos = skipSpaceFrom(object, pos + 1); // the ':'
        const std::size_t valueEnd = skipValue(object, pos);
        m.value = object.substr(pos, valueEnd - pos);
        out.push_back(std::move(m));
        pos = skipSpaceFrom(object, valueEnd);
        if (object[pos] == ',') pos = skipSpaceFrom(object, pos + 1);
    }
    return out;
}

std::string_view JsonText::next(std::string_view array, std::size_t& cursor)
{
    std::size_t pos = skipSpaceFrom(array, cursor == 0 ? 1 : cursor);
    if (array[pos] == ',') pos = skipSpaceFrom(array, pos + 1);
    if (array[pos] == ']')
    {
        cursor = pos;
        return {};
    }
    const std::size_t end = skipValue(array, pos);
    cursor = end;
    return array.substr(pos, end - pos);
}

std::string JsonText::string(std::string_view value)
{
    std::string out;
    out.reserve(value.size());
    for (std::size_t pos = 1; pos + 1 < value.size();)
    {
        const char c = value[pos];
        if (c != '\\')
        {
            out += c;
            ++pos;
            continue;
        }
        const char e = value[pos + 1];
        pos += 2;
        switch (e)
        {
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u':
            {
                std::uint32_t u = static_cast<std::uint32_t>(hex4(value, pos));
                pos += 4;
                if (u >= 0xD800 && u <= 0xDBFF)
                {
                    const auto low = static_cast<std::uint32_t>(hex4(value, pos + 2));
                    pos += 6;
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(out, u);
                break;
            }
            default:
                out += e;
                break; // " \ /
        }
    }
    return out;
}

}
} // namespace sfe::presenter
