//
// Request.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/Request.h"

#include "sfe/runtime/Error.h"
#include "sfe/xapi/Utf8.h"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>

#include <cmath>
#include <limits>

namespace sfe {
namespace presenter {

namespace {

/// The parser's message may quote raw input bytes (even past the end of the input); replace what
/// is not valid UTF-8 or is a control character, so the error object stays valid JSON text.
std::string printable(const std::string& text)
{
    std::string out;
    std::size_t offset = 0;
    while (offset < text.size())
    {
        const std::size_t start = offset;
        std::uint32_t codePoint = 0;
        if (xapi::Utf8::decode(text, offset, codePoint) && codePoint >= 0x20)
            out.append(text, start, offset - start);
        else
        {
            out += '?';
            offset = start + 1;
        }
    }
    return out;
}

} // namespace

Request::Request(const std::string& operation, const std::string& json):
    _operation(operation)
{
    if (json.find_first_not_of(" \t\r\n") == std::string::npos)
    {
        _object = new Poco::JSON::Object;
        return;
    }
    try
    {
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var v = parser.parse(json);
        if (v.type() != typeid(Poco::JSON::Object::Ptr))
            throw runtime::Error::invalid(operation + ": the request must be a JSON object");
        _object = v.extract<Poco::JSON::Object::Ptr>();
    }
    catch (const Poco::JSON::JSONException& e)
    {
        throw runtime::Error::invalid(operation + ": the request is not valid JSON: " + printable(e.message()));
    }
    catch (const Poco::SyntaxException& e)
    {
        throw runtime::Error::invalid(operation + ": the request is not valid JSON: " + printable(e.message()));
    }
}

Request::Request(const std::string& operation, Poco::JSON::Object::Ptr object):
    _operation(operation),
    _object(std::move(object))
{
}

std::vector<Request> Request::objects(const std::string& key) const
{
    if (!has(key)) fail(key, "is required");
    Poco::JSON::Array::Ptr arr = _object->getArray(key);
    if (!arr) fail(key, "must be an array of objects");
    std::vector<Request> out;
    for (unsigned i = 0; i < arr->size(); ++i)
    {
        Poco::JSON::Object::Ptr item = arr->getObject(i);
        if (!item) fail(key + "[" + std::to_string(i) + "]", "must be an object");
        out.emplace_back(_operation + " " + key + "[" + std::to_string(i) + "]", item);
    }
    return out;
}

Poco::Dynamic::Var Request::value(const std::string& key) const
{
    return has(key) ? _object->get(key) : Poco::Dynamic::Var();
}

void Request::allowOnly(std::initializer_list<const char*> known) const
{
    for (const auto& [key, value] : *_object)
    {
        bool ok = false;
        for (const char* k : known) ok = ok || key == k;
        if (!ok) throw runtime::Error::invalid(_operation + ": unknown field '" + key + "'");
    }
}

void Request::fail(const std::string& key, const std::string& reason) const
{
    throw runtime::Error::invalid(_operation + ": '" + key + "' " + reason);
}

bool Request::has(const std::string& key) const
{
    return _object->has(key) && !_object->isNull(key);
}

std::string Request::string(const std::string& key) const
{
    auto value = optString(key);
    if (!value) fail(key, "is required");
    if (value->empty()) fail(key, "must not be empty");
    return *value;
}

std::optional<std::string> Request::optString(const std::string& key) const
{
    if (!has(key)) return std::nullopt;
    Poco::Dynamic::Var v = _object->get(key);
    if (!v.isString()) fail(key, "must be a string");
    return v.extract<std::string>();
}

std::optional<double> Request::optNumber(const std::string& key) const
{
    if (!has(key)) return std::nullopt;
    Poco::Dynamic::Var v = _object->get(key);
    if (!v.isNumeric()) fail(key, "must be a number");
    const double d = v.convert<double>();
    if (!std::isfinite(d)) fail(key, "must be a finite number");
    return d;
}

std::optional<int> Request::optInt(const std::string& key) const
{
    if (!has(key)) return std::nullopt;
    Poco::Dynamic::Var v = _object->get(key);
    if (!v.isInteger())
    {
        if (v.isNumeric())
        {
            const double d = v.convert<double>();
            if (std::floor(d) == d && std::fabs(d) < 1e9) return static_cast<int>(d);
        }
        fail(key, "must be an integer");
    }
    const Poco::Int64 n = v.convert<Poco::Int64>();
    if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) fail(key, "is out of range");
    return static_cast<int>(n);
}

std::optional<bool> Request::optBool(const std::string& key) const
{
    if (!has(key)) return std::nullopt;
    Poco::Dynamic::Var v = _object->get(key);
    if (!v.isBoolean()) fail(key, "must be true or false");
    return v.extract<bool>();
}

std::vector<std::string> Request::strings(const std::string& key) const
{
    std::vector<std::string> out;
    if (!has(key)) return out;
    Poco::JSON::Array::Ptr arr = _object->getArray(key);
    if (!arr) fail(key, "must be an array of strings");
    for (unsigned i = 0; i < arr->size(); ++i)
    {
        Poco::Dynamic::Var v = arr->get(i);
        if (!v.isString()) fail(key, "must be an array of strings");
        out.push_back(v.extract<std::string>());
    }
    return out;
}

} } // namespace sfe::presenter
