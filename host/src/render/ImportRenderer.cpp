//
// ImportRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `import`.
//

#include "render/ImportRenderer.h"

#include "render/JsonFields.h"
#include "render/TextLayout.h"
#include "render/VersionsRenderer.h"

#include <Poco/JSON/Array.h>

#include <set>

namespace sfe {
namespace host {

namespace {

using Args = i18n::MessageArgs;

} // namespace

ImportRenderer::ImportRenderer(std::string source, const i18n::Messages& messages):
    _source(std::move(source)),
    _messages(messages)
{}

void ImportRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const std::string result = JsonFields::text(response, "result");
    const Args line = Args()
                          .set("skills", JsonFields::joined(response.getArray("skills")))
                          .set("source", TextLayout::printable(_source))
                          .set("definition", TextLayout::shortHash(JsonFields::text(response, "definition")));
    if (result == "unchanged")
    {
        out << _messages.format("admin.import.unchanged", line) << '\n';
        // Which version it is, and whether it is the one in use: re-importing does not make it current.
        Poco::JSON::Array::Ptr stored = response.getArray("stored");
        for (std::size_t i = 0; stored && i < stored->size(); ++i)
        {
            Poco::JSON::Object::Ptr s = stored->getObject(static_cast<unsigned>(i));
            if (s->getValue<bool>("current")) continue; // in use already: "already stored" says it all
            out << _messages.format("admin.import.storedVersion",
                                    Args()
                                        .set("skill", JsonFields::text(*s, "skill"))
                                        .set("version", JsonFields::text(*s, "version"))
                                        .set("current", JsonFields::text(*s, "currentVersion")))
                << '\n';
        }
        return;
    }
    out << _messages.format("admin.import.imported", line) << '\n';
    // A new version of a skill held before: what it changed, so the admin sees what to review.
    Poco::JSON::Array::Ptr changes = response.getArray("changes");
    for (std::size_t i = 0; changes && i < changes->size(); ++i)
    {
        Poco::JSON::Object::Ptr c = changes->getObject(static_cast<unsigned>(i));
        Poco::JSON::Array::Ptr levels = c->getArray("levels");
        const bool none = !levels || levels->size() == 0;
        out << _messages.format(none ? "admin.import.noChanges" : "admin.import.changes",
                                Args()
                                    .set("skill", JsonFields::text(*c, "skill"))
                                    .set("from", JsonFields::text(*c, "fromVersion"))
                                    .set("to", JsonFields::text(*c, "toVersion")))
            << '\n';
        if (!none) DiffRenderer::levels(_messages, levels, out, 2);
    }
    flagged(_messages, response, out);
}

void ImportRenderer::flagged(const i18n::Messages& messages, const Poco::JSON::Object& response, std::ostream& out)
{
    Poco::JSON::Array::Ptr flagged = response.getArray("flagged");
    if (!flagged || flagged->size() == 0) return;
    std::set<std::string> skills;
    for (std::size_t i = 0; i < flagged->size(); ++i)
        skills.insert(JsonFields::text(*flagged->getObject(static_cast<unsigned>(i)), "skill"));
    std::string codes;
    for (const auto& code : skills) codes += (codes.empty() ? "" : " ") + code;
    TextLayout::wrap(
        out, messages.format("admin.import.flagged", Args().set("count", flagged->size()).set("skills", codes)), 2, 0);
    for (std::size_t i = 0; i < flagged->size(); ++i)
    {
        Poco::JSON::Object::Ptr m = flagged->getObject(static_cast<unsigned>(i));
        Poco::JSON::Object::Ptr activity = m->getObject("activity");
        std::string reasons;
        Poco::JSON::Array::Ptr list = m->getArray("reasons");
        for (std::size_t r = 0; list && r < list->size(); ++r)
        {
            Poco::JSON::Object::Ptr reason = list->getObject(static_cast<unsigned>(r));
            reasons += (reasons.empty() ? "" : "; ") +
                       messages.format("admin.reason." + JsonFields::text(*reason, "kind"),
                                       Args()
                                           .set("id", JsonFields::text(*reason, "responsibility"))
                                           .set("level", JsonFields::text(*reason, "level")));
        }
        out << "  ";
        TextLayout::wrap(
            out,
            messages.format("admin.import.flaggedMapping",
                            Args()
                                .set("activity", messages.format("admin.activity",
                                                                 Args()
                                                                     .set("name", JsonFields::text(*activity, "name"))
                                                                     .set("type", JsonFields::text(*activity, "type"))))
                                .set("skill", JsonFields::text(*m, "skill"))
                                .set("level", JsonFields::text(*m, "level"))
                                .set("reasons", reasons.empty() ? JsonFields::text(*m, "flagReason") : reasons)),
            4, 2);
    }
}

}
} // namespace sfe::host
