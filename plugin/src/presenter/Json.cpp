//
// Json.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/Json.h"

#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace sfe {
namespace presenter {

Poco::JSON::Object::Ptr object()
{
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Poco::JSON::Array::Ptr array(const std::vector<std::string>& values)
{
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& v : values) arr->add(v);
    return arr;
}

std::string toJson(const Poco::Dynamic::Var& value)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(value, out);
    return out.str();
}

}
} // namespace sfe::presenter
