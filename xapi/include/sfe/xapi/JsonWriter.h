//
// JsonWriter.h
//
// Library: sfe_xapi
// Package: serialization
//
// A minimal streaming JSON writer that appends compact JSON to a std::string.
//

#ifndef SFE_XAPI_JSONWRITER_H
#define SFE_XAPI_JSONWRITER_H

#include <cstdint>
#include <string>
#include <string_view>

namespace sfe {
namespace xapi {

class JsonValue;

/// Appends compact JSON (no whitespace) to a string the caller owns, in the order the calls come.
/// No DOM, no allocation beyond the output string: this is the serializer's hot path.
/// Commas and colons are placed automatically; the caller is responsible for balanced
/// begin/end calls and for calling key() before each member of an object.
/// Strings are written as UTF-8 unchanged, with '"', '\\' and control characters escaped
/// ("\\n", "\\t", ... and "\\u00XX" for the rest); '/' and non-ASCII are not escaped.
class JsonWriter
{
public:
    /// Writes into `out`, appending; `out` must outlive the writer.
    explicit JsonWriter(std::string& out):
        _out(out)
    {}

    void beginObject()
    {
        separate();
        _out += '{';
        _first = true;
    }
    void endObject()
    {
        _out += '}';
        _first = false;
    }
    void beginArray()
    {
        separate();
        _out += '[';
        _first = true;
    }
    void endArray()
    {
        _out += ']';
        _first = false;
    }

    /// The name of the next object member.
    void key(std::string_view name)
    {
        separate();
        appendQuoted(_out, name);
        _out += ':';
        _afterKey = true;
    }

    void string(std::string_view text)
    {
        separate();
        appendQuoted(_out, text);
        _first = false;
    }
    void integer(std::int64_t value);
    void unsignedInteger(std::uint64_t value);
    /// Shortest text that reads back as the same double. Throws Poco::InvalidArgumentException
    /// for NaN and infinities, which JSON cannot represent.
    void number(double value);
    void boolean(bool value)
    {
        separate();
        _out += value ? "true" : "false";
        _first = false;
    }
    void null()
    {
        separate();
        _out += "null";
        _first = false;
    }
    /// JSON text written verbatim (the caller guarantees it is valid JSON).
    void raw(std::string_view json)
    {
        separate();
        _out += json;
        _first = false;
    }
    /// Any JsonValue.
    void value(const JsonValue& value);

    /// Appends `text` as a quoted, escaped JSON string.
    static void appendQuoted(std::string& out, std::string_view text);

    /// `text` as a quoted, escaped JSON string (for messages that name a value).
    static std::string quoted(std::string_view text);

private:
    void separate()
    {
        if (_afterKey) _afterKey = false;
        else if (!_first) _out += ',';
    }

    std::string& _out;
    bool _first = true;
    bool _afterKey = false;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_JSONWRITER_H
