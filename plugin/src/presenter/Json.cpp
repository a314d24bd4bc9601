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

std::string toJson(const Poco::Dynamic::Var& value)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(value, out);
    return out.str();
}

} } // namespace sfe::presenter
