//
// EvidenceRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `evidence`.
//

#include "render/EvidenceRenderer.h"

#include "render/EvidenceSummary.h"
#include "render/JsonFields.h"
#include "render/TextTable.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

EvidenceRenderer::EvidenceRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void EvidenceRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr records = response.getArray("evidence");
    if (!records || records->size() == 0)
    {
        out << _messages.format("evidence.list.none") << '\n';
        return;
    }
    TextTable table(header());
    for (std::size_t i = 0; i < records->size(); ++i) table.add(row(*records->getObject(static_cast<unsigned>(i))));
    table.write(out);
}

std::vector<std::string> EvidenceRenderer::header() const
{
    std::vector<std::string> header;
    for (const char* column : {"seq", "evidence", "occurred", "kind", "learner", "skill", "responsibilities", "source",
                               "result", "state", "withdrawn"})
        header.push_back(_messages.format(std::string("evidence.list.column.") + column));
    return header;
}

std::vector<std::string> EvidenceRenderer::row(const Poco::JSON::Object& record) const
{
    const std::string result = JsonFields::present(record, "outcome")
                                   ? JsonFields::text(record, "outcome")
                                   : JsonFields::text(record, "verb") + " " + EvidenceSummary::score(record);
    const std::string source =
        JsonFields::present(record, "assessor")
            ? _messages.format("evidence.source.assessor",
                               i18n::MessageArgs().set("assessor", JsonFields::text(record, "assessor")))
            : JsonFields::text(record, "activity");
    const std::string withdrawn =
        JsonFields::present(record, "withdrawnAt")
            ? JsonFields::text(record, "withdrawnAt") + " " + JsonFields::text(record, "withdrawnReason")
            : "";
    const std::string state = JsonFields::text(record, "state");
    const std::string kind = JsonFields::text(record, "kind");
    return {JsonFields::text(record, "seq"),
            JsonFields::text(record, "id"),
            JsonFields::text(record, "occurredAt"),
            _messages.has("evidence.kind." + kind) ? _messages.format("evidence.kind." + kind) : kind,
            JsonFields::text(record, "learner"),
            _messages.format("evidence.skillLevel", i18n::MessageArgs()
                                                        .set("skill", JsonFields::text(record, "skill"))
                                                        .set("level", JsonFields::text(record, "level"))),
            JsonFields::joined(record.getArray("responsibilities"), " "),
            source,
            result,
            _messages.has("evidence.state." + state) ? _messages.format("evidence.state." + state) : state,
            withdrawn};
}

}
} // namespace sfe::host
