//
// PrettyJson.h
//
// Library: sfia-evidence (host)
// Package: host
//
// Indents compact JSON text as CommandContext::printJson prints parsed JSON, without parsing it.
//

#ifndef SFE_HOST_PRETTYJSON_H
#define SFE_HOST_PRETTYJSON_H

#include <ostream>
#include <string>

namespace sfe {
namespace host {

/// Writes compact JSON text (no white space outside strings, as the plugin's responses are)
/// indented by 2 exactly as Poco::JSON::Stringifier::stringify(value, out, 2) writes the value
/// parsed: a large response (privacy export of a person with many records) is printed without a
/// DOM of it, which costs many times the text.
class PrettyJson
{
public:
    static void write(const std::string& compact, std::ostream& out);
};

} } // namespace sfe::host

#endif
