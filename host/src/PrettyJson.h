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

#include <cstddef>
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
    static void write(const std::string& compact, std::ostream& out, std::size_t depth = 0);
    /// `depth`: the value is written where the whole text's layout puts a value that deep
    /// (an element of an array that is a member of the top object: 2), so that a response
    /// read a page at a time is printed piece by piece as it would be whole.
};

}
} // namespace sfe::host

#endif
