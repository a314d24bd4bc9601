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

void MappingsImportRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string file = JsonFields::text(response, "file");
    const bool dryRun = response.getValue<bool>("dryRun");
    out << file << ": " << JsonFields::text(response, "added") << " added, " << JsonFields::text(response, "replaced")
        << " replaced, " << JsonFields::text(response, "unchanged") << " unchanged"
        << (dryRun ? " (dry run: nothing was changed)" : "") << '\n';
    Poco::JSON::Array::Ptr rows = response.getArray("rows");
    for (std::size_t i = 0; rows && i < rows->size(); ++i)
    {
        Poco::JSON::Object::Ptr row = rows->getObject(static_cast<unsigned>(i));
        const std::string where = file + ":" + JsonFields::text(*row, "line") + ": ";
        if (JsonFields::text(*row, "outcome") == "added")
            out << where << "added " << JsonFields::text(*row->getObject("mapping")->getObject("activity"), "id")
                << " to " << MappingChanges::target(*row->getObject("mapping")) << '\n';
        for (const std::string& line : MappingChanges::lines(*row)) out << where << line << '\n';
    }
}

} } // namespace sfe::host
