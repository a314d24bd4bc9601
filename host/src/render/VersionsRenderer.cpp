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

namespace sfe {
namespace host {

namespace {

using Args = i18n::MessageArgs;

std::string versionName(const i18n::Messages& messages, const Poco::JSON::Object& version)
{
    return messages.format("admin.diff.version",
                           Args()
                               .set("version", JsonFields::text(version, "version"))
                               .set("definition", TextLayout::shortHash(JsonFields::text(version, "definition"))));
}

} // namespace

VersionsRenderer::VersionsRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void VersionsRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string skill = JsonFields::text(response, "skill");
    Poco::JSON::Array::Ptr versions = response.getArray("versions");
    std::vector<std::string> columns;
    for (const char* column : {"version", "current", "definition", "framework", "imported", "source"})
        columns.push_back(_messages.format(std::string("admin.versions.col.") + column));
    TextTable table(columns);
    for (std::size_t i = 0; versions && i < versions->size(); ++i)
    {
        Poco::JSON::Object::Ptr v = versions->getObject(static_cast<unsigned>(i));
        table.add({JsonFields::text(*v, "version"),
                   v->getValue<bool>("current") ? _messages.format("admin.versions.current") : "",
                   TextLayout::shortHash(JsonFields::text(*v, "definition")), JsonFields::text(*v, "frameworkVersion"),
                   JsonFields::text(*v, "importedAt"), JsonFields::text(*v, "source")});
    }
    table.write(out);
    if (versions && versions->size() > 1)
        out << _messages.format("admin.versions.hint", Args().set("skill", skill)) << '\n';
}

DiffRenderer::DiffRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void DiffRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    out << _messages.format("admin.diff.heading", Args()
                                                      .set("skill", JsonFields::text(response, "skill"))
                                                      .set("from", versionName(_messages, *response.getObject("from")))
                                                      .set("to", versionName(_messages, *response.getObject("to"))))
        << '\n';
    levels(_messages, response.getArray("levels"), out);
}

void DiffRenderer::levels(const i18n::Messages& messages, const Poco::JSON::Array::Ptr& levels, std::ostream& out,
                          std::size_t indent)
{
    const std::string margin(indent, ' ');
    if (!levels || levels->size() == 0)
    {
        out << margin << messages.format("admin.diff.none") << '\n';
        return;
    }
    for (std::size_t i = 0; i < levels->size(); ++i)
    {
        Poco::JSON::Object::Ptr level = levels->getObject(static_cast<unsigned>(i));
        out << margin << messages.format("admin.diff.level", Args().set("level", JsonFields::text(*level, "level")))
            << '\n';
        for (const char* kind : {"added", "changed", "removed"})
        {
            Poco::JSON::Array::Ptr list = level->getArray(kind);
            for (std::size_t j = 0; list && j < list->size(); ++j)
            {
                Poco::JSON::Object::Ptr s = list->getObject(static_cast<unsigned>(j));
                out << margin << "  "
                    << messages.format(std::string("admin.diff.") + kind, Args().set("id", JsonFields::text(*s, "id")))
                    << '\n';
                for (const char* which : {"before", "after"})
                    if (JsonFields::present(*s, which))
                        out << margin << "      "
                            << messages.format(std::string("admin.diff.") + which,
                                               Args().set("text", JsonFields::text(*s, which)))
                            << '\n';
            }
        }
    }
}

}
} // namespace sfe::host
