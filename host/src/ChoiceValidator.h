//
// ChoiceValidator.h
//
// Library: sfia-evidence (host)
// Package: host
//
// Accepts an option's value only when it is one of a fixed list.
//

#ifndef SFE_HOST_CHOICEVALIDATOR_H
#define SFE_HOST_CHOICEVALIDATOR_H

#include <Poco/Util/Validator.h>

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// A Poco option validator for values from a list ("--verb completed|passed|failed"), whose
/// refusal names the option, the value and every allowed one. CommandLine turns the refusal into
/// a usage error.
class ChoiceValidator: public Poco::Util::Validator
{
public:
    explicit ChoiceValidator(std::vector<std::string> choices);

    void validate(const Poco::Util::Option& option, const std::string& value) override;
    /// Throws Poco::InvalidArgumentException when `value` is not one of the choices.

private:
    std::vector<std::string> _choices;
};

}
} // namespace sfe::host

#endif
