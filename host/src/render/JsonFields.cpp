//
// JsonFields.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// Reading the fields of a plugin response as text, with JSON null handled once.
//

#include "render/JsonFields.h"

#include "render/TextLayout.h"

#include <Poco/NumberFormatter.h>

namespace sfe {
namespace host {

bool JsonFields::present(const Poco::JSON::Object& object, const std::string& key)
{
    return object.has(key) && !object.isNull(key);
}

std::string JsonFields::text(const Poco::JSON::Object& object, const std::string& key, const std::string& fallback)
{
    if (!present(object, key)) return fallback;
    const Poco::Dynamic::Var value = object.get(key);
    if (value.type() == typeid(double)) return number(value.extract<double>());
    return TextLayout::printable(value.toString()); // a note or an id from the store may hold ESC [ ...
}

std::vector<std::string> JsonFields::strings(const Poco::JSON::Array::Ptr& array)
{
    std::vector<std::string> result;
    for (std::size_t i = 0; array && i < array->size(); ++i)
        result.push_back(TextLayout::printable(array->get(static_cast<unsigned>(i)).toString()));
    return result;
}

std::string JsonFields::joined(const Poco::JSON::Array::Ptr& array, const std::string& separator)
{
    std::string text;
    for (const auto& element : strings(array)) text += (text.empty() ? "" : separator) + element;
    return text;
}

std::size_t JsonFields::size(const Poco::JSON::Object& object, const std::string& key)
{
    if (!present(object, key)) return 0;
    Poco::JSON::Array::Ptr array = object.getArray(key);
    return array ? array->size() : 0;
}

std::string JsonFields::number(double value)
{
    std::string text = Poco::NumberFormatter::format(value, 6);
    if (text.find('.') != std::string::npos)
    {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
    }
    return text;
}

}
} // namespace sfe::host
