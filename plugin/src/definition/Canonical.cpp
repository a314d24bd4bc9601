//
// Canonical.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/Canonical.h"

namespace sfe {
namespace definition {

namespace {

void record(std::string& out, const std::string& name, const std::string& value)
{
    out += name;
    out += ' ';
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

/// One record per language, in ascending byte order of the tag (LocalizedText keeps them so).
void localized(std::string& out, const std::string& field, const LocalizedText& text)
{
    for (const auto& [language, value] : text.all())
        if (!value.empty()) record(out, field + "." + language, value);
}

} // namespace

std::string Canonical::responsibilityText(const Responsibility& responsibility)
{
    std::string out = "sfia-evidence responsibility text 1\n";
    localized(out, "text", responsibility.text);
    return out;
}

std::string Canonical::levelText(const Level& level)
{
    std::string out = "sfia-evidence level text 1\n";
    record(out, "number", std::to_string(level.number));
    record(out, "defined", level.defined ? "true" : "false");
    localized(out, "guidingPhrase", level.guidingPhrase);
    localized(out, "essence", level.essence);
    for (const auto& responsibility : level.responsibilities)
    {
        record(out, "responsibility", responsibility.id);
        localized(out, "text", responsibility.text);
    }
    localized(out, "developmentGuidance", level.developmentGuidance);
    localized(out, "notDefined.understanding", level.notDefined.understanding);
    localized(out, "notDefined.development", level.notDefined.development);
    std::size_t step = 0;
    for (const auto& text : level.notDefined.developmentSteps)
    {
        record(out, "notDefined.developmentStep", std::to_string(++step));
        localized(out, "text", text);
    }
    return out;
}

}
} // namespace sfe::definition
