//
// PersonOption.h
//
// Library: sfia-evidence (host)
// Package: host
//
// The option the privacy commands share: --learner, the person a request is about.
//

#ifndef SFE_HOST_PERSONOPTION_H
#define SFE_HOST_PERSONOPTION_H

#include <Poco/JSON/Object.h>
#include <Poco/Util/OptionSet.h>

#include <string>

namespace sfe {
namespace host {

class CommandLine;

/// --learner ID, for `privacy export` and `privacy erase`: the person they are about, whatever
/// roles the id had (learner, assessor or auditor); the plugin calls it "person".
class PersonOption
{
public:
    /// Adds --learner ID, required.
    static void define(Poco::Util::OptionSet& options);

    /// Sets the request's "person" to it and returns it.
    static std::string apply(const CommandLine& line, Poco::JSON::Object& request);
};

}
} // namespace sfe::host

#endif
