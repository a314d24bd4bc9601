//
// AuditRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `audit verify`.
//

#include "render/AuditRenderer.h"

#include "render/JsonFields.h"
#include "render/TextLayout.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

AuditRenderer::AuditRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void AuditRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string checked = _messages.format(
        "cli.audit.checked", i18n::MessageArgs()
                                 .set("entries", response.getValue<std::size_t>("entries"))
                                 .set("records", response.getValue<std::size_t>("evidenceRecords"))
                                 .set("checkpoints", response.getValue<std::size_t>("checkpoints"))
                                 .set("signatures", response.getValue<std::size_t>("checkpointsVerified")));
    Poco::JSON::Array::Ptr warnings = response.getArray("warnings");
    const std::size_t omitted = response.optValue<std::size_t>("problemsOmitted", 0);
    // `--from`: say what was not checked, beside what was.
    auto scope = [&] {
        if (JsonFields::present(response, "checkpoint"))
            out << _messages.format("cli.audit.since",
                                    i18n::MessageArgs()
                                        .set("from", response.getValue<std::size_t>("from"))
                                        .set("checkpoint", response.getValue<std::size_t>("checkpoint")))
                << '\n';
    };
    auto warn = [&] {
        for (std::size_t i = 0; warnings && i < warnings->size(); ++i)
            out << _messages.format(
                       "cli.audit.warning",
                       i18n::MessageArgs().set(
                           "text", TextLayout::printable(warnings->getElement<std::string>(static_cast<unsigned>(i)))))
                << '\n';
    };
    if (response.getValue<bool>("ok"))
    {
        out << _messages.format(
                   "cli.audit.ok",
                   i18n::MessageArgs()
                       .set("checked", checked)
                       .set("head", JsonFields::text(response, "head", _messages.format("cli.audit.emptyLog"))))
            << '\n';
        if (JsonFields::present(response, "statements"))
            out << _messages.format("cli.audit.statements",
                                    i18n::MessageArgs()
                                        .set("matched", response.getValue<std::size_t>("statementsMatched"))
                                        .set("erased", response.getValue<std::size_t>("statementsErased"))
                                        .set("unbound", response.getValue<std::size_t>("statementsUnbound"))
                                        .set("store", JsonFields::text(response, "storeCheck",
                                                                       _messages.format("cli.audit.storeNotChecked"))))
                << '\n';
        scope();
        warn();
        return;
    }
    Poco::JSON::Array::Ptr problems = response.getArray("problems");
    out << _messages.format("cli.audit.failed",
                            i18n::MessageArgs().set("count", problems->size() + omitted).set("checked", checked))
        << '\n';
    if (JsonFields::present(response, "firstProblem"))
        out << _messages.format(
                   "cli.audit.firstProblem",
                   i18n::MessageArgs().set("text", JsonFields::text(*response.getObject("firstProblem"), "message")))
            << '\n';
    out << _messages.format("cli.audit.problems") << '\n';
    for (std::size_t i = 0; i < problems->size(); ++i)
        out << "  " << JsonFields::text(*problems->getObject(static_cast<unsigned>(i)), "message") << '\n';
    if (omitted > 0)
        out << "  " << _messages.format("cli.audit.omitted", i18n::MessageArgs().set("count", omitted)) << '\n';
    scope();
    warn();
}

}
} // namespace sfe::host
