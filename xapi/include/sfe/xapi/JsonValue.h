//
// JsonValue.h
//
// Library: sfe_xapi
// Package: model
//
// A small JSON value for extension values: string, integer, number, boolean, null or raw JSON text.
//

#ifndef SFE_XAPI_JSONVALUE_H
#define SFE_XAPI_JSONVALUE_H

#include <cstdint>
#include <map>
#include <string>

namespace sfe {
namespace xapi {

/// The value of one xAPI extension. Extensions may hold any JSON; the common scalar kinds are
/// typed, anything else (objects, arrays) is carried as raw JSON text, written out verbatim.
class JsonValue
{
public:
    enum class Kind
    {
        Null,
        String,
        Integer,
        Number,
        Boolean,
        Raw
    };

    JsonValue() = default;         ///< null
    JsonValue(const char* text);   ///< a string
    JsonValue(std::string text);   ///< a string
    JsonValue(int value);          ///< an integer
    JsonValue(std::int64_t value); ///< an integer
    JsonValue(double value);       ///< a number (must be finite to be serialised)
    JsonValue(bool value);         ///< a boolean

    /// A value given as JSON text (an object or array, say). It is written out verbatim, so it must
    /// be valid JSON; StatementValidator parses it to make sure.
    static JsonValue raw(std::string json);

    Kind kind() const { return _kind; }
    const std::string& text() const { return _text; } ///< the string, or the raw JSON text
    std::int64_t integer() const { return _integer; }
    double number() const { return _number; }
    bool boolean() const { return _boolean; }

    bool operator==(const JsonValue& other) const;
    bool operator!=(const JsonValue& other) const { return !(*this == other); }

private:
    Kind _kind = Kind::Null;
    std::string _text;
    std::int64_t _integer = 0;
    double _number = 0;
    bool _boolean = false;
};

/// Extensions: IRI key to value. Ordered by key, so serialisation is deterministic.
using Extensions = std::map<std::string, JsonValue>;

}
} // namespace sfe::xapi

#endif // SFE_XAPI_JSONVALUE_H
