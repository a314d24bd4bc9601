//
// VersionsRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `versions` and `diff`.
//

#include "render/VersionsRenderer.h"

#include "render/JsonFields.h"
#include "render/TextLayout.h"
#include "render/TextTable.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

namespace {

std::string versionName(const Poco::JSON::Object& version)
{
    return "version " + JsonFields::text(version, "version") + " (definition " +
           TextLayout::shortHash(JsonFields::text(version, "definition")) + ")";
}

} // namespace

void VersionsRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string skill = JsonFields::text(response, "skill");
    Poco::JSON::Array::Ptr versions = response.getArray("versions");
    TextTable table({"VERSION", "CURRENT", "DEFINITION", "FRAMEWORK", "IMPORTED", "SOURCE"});
    for (std::size_t i = 0; versions && i < versions->size(); ++i)
    {
        Poco::JSON::Object::Ptr v = versions->getObject(static_cast<unsigned>(i));
        table.add({JsonFields::text(*v, "version"), v->getValue<bool>("current") ? "current" : "",
                   TextLayout::shortHash(JsonFields::text(*v, "definition")), JsonFields::text(*v, "frameworkVersion"),
                   JsonFields::text(*v, "importedAt"), JsonFields::text(*v, "source")});
    }
    table.write(out);
    if (versions && versions->size() > 1)
        out << "sfia-evidence diff " << skill << " V1 V2 compares two versions; sfia-evidence use " << skill
            << " VERSION makes one current\n";
}

void DiffRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    out << JsonFields::text(response, "skill") << ": " << versionName(*response.getObject("from")) << " -> "
        << versionName(*response.getObject("to")) << '\n';
    Poco::JSON::Array::Ptr levels = response.getArray("levels");
    if (!levels || levels->size() == 0)
    {
        out << "no sentence differs\n";
        return;
    }
    for (std::size_t i = 0; i < levels->size(); ++i)
    {
        Poco::JSON::Object::Ptr level = levels->getObject(static_cast<unsigned>(i));
        out << "level " << JsonFields::text(*level, "level") << '\n';
        for (const auto& [kind, mark] : {std::make_pair("added", "+"), std::make_pair("changed", "~"),
                                         std::make_pair("removed", "-")})
        {
            Poco::JSON::Array::Ptr list = level->getArray(kind);
            for (std::size_t j = 0; list && j < list->size(); ++j)
            {
                Poco::JSON::Object::Ptr s = list->getObject(static_cast<unsigned>(j));
                out << "  " << mark << ' ' << JsonFields::text(*s, "id") << ' ' << kind << '\n';
                if (JsonFields::present(*s, "before")) out << "      was: " << JsonFields::text(*s, "before") << '\n';
                if (JsonFields::present(*s, "after")) out << "      now: " << JsonFields::text(*s, "after") << '\n';
            }
        }
    }
}

} } // namespace sfe::host
