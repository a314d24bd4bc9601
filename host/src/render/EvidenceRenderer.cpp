//
// EvidenceRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `evidence`.
//

#include "render/EvidenceRenderer.h"

#include "render/JsonFields.h"
#include "render/TextTable.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

namespace {

/// "0.85", "85/100", "85/100 (0.85)": the score as the LMS reported it.
std::string scoreText(const Poco::JSON::Object& score)
{
    std::string text;
    if (JsonFields::present(score, "raw"))
    {
        text = JsonFields::text(score, "raw");
        if (JsonFields::present(score, "max")) text += "/" + JsonFields::text(score, "max");
    }
    if (JsonFields::present(score, "scaled"))
        text += text.empty() ? JsonFields::text(score, "scaled") : " (" + JsonFields::text(score, "scaled") + ")";
    return text;
}

std::string resultText(const Poco::JSON::Object& record)
{
    if (JsonFields::present(record, "outcome")) return JsonFields::text(record, "outcome");
    std::string text = JsonFields::text(record, "verb");
    const std::string score = scoreText(*record.getObject("score"));
    if (!score.empty()) text += " " + score;
    return text;
}

} // namespace

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
                   JsonFields::joined(record->getArray("responsibilities"), " "), source, resultText(*record),
                   withdrawn});
    }
    table.write(out);
}

} } // namespace sfe::host
