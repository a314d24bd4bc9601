//
// Json.h
//
// Library: sfe_core
// Package: presenter
//
// Small helpers the presenters share to build JSON responses.
//

#ifndef SFE_PRESENTER_JSON_H
#define SFE_PRESENTER_JSON_H

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace sfe {
namespace presenter {

/// A JSON object that keeps keys in insertion order, so responses read in a sensible order.
Poco::JSON::Object::Ptr object();

/// A JSON array of the strings, in order.
Poco::JSON::Array::Ptr array(const std::vector<std::string>& values);

/// Compact JSON text of an object or array.
std::string toJson(const Poco::Dynamic::Var& value);

}
} // namespace sfe::presenter

#endif
