//
// JsonFields.h
//
// Library: sfia-evidence (host)
// Package: render
//
// Reading the fields of a plugin response as text, with JSON null handled once.
//

#ifndef SFE_HOST_RENDER_JSONFIELDS_H
#define SFE_HOST_RENDER_JSONFIELDS_H

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// Text from the fields of a response. The plugin writes absent values as JSON null; these
/// helpers turn null (and a missing key) into a fallback the renderer chooses.
class JsonFields
{
public:
    static bool present(const Poco::JSON::Object& object, const std::string& key);
    /// Whether `key` exists and is not null.

    static std::string text(const Poco::JSON::Object& object, const std::string& key, const std::string& fallback = "");
    /// A string field as it is (control characters escaped, TextLayout::printable), a number
    /// or boolean as JSON writes it; `fallback` for null.

    static std::vector<std::string> strings(const Poco::JSON::Array::Ptr& array);
    /// The elements of an array of strings (escaped as text()); empty for a null array.

    static std::string joined(const Poco::JSON::Array::Ptr& array, const std::string& separator = ", ");
    /// The elements of an array of strings, joined.

    static std::size_t size(const Poco::JSON::Object& object, const std::string& key);
    /// The length of an array field; 0 for null.

    static std::string number(double value);
    /// A number as people write it: "0.85", "85", "-1".
};

}
} // namespace sfe::host

#endif
