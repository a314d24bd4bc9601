//
// RawJson.h
//
// Library: sfia-evidence (host)
// Package: host
//
// Finds values in JSON text and returns them exactly as they are written there.
//

#ifndef SFE_HOST_RAWJSON_H
#define SFE_HOST_RAWJSON_H

#include <string>
#include <vector>

namespace sfe {
namespace host {

/// Cuts values out of JSON text without parsing and writing them again. Poco::JSON would parse a
/// value and write it anew, which may change number formats and escapes; output that must be
/// byte for byte what the plugin produced (the statement bodies it sends to the LRS) is taken
/// from the response text with this instead. Member names are compared as written (the
/// plugin's names contain no escapes).
class RawJson
{
public:
    static std::vector<std::string> memberOfEach(const std::string& json, const std::string& arrayKey,
                                                 const std::string& memberKey);
    /// `json` is an object; its member `arrayKey` is an array of objects. Returns, for each of
    /// them in order, the text of its member `memberKey`. Throws Poco::SyntaxException when
    /// the text is not such JSON or an element lacks `memberKey`, naming the byte offset.
};

}
} // namespace sfe::host

#endif
