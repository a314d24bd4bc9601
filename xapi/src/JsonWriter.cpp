//
// JsonWriter.cpp
//
// Library: sfe_xapi
// Package: serialization
//

#include "sfe/xapi/JsonWriter.h"
#include "sfe/xapi/JsonValue.h"
#include <Poco/Exception.h>
#include <charconv>
#include <cstring>
#include <cmath>

namespace sfe {
namespace xapi {

namespace {

/// True if any of the 8 bytes in `word` needs escaping in a JSON string: below 0x20, '"' or '\\'.
/// (SWAR: the "has a byte less than n" and "has a zero byte" tricks, on the word and on it XOR
/// the quote and backslash patterns.)
inline bool needsEscape(std::uint64_t word)
{
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    const std::uint64_t control = (word - kOnes * 0x20) & ~word;
    const std::uint64_t quote = word ^ (kOnes * '"');
    const std::uint64_t backslash = word ^ (kOnes * '\\');
    const std::uint64_t hits = control | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
    return (hits & kHighs) != 0;
}

} // namespace

std::string JsonWriter::quoted(std::string_view text)
{
    std::string out;
    appendQuoted(out, text);
    return out;
}

void JsonWriter::appendQuoted(std::string& out, std::string_view text)
{
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    const char* run = text.data();
    const char* const end = text.data() + text.size();
    const char* p = run;
    while (p != end)
    {
        // Skip eight clean bytes at a time; most text has nothing to escape.
        if (end - p >= 8)
        {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if (!needsEscape(word))
            {
                p += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
        {
            ++p;
            continue;
        }
        out.append(run, static_cast<std::size_t>(p - run));
        switch (c)
        {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
        }
        run = ++p;
    }
    out.append(run, static_cast<std::size_t>(end - run));
    out += '"';
}

void JsonWriter::integer(std::int64_t value)
{
    separate();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    _out.append(buf, r.ptr);
    _first = false;
}

void JsonWriter::unsignedInteger(std::uint64_t value)
{
    separate();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    _out.append(buf, r.ptr);
    _first = false;
}

void JsonWriter::number(double value)
{
    if (!std::isfinite(value))
        throw Poco::InvalidArgumentException("JSON cannot represent a number that is NaN or infinite");
    separate();
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    _out.append(buf, r.ptr);
    _first = false;
}

void JsonWriter::value(const JsonValue& v)
{
    switch (v.kind())
    {
        case JsonValue::Kind::Null:
            null();
            break;
        case JsonValue::Kind::String:
            string(v.text());
            break;
        case JsonValue::Kind::Integer:
            integer(v.integer());
            break;
        case JsonValue::Kind::Number:
            number(v.number());
            break;
        case JsonValue::Kind::Boolean:
            boolean(v.boolean());
            break;
        case JsonValue::Kind::Raw:
            raw(v.text());
            break;
    }
}

}
} // namespace sfe::xapi
