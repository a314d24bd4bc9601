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

void EvidenceRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr records = response.getArray("evidence");
    if (!records || records->size() == 0)
    {
        out << "no evidence records match\n";
        return;
    }
    TextTable table({"SEQ", "EVIDENCE", "OCCURRED", "KIND", "LEARNER", "SKILL", "RESPONSIBILITIES", "SOURCE",
                     "RESULT", "WITHDRAWN"});
    for (std::size_t i = 0; i < records->size(); ++i)
    {
        Poco::JSON::Object::Ptr record = records->getObject(static_cast<unsigned>(i));
        const std::string result = JsonFields::present(*record, "outcome")
            ? JsonFields::text(*record, "outcome")
            : JsonFields::text(*record, "verb") + " " + EvidenceSummary::score(*record);
        const std::string source = JsonFields::present(*record, "assessor")
            ? "assessor " + JsonFields::text(*record, "assessor")
            : JsonFields::text(*record, "activity");
        const std::string withdrawn = JsonFields::present(*record, "withdrawnAt")
            ? JsonFields::text(*record, "withdrawnAt") + " " + JsonFields::text(*record, "withdrawnReason")
            : "";
        table.add({JsonFields::text(*record, "seq"), JsonFields::text(*record, "id"),
                   JsonFields::text(*record, "occurredAt"), JsonFields::text(*record, "kind"),
                   JsonFields::text(*record, "learner"),
                   JsonFields::text(*record, "skill") + " " + JsonFields::text(*record, "level"),
                   JsonFields::joined(record->getArray("responsibilities"), " "), source, result,
                   withdrawn});
    }
    table.write(out);
}

} } // namespace sfe::host
