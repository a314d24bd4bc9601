//
// JsonPath.h
//
// Library: sfe_xapi
// Package: profile
//
// The JSONPath subset xAPI Profiles use for Statement Template rules.
//

#ifndef SFE_XAPI_JSONPATH_H
#define SFE_XAPI_JSONPATH_H

#include <Poco/Dynamic/Var.h>
#include <cstddef>
#include <string>
#include <vector>

namespace sfe {
namespace xapi {

/// A JSONPath expression as the xAPI Profiles spec (section 8.1) allows it: "$" followed by
/// child steps ".name", ".*", "['name']", "[\"name\"]", "[0]", "[*]", and unions inside brackets
/// ("['a','b']", "[0,1]"); several such paths may be joined with "|" (the values are
/// concatenated). Filters, scripts, slices and ".." are not allowed by the spec and are refused.
/// A leading "$" may be left out ("context.extensions"), as in the spec's own example.
class JsonPath
{
public:
    /// Parses `expression`. Throws Poco::SyntaxException naming the expression and the position.
    explicit JsonPath(const std::string& expression);

    /// The values the path selects in `root` (a Poco::JSON parse result), in document order per
    /// alternative. Missing members select nothing.
    std::vector<Poco::Dynamic::Var> evaluate(const Poco::Dynamic::Var& root) const;

    const std::string& expression() const { return _expression; }

private:
    struct Step
    {
        bool wildcard = false;
        std::vector<std::string> names;   // child names
        std::vector<std::size_t> indexes; // array indexes
    };
    using Path = std::vector<Step>;

    std::string _expression;
    std::vector<Path> _alternatives;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_JSONPATH_H
