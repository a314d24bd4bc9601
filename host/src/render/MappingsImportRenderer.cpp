//
// MappingsImportRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `mappings import`.
//

#include "render/MappingsImportRenderer.h"

#include "render/JsonFields.h"
#include "render/MappingChanges.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

MappingsImportRenderer::MappingsImportRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void MappingsImportRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string file = JsonFields::text(response, "file");
    out << _messages.format("admin.csv.summary", i18n::MessageArgs()
                                                     .set("file", file)
                                                     .set("added", response.getValue<long long>("added"))
                                                     .set("replaced", response.getValue<long long>("replaced"))
                                                     .set("unchanged", response.getValue<long long>("unchanged"))
                                                     .set("dryRun", response.getValue<bool>("dryRun") ? "yes" : "no"))
        << '\n';
    Poco::JSON::Array::Ptr rows = response.getArray("rows");
    for (std::size_t i = 0; rows && i < rows->size(); ++i)
    {
        Poco::JSON::Object::Ptr row = rows->getObject(static_cast<unsigned>(i));
        const std::string where = file + ":" + JsonFields::text(*row, "line") + ": ";
        if (JsonFields::text(*row, "outcome") == "added")
        {
            Poco::JSON::Object::Ptr mapping = row->getObject("mapping");
            out << where
                << _messages.format("admin.csv.added",
                                    i18n::MessageArgs()
                                        .set("activity", JsonFields::text(*mapping->getObject("activity"), "id"))
                                        .set("target", MappingChanges::target(_messages, *mapping)))
                << '\n';
        }
        for (const std::string& line : MappingChanges::lines(_messages, *row)) out << where << line << '\n';
    }
}

}
} // namespace sfe::host
