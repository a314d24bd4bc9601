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

StatementsRenderer::StatementsRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void StatementsRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr statements = response.getArray("statements");
    if (!statements || statements->size() == 0)
    {
        out << _messages.format("evidence.statements.none") << '\n';
        return;
    }
    TextTable table(header());
    for (std::size_t i = 0; i < statements->size(); ++i)
        table.add(row(*statements->getObject(static_cast<unsigned>(i))));
    table.write(out);
}

std::vector<std::string> StatementsRenderer::header() const
{
    std::vector<std::string> header;
    for (const char* column : {"statement", "kind", "state", "attempts", "created", "delivered", "for", "lastError"})
        header.push_back(_messages.format(std::string("evidence.statements.column.") + column));
    return header;
}

std::vector<std::string> StatementsRenderer::row(const Poco::JSON::Object& statement) const
{
    const std::string subject =
        JsonFields::present(statement, "voids")
            ? _messages.format("evidence.statements.voids",
                               i18n::MessageArgs().set("statement", JsonFields::text(statement, "voids")))
            : _messages.format("evidence.statements.evidence",
                               i18n::MessageArgs().set("evidence", JsonFields::text(statement, "evidence")));
    return {JsonFields::text(statement, "id"),
            JsonFields::text(statement, "kind"),
            JsonFields::text(statement, "state"),
            JsonFields::text(statement, "attempts"),
            JsonFields::text(statement, "createdAt"),
            JsonFields::text(statement, "deliveredAt", "-"),
            subject,
            JsonFields::text(statement, "lastError")};
}

}
} // namespace sfe::host
