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

void AuditRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string checked = TextLayout::counted(response.getValue<std::size_t>("entries"), "log entry", "log entries")
        + ", " + TextLayout::counted(response.getValue<std::size_t>("evidenceRecords"), "evidence record") + ", "
        + TextLayout::counted(response.getValue<std::size_t>("checkpoints"), "checkpoint") + " ("
        + TextLayout::counted(response.getValue<std::size_t>("checkpointsVerified"), "signature") + " verified)";
    Poco::JSON::Array::Ptr warnings = response.getArray("warnings");
    auto warn = [&] {
        for (std::size_t i = 0; warnings && i < warnings->size(); ++i)
            out << "warning: " << warnings->getElement<std::string>(static_cast<unsigned>(i)) << '\n';
    };
    if (response.getValue<bool>("ok"))
    {
        out << "OK: " << checked << "; head " << JsonFields::text(response, "head", "(empty log)") << '\n';
        if (JsonFields::present(response, "statements"))
            out << "statements: " << response.getValue<std::size_t>("statementsMatched") << " as logged, "
                << response.getValue<std::size_t>("statementsErased") << " rewritten by erasure, "
                << response.getValue<std::size_t>("statementsUnbound") << " predate binding; store: "
                << JsonFields::text(response, "storeCheck", "not checked") << " ok\n";
        warn();
        return;
    }
    Poco::JSON::Array::Ptr problems = response.getArray("problems");
    out << "FAILED: " << TextLayout::counted(problems->size(), "problem") << " in " << checked << '\n';
    if (JsonFields::present(response, "firstProblem"))
        out << "first bad entry: " << JsonFields::text(*response.getObject("firstProblem"), "message") << '\n';
    out << "problems:\n";
    for (std::size_t i = 0; i < problems->size(); ++i)
        out << "  " << JsonFields::text(*problems->getObject(static_cast<unsigned>(i)), "message") << '\n';
    warn();
}

} } // namespace sfe::host
