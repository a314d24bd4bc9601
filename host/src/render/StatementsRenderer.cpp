//
// StatementsRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `statements`.
//

#include "render/StatementsRenderer.h"

#include "render/JsonFields.h"
#include "render/TextTable.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

void StatementsRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr statements = response.getArray("statements");
    if (!statements || statements->size() == 0)
    {
        out << "no statements match\n";
        return;
    }
    TextTable table({"STATEMENT", "KIND", "STATE", "ATTEMPTS", "CREATED", "DELIVERED", "FOR", "LAST ERROR"});
    for (std::size_t i = 0; i < statements->size(); ++i)
    {
        Poco::JSON::Object::Ptr statement = statements->getObject(static_cast<unsigned>(i));
        const std::string subject = JsonFields::present(*statement, "voids")
            ? "voids " + JsonFields::text(*statement, "voids")
            : "evidence " + JsonFields::text(*statement, "evidence");
        table.add({JsonFields::text(*statement, "id"), JsonFields::text(*statement, "kind"),
                   JsonFields::text(*statement, "state"), JsonFields::text(*statement, "attempts"),
                   JsonFields::text(*statement, "createdAt"), JsonFields::text(*statement, "deliveredAt", "-"),
                   subject, JsonFields::text(*statement, "lastError")});
    }
    table.write(out);
}

} } // namespace sfe::host
