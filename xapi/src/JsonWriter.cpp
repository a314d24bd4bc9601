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
#include <cmath>

namespace sfe {
namespace xapi {

void JsonWriter::appendQuoted(std::string& out, std::string_view text)
{
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    const char* run = text.data();
    const char* const end = text.data() + text.size();
    for (const char* p = run; p != end; ++p)
    {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(run, p);
        switch (c)
        {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
        run = p + 1;
    }
    out.append(run, end);
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
    case JsonValue::Kind::Null: null(); break;
    case JsonValue::Kind::String: string(v.text()); break;
    case JsonValue::Kind::Integer: integer(v.integer()); break;
    case JsonValue::Kind::Number: number(v.number()); break;
    case JsonValue::Kind::Boolean: boolean(v.boolean()); break;
    case JsonValue::Kind::Raw: raw(v.text()); break;
    }
}

} } // namespace sfe::xapi
