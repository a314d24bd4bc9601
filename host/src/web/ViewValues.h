//
// ViewValues.h
//
// Library: sfia-evidence (host)
// Package: web
//
// The two small things every page's view needs: a new object that keeps its keys' order, and a
// value of the plugin's answer as text.
//

#ifndef SFE_HOST_WEB_VIEWVALUES_H
#define SFE_HOST_WEB_VIEWVALUES_H

#include <Poco/JSON/Object.h>

#include <string>

namespace sfe {
namespace host {
namespace web {

/// Builds the JSON views the page templates render from the plugin's answers.
class ViewValues
{
public:
    /// A new, empty object whose keys stay in the order they are set (the order a table's
    /// columns or a record's fields are shown in).
    static Poco::JSON::Object::Ptr object();

    /// The value under `key` as text; "" when `from` is null, has no such key or holds null there.
    static std::string text(const Poco::JSON::Object::Ptr& from, const std::string& key);
};

}
}
} // namespace sfe::host::web

#endif
