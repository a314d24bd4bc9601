//
// MessageArgs.h
//
// Library: sfe_i18n
// Package: i18n
//
// The named values a message pattern refers to.
//

#ifndef SFE_I18N_MESSAGEARGS_H
#define SFE_I18N_MESSAGEARGS_H

#include <string>
#include <variant>
#include <vector>

namespace sfe {
namespace i18n {

/// Named arguments for Messages::format, e.g. MessageArgs().set("count", 3).set("learner", id).
/// Numbers stay numbers, so a pattern's plural and number formats apply to them; dates are given
/// as text already formatted by TimeText (in the reader's time zone).
class MessageArgs
{
public:
    using Value = std::variant<std::string, long long>;

    MessageArgs& set(const std::string& name, const std::string& text);
    MessageArgs& set(const std::string& name, const char* text);
    MessageArgs& set(const std::string& name, long long number);
    MessageArgs& set(const std::string& name, int number) { return set(name, static_cast<long long>(number)); }
    MessageArgs& set(const std::string& name, std::size_t number) { return set(name, static_cast<long long>(number)); }

    const std::vector<std::pair<std::string, Value>>& values() const { return _values; }

private:
    std::vector<std::pair<std::string, Value>> _values;
};

}
} // namespace sfe::i18n

#endif
