//
// ChoiceValidator.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// Accepts an option's value only when it is one of a fixed list.
//

#include "ChoiceValidator.h"

#include <Poco/Exception.h>
#include <Poco/Util/Option.h>

#include <algorithm>

namespace sfe {
namespace host {

ChoiceValidator::ChoiceValidator(std::vector<std::string> choices):
    _choices(std::move(choices))
{}

void ChoiceValidator::validate(const Poco::Util::Option& option, const std::string& value)
{
    if (std::find(_choices.begin(), _choices.end(), value) != _choices.end()) return;
    std::string allowed;
    for (const auto& choice : _choices) allowed += (allowed.empty() ? "" : ", ") + choice;
    throw Poco::InvalidArgumentException("--" + option.fullName() + " \"" + value + "\" is not one of " + allowed);
}

}
} // namespace sfe::host
