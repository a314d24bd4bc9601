//
// RecordRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `complete` and `attest`.
//

#include "render/RecordRenderer.h"

#include "render/JsonFields.h"
#include "render/TextLayout.h"

namespace sfe {
namespace host {

void RecordRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string eventId = JsonFields::text(response, "eventId");
    if (response.getValue<bool>("duplicate"))
    {
        out << "duplicate: event " << eventId << " was recorded before; nothing written\n";
        return;
    }
    out << "recorded event " << eventId << ": "
        << TextLayout::counted(JsonFields::size(response, "evidence"), "evidence record") << ", "
        << TextLayout::counted(JsonFields::size(response, "statements"), "statement") << " queued for the LRS\n"
        << "  evidence   " << JsonFields::joined(response.getArray("evidence"), " ") << '\n'
        << "  statements " << JsonFields::joined(response.getArray("statements"), " ") << '\n';
}

} } // namespace sfe::host
