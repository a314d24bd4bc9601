//
// ImportRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `import`.
//

#include "render/ImportRenderer.h"

#include "render/JsonFields.h"
#include "render/TextLayout.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

ImportRenderer::ImportRenderer(std::string source): _source(std::move(source))
{
}

void ImportRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string result = JsonFields::text(response, "result");
    const std::string skills = JsonFields::joined(response.getArray("skills"));
    const std::string definition = TextLayout::shortHash(JsonFields::text(response, "definition"));
    if (result == "unchanged")
    {
        out << "unchanged: " << skills << " from " << TextLayout::printable(_source) << " is already stored (definition " << definition << ")\n";
        // Which version it is, and whether it is the one in use: re-importing does not make it current.
        Poco::JSON::Array::Ptr stored = response.getArray("stored");
        for (std::size_t i = 0; stored && i < stored->size(); ++i)
        {
            Poco::JSON::Object::Ptr s = stored->getObject(static_cast<unsigned>(i));
            if (s->getValue<bool>("current")) continue;    // in use already: "already stored" says it all
            const std::string skill = JsonFields::text(*s, "skill");
            out << skill << ": this is version " << JsonFields::text(*s, "version") << "; version "
                << JsonFields::text(*s, "currentVersion") << " is current (sfia-evidence use " << skill << ' '
                << JsonFields::text(*s, "version") << " makes this one current)\n";
        }
    }
    else
        out << result << ' ' << skills << " from " << TextLayout::printable(_source) << " (definition " << definition << ")\n";

    Poco::JSON::Array::Ptr flagged = response.getArray("flaggedMappings");
    if (flagged && flagged->size() > 0)
    {
        out << "note: " << flagged->size() << " activity mapping(s) rest on responsibility texts this version changed"
            << " and need review (details with --json)\n";
    }
}

} } // namespace sfe::host
