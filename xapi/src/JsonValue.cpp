//
// JsonValue.cpp
//
// Library: sfe_xapi
// Package: model
//

#include "sfe/xapi/JsonValue.h"

namespace sfe {
namespace xapi {

JsonValue::JsonValue(const char* text):
    _kind(Kind::String),
    _text(text)
{}
JsonValue::JsonValue(std::string text):
    _kind(Kind::String),
    _text(std::move(text))
{}
JsonValue::JsonValue(int value):
    _kind(Kind::Integer),
    _integer(value)
{}
JsonValue::JsonValue(std::int64_t value):
    _kind(Kind::Integer),
    _integer(value)
{}
JsonValue::JsonValue(double value):
    _kind(Kind::Number),
    _number(value)
{}
JsonValue::JsonValue(bool value):
    _kind(Kind::Boolean),
    _boolean(value)
{}

JsonValue JsonValue::raw(std::string json)
{
    JsonValue v;
    v._kind = Kind::Raw;
    v._text = std::move(json);
    return v;
}

bool JsonValue::operator==(const JsonValue& other) const
{
    if (_kind != other._kind) return false;
    switch (_kind)
    {
        case Kind::Null:
            return true;
        case Kind::String:
        case Kind::Raw:
            return _text == other._text;
        case Kind::Integer:
            return _integer == other._integer;
        case Kind::Number:
            return _number == other._number;
        case Kind::Boolean:
            return _boolean == other._boolean;
    }
    return false;
}

}
} // namespace sfe::xapi
