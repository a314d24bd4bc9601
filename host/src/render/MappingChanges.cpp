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

std::string MappingChanges::target(const i18n::Messages& messages, const Poco::JSON::Object& mapping)
{
    const bool whole = JsonFields::size(mapping, "responsibilities") == 0;
    return messages.format(whole ? "admin.target.whole" : "admin.target.some",
                           i18n::MessageArgs()
                               .set("skill", JsonFields::text(mapping, "skill"))
                               .set("level", JsonFields::text(mapping, "level"))
                               .set("responsibilities", JsonFields::joined(mapping.getArray("responsibilities"))));
}

std::vector<std::string> MappingChanges::lines(const i18n::Messages& messages, const Poco::JSON::Object& outcome)
{
    std::vector<std::string> out;
    if (JsonFields::present(outcome, "replaced"))
    {
        Poco::JSON::Object::Ptr old = outcome.getObject("replaced");
        out.push_back(messages.format(
            "admin.map.replaced",
            i18n::MessageArgs().set("mapping", JsonFields::text(*old, "id")).set("target", target(messages, *old))));
    }
    for (const char* change : {"renamed", "retyped"})
    {
        if (!JsonFields::present(outcome, change)) continue;
        Poco::JSON::Object::Ptr c = outcome.getObject(change);
        out.push_back(
            messages.format(std::string("admin.map.") + change, i18n::MessageArgs()
                                                                    .set("activity", JsonFields::text(*c, "activity"))
                                                                    .set("from", JsonFields::text(*c, "from"))
                                                                    .set("to", JsonFields::text(*c, "to"))
                                                                    .set("count", c->getValue<long long>("mappings"))));
    }
    return out;
}

}
} // namespace sfe::host
