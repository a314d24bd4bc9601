//
// PluginGateway.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// How the web host's requests reach the plugin: as the logged-in user, in the reader's language.
//

#include "web/PluginGateway.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {
namespace web {

PluginGateway::PluginGateway(PluginSession& session):
    _session(session)
{}

std::string PluginGateway::call(const std::string& operation, const Poco::JSON::Object& request, const User& caller,
                                const std::string& language)
{
    Poco::JSON::Object::Ptr envelope = PluginSession::copyOf(request);
    Poco::JSON::Object::Ptr who = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    who->set("id", caller.id);
    Poco::JSON::Array::Ptr roles = new Poco::JSON::Array;
    for (const auto& role : caller.roles) roles->add(role);
    who->set("roles", roles);
    envelope->set("caller", who);
    if (!envelope->has("lang")) envelope->set("lang", language);
    std::lock_guard<std::mutex> lock(_mutex);
    return _session.call(operation, *envelope);
}

Poco::JSON::Object::Ptr PluginGateway::object(const std::string& operation, const Poco::JSON::Object& request,
                                              const User& caller, const std::string& language)
{
    return PluginSession::parse(operation, call(operation, request, caller, language));
}

}
}
} // namespace sfe::host::web
