//
// MessageArgs.cpp
//
// Library: sfe_i18n
// Package: i18n
//

#include "sfe/i18n/MessageArgs.h"

namespace sfe {
namespace i18n {

MessageArgs& MessageArgs::set(const std::string& name, const std::string& text)
{
    _values.emplace_back(name, text);
    return *this;
}

MessageArgs& MessageArgs::set(const std::string& name, const char* text)
{
    return set(name, std::string(text ? text : ""));
}

MessageArgs& MessageArgs::set(const std::string& name, long long number)
{
    _values.emplace_back(name, number);
    return *this;
}

}
} // namespace sfe::i18n
