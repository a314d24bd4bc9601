//
// PersonOption.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// The option the privacy commands share: --learner, the person a request is about.
//

#include "PersonOption.h"

#include "CommandLine.h"

namespace sfe {
namespace host {

void PersonOption::define(Poco::Util::OptionSet& options)
{
    options.addOption(Poco::Util::Option("learner", "", "the person's LMS id (as learner, assessor or auditor)")
                          .argument("ID")
                          .required(true));
}

std::string PersonOption::apply(const CommandLine& line, Poco::JSON::Object& request)
{
    const std::string person = line.value("learner");
    request.set("person", person);
    return person;
}

}
} // namespace sfe::host
