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

MappingsRenderer::MappingsRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void MappingsRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr mappings = response.getArray("mappings");
    if (!mappings || mappings->size() == 0)
    {
        out << _messages.format("admin.mappings.none") << '\n';
        return;
    }
    TextTable table(header());
    for (std::size_t i = 0; i < mappings->size(); ++i) table.add(row(*mappings->getObject(static_cast<unsigned>(i))));
    table.write(out);
}

std::vector<std::string> MappingsRenderer::header() const
{
    std::vector<std::string> columns;
    for (const char* column : {"mapping", "activity", "name", "type", "skill", "level", "responsibilities", "review"})
        columns.push_back(_messages.format(std::string("admin.mappings.col.") + column));
    return columns;
}

std::vector<std::string> MappingsRenderer::row(const Poco::JSON::Object& mapping) const
{
    Poco::JSON::Object::Ptr activity = mapping.getObject("activity");
    const std::string responsibilities = JsonFields::size(mapping, "responsibilities") == 0
                                             ? _messages.format("admin.mappings.wholeLevel")
                                             : JsonFields::joined(mapping.getArray("responsibilities"), " ");
    const std::string review =
        mapping.getValue<bool>("flagged")
            ? _messages.format("admin.mappings.review",
                               i18n::MessageArgs().set("reason", JsonFields::text(mapping, "flagReason")))
            : "";
    return {JsonFields::text(mapping, "id"),
            JsonFields::text(*activity, "id"),
            JsonFields::text(*activity, "name"),
            JsonFields::text(*activity, "type"),
            JsonFields::text(mapping, "skill"),
            JsonFields::text(mapping, "level"),
            responsibilities,
            review};
}

}
} // namespace sfe::host
