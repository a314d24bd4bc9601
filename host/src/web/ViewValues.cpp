//
// ViewValues.cpp
//
// Library: sfia-evidence (host)
// Package: web
//

#include "web/ViewValues.h"

namespace sfe {
namespace host {
namespace web {

Poco::JSON::Object::Ptr ViewValues::object()
{
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string ViewValues::text(const Poco::JSON::Object::Ptr& from, const std::string& key)
{
    return from && from->has(key) && !from->isNull(key) ? from->get(key).toString() : "";
}

}
}
} // namespace sfe::host::web
