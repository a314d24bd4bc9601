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

OutboxRenderer::OutboxRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void OutboxRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    if (JsonFields::present(response, "lrs"))
        out << _messages.format("cli.outbox.lrs", i18n::MessageArgs().set("url", JsonFields::text(response, "lrs")))
            << '\n';
    else out << _messages.format("cli.outbox.noLrs") << '\n';
    Poco::JSON::Object::Ptr counts = response.getObject("counts");
    i18n::MessageArgs args;
    for (const char* state : {"pending", "delivered", "quarantined"})
        args.set(state, counts->has(state) ? counts->getValue<long long>(state) : 0LL);
    out << _messages.format("cli.outbox.counts", args) << '\n';

    Poco::JSON::Array::Ptr quarantined = response.getArray("quarantined");
    if (!quarantined || quarantined->size() == 0) return;
    out << '\n' << _messages.format("cli.outbox.quarantined") << '\n';
    std::vector<std::string> header;
    for (const char* column : {"statement", "kind", "learner", "attempts", "reason"})
        header.push_back(_messages.format(std::string("cli.outbox.column.") + column));
    TextTable table(header);
    for (std::size_t i = 0; i < quarantined->size(); ++i)
    {
        Poco::JSON::Object::Ptr statement = quarantined->getObject(static_cast<unsigned>(i));
        table.add({JsonFields::text(*statement, "id"), JsonFields::text(*statement, "kind"),
                   JsonFields::text(*statement, "learner"), JsonFields::text(*statement, "attempts"),
                   JsonFields::text(*statement, "reason")});
    }
    table.write(out);
}

}
} // namespace sfe::host
