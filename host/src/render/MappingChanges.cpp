//
// MappingChanges.cpp
//
// Library: sfia-evidence (host)
// Package: render
//

#include "render/MappingChanges.h"

#include "render/JsonFields.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

std::string MappingChanges::target(const Poco::JSON::Object& mapping)
{
    const std::string what = JsonFields::size(mapping, "responsibilities") == 0
        ? "as a whole"
        : "for " + JsonFields::joined(mapping.getArray("responsibilities"));
    return JsonFields::text(mapping, "skill") + " level " + JsonFields::text(mapping, "level") + " " + what;
}

std::vector<std::string> MappingChanges::lines(const Poco::JSON::Object& outcome)
{
    std::vector<std::string> out;
    if (JsonFields::present(outcome, "replaced"))
    {
        Poco::JSON::Object::Ptr old = outcome.getObject("replaced");
        out.push_back("replaced mapping " + JsonFields::text(*old, "id") + " (" + target(*old) + ")");
    }
    for (const char* change : {"renamed", "retyped"})
    {
        if (!JsonFields::present(outcome, change)) continue;
        Poco::JSON::Object::Ptr c = outcome.getObject(change);
        const std::string count = JsonFields::text(*c, "mappings");
        out.push_back(std::string(change) + " activity " + JsonFields::text(*c, "activity") + " from \"" +
                      JsonFields::text(*c, "from") + "\" to \"" + JsonFields::text(*c, "to") + "\" in " +
                      (count == "1" ? "its one mapping" : "all its " + count + " mappings"));
    }
    return out;
}

} } // namespace sfe::host
