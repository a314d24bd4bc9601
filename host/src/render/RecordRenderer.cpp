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

#include <algorithm>

namespace sfe {
namespace host {

RecordRenderer::RecordRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void RecordRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string eventId = JsonFields::text(response, "eventId");
    if (response.getValue<bool>("duplicate"))
    {
        out << _messages.format("evidence.record.duplicate", i18n::MessageArgs().set("event", eventId)) << '\n';
        return;
    }
    // The two id lines align their values after the longer label.
    const std::string evidence = _messages.format("evidence.record.evidence");
    const std::string statements = _messages.format("evidence.record.statements");
    const std::size_t width = std::max(TextLayout::width(evidence), TextLayout::width(statements)) + 1;
    out << _messages.format("evidence.record.done", i18n::MessageArgs()
                                                        .set("event", eventId)
                                                        .set("records", JsonFields::size(response, "evidence"))
                                                        .set("statements", JsonFields::size(response, "statements")))
        << '\n'
        << "  " << TextLayout::padded(evidence, width) << JsonFields::joined(response.getArray("evidence"), " ") << '\n'
        << "  " << TextLayout::padded(statements, width) << JsonFields::joined(response.getArray("statements"), " ")
        << '\n';
}

}
} // namespace sfe::host
