//
// MappingsRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `mappings`.
//

#include "render/MappingsRenderer.h"

#include "render/JsonFields.h"
#include "render/TextTable.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

void MappingsRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr mappings = response.getArray("mappings");
    if (!mappings || mappings->size() == 0)
    {
        out << "no active mappings (sfia-evidence map ACTIVITY --skill CODE --level N)\n";
        return;
    }
    TextTable table({"MAPPING", "ACTIVITY", "NAME", "TYPE", "SKILL", "LEVEL", "RESPONSIBILITIES", "REVIEW"});
    for (std::size_t i = 0; i < mappings->size(); ++i)
    {
        Poco::JSON::Object::Ptr mapping = mappings->getObject(static_cast<unsigned>(i));
        Poco::JSON::Object::Ptr activity = mapping->getObject("activity");
        const std::string responsibilities = JsonFields::size(*mapping, "responsibilities") == 0
            ? "whole level"
            : JsonFields::joined(mapping->getArray("responsibilities"), " ");
        const std::string review = mapping->getValue<bool>("flagged")
            ? "needs review: " + JsonFields::text(*mapping, "flagReason")
            : "";
        table.add({JsonFields::text(*mapping, "id"), JsonFields::text(*activity, "id"), JsonFields::text(*activity, "name"),
                   JsonFields::text(*activity, "type"), JsonFields::text(*mapping, "skill"),
                   JsonFields::text(*mapping, "level"), responsibilities, review});
    }
    table.write(out);
}

} } // namespace sfe::host
