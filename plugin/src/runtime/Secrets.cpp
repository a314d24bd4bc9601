//
// Secrets.cpp
//
// Library: sfe_core
// Package: runtime
//

#include "sfe/runtime/Secrets.h"

#include <regex>

namespace sfe {
namespace runtime {

std::string redactSecrets(const std::string& text)
{
    // URI user-info anywhere in the text: scheme://user:secret@ → scheme://user:***@
    static const std::regex uriPassword(R"(([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@?#\s]*):[^@/?#\s]*@)");
    // key=value: password=secret or password='se cret' → password=***
    static const std::regex keyPassword(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*))", std::regex::icase);
    return std::regex_replace(std::regex_replace(text, uriPassword, "$1:***@"), keyPassword, "$1***");
}

} } // namespace sfe::runtime
