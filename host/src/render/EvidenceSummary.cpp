//
// EvidenceSummary.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// One evidence record in one line, for explanations.
//

#include "render/EvidenceSummary.h"

#include "render/JsonFields.h"

namespace sfe {
namespace host {

std::string EvidenceSummary::score(const Poco::JSON::Object& record)
{
    if (!JsonFields::present(record, "score")) return "";
    Poco::JSON::Object::Ptr score = record.getObject("score");
    std::string text;
    if (JsonFields::present(*score, "raw"))
    {
        text = JsonFields::text(*score, "raw");
        if (JsonFields::present(*score, "max")) text += "/" + JsonFields::text(*score, "max");
    }
    if (JsonFields::present(*score, "scaled"))
        text += text.empty() ? JsonFields::text(*score, "scaled") : " (" + JsonFields::text(*score, "scaled") + ")";
    return text;
}

std::string EvidenceSummary::result(const Poco::JSON::Object& record)
{
    std::string text = JsonFields::text(record, "verb");
    if (JsonFields::present(record, "outcome"))
        return text + " " + JsonFields::text(record, "outcome") + " by " + JsonFields::text(record, "assessor");
    text += " " + JsonFields::text(record, "activity");
    const std::string scored = score(record);
    return scored.empty() ? text : text + ", score " + scored;
}

std::string EvidenceSummary::describe(const Poco::JSON::Object::Ptr& records, const std::string& id)
{
    if (!records || !records->has(id)) return id;
    Poco::JSON::Object::Ptr record = records->getObject(id);
    std::string text = id + " " + result(*record) + " at " + JsonFields::text(*record, "occurredAt");
    if (JsonFields::present(*record, "withdrawnAt"))
        text += " (withdrawn: " + JsonFields::text(*record, "withdrawnReason") + ")";
    if (JsonFields::size(*record, "statements") > 0)
        text += "; statements " + JsonFields::joined(record->getArray("statements"), " ");
    return text;
}

}
} // namespace sfe::host
