//
// OutboxRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `outbox`.
//

#include "render/OutboxRenderer.h"

#include "render/JsonFields.h"
#include "render/TextTable.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

std::string OutboxRenderer::counts(const Poco::JSON::Object& response)
{
    Poco::JSON::Object::Ptr counts = response.getObject("counts");
    std::string text;
    for (const char* state : {"pending", "delivered", "quarantined"})
        text += (text.empty() ? "" : ", ") + JsonFields::text(*counts, state, "0") + " " + state;
    return text;
}

void OutboxRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    if (JsonFields::present(response, "lrs")) out << "LRS: " << JsonFields::text(response, "lrs") << '\n';
    else out << "LRS: none configured (lrs.url, or SFE_LRS_URL); statements wait in the outbox\n";
    out << "statements: " << counts(response) << '\n';

    Poco::JSON::Array::Ptr quarantined = response.getArray("quarantined");
    if (!quarantined || quarantined->size() == 0) return;
    out << "\nquarantined (taken out of delivery; after fixing the cause: sfia-evidence outbox retry ID|--all):\n";
    TextTable table({"STATEMENT", "KIND", "LEARNER", "ATTEMPTS", "REASON"});
    for (std::size_t i = 0; i < quarantined->size(); ++i)
    {
        Poco::JSON::Object::Ptr statement = quarantined->getObject(static_cast<unsigned>(i));
        table.add({JsonFields::text(*statement, "id"), JsonFields::text(*statement, "kind"),
                   JsonFields::text(*statement, "learner"), JsonFields::text(*statement, "attempts"),
                   JsonFields::text(*statement, "reason")});
    }
    table.write(out);
}

} } // namespace sfe::host
