//
// ShowRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `show`.
//

#include "render/ShowRenderer.h"

#include "render/TextLayout.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace sfe {
namespace host {

namespace {

/// The string at `key`, or "" when it is missing or null.
std::string text(const Poco::JSON::Object& object, const std::string& key)
{
    if (!object.has(key) || object.isNull(key)) return "";
    return TextLayout::printable(object.getValue<std::string>(key));
}

/// "  Label: text…", wrapped, when the text is not empty.
void labelled(std::ostream& out, std::size_t indent, const std::string& label, const std::string& value)
{
    if (value.empty()) return;
    out << std::string(indent, ' ') << label << ' ';
    TextLayout::wrap(out, value, indent + 2, indent + TextLayout::width(label) + 1);
}

void notDefined(std::ostream& out, const i18n::Messages& messages, std::size_t indent,
                const Poco::JSON::Object::Ptr& guidance)
{
    if (!guidance) return;
    labelled(out, indent, messages.format("cli.show.notDefined"), text(*guidance, "understanding"));
    labelled(out, indent, messages.format("cli.show.development"), text(*guidance, "development"));
    Poco::JSON::Array::Ptr steps = guidance->getArray("developmentSteps");
    for (std::size_t i = 0; steps && i < steps->size(); ++i)
    {
        out << std::string(indent + 2, ' ') << "\u2022 ";
        TextLayout::wrap(out, steps->getElement<std::string>(static_cast<unsigned>(i)), indent + 4, indent + 4);
    }
}

void responsibilities(std::ostream& out, const i18n::Messages& messages, const Poco::JSON::Array::Ptr& list)
{
    if (!list || list->size() == 0) return;
    std::size_t idWidth = 0;
    for (std::size_t i = 0; i < list->size(); ++i)
        idWidth = std::max(idWidth, TextLayout::width(text(*list->getObject(static_cast<unsigned>(i)), "id")));
    out << "  " << messages.format("cli.show.responsibilities") << '\n';
    for (std::size_t i = 0; i < list->size(); ++i)
    {
        Poco::JSON::Object::Ptr responsibility = list->getObject(static_cast<unsigned>(i));
        const std::string id = text(*responsibility, "id");
        out << "    " << TextLayout::padded(id, idWidth + 2);
        TextLayout::wrap(out, responsibility->getValue<std::string>("text"), 4 + idWidth + 2, 4 + idWidth + 2);
    }
}

void renderLevel(std::ostream& out, const i18n::Messages& messages, const Poco::JSON::Object& level)
{
    const bool defined = level.getValue<bool>("defined");
    out << messages.format("common.level", i18n::MessageArgs().set("level", level.getValue<int>("number")));
    const std::string phrase = text(level, "guidingPhrase");
    if (!phrase.empty()) out << " \u2013 " << phrase;
    if (!defined) out << ' ' << messages.format("cli.show.level.undefined");
    out << '\n';
    labelled(out, 2, messages.format("cli.show.essence"), text(level, "essence"));
    if (defined)
    {
        responsibilities(out, messages, level.getArray("responsibilities"));
        labelled(out, 2, messages.format("cli.show.guidance"), text(level, "developmentGuidance"));
    }
    else
    {
        notDefined(out, messages, 2, level.getObject("notDefined"));
    }
}

void overview(std::ostream& out, const i18n::Messages& messages, const Poco::JSON::Object& skill)
{
    const std::string description = text(skill, "description");
    if (!description.empty()) TextLayout::wrap(out, description, 0, 0);
    labelled(out, 0, messages.format("cli.show.guidanceNotes"), text(skill, "guidanceNotes"));
    Poco::JSON::Array::Ptr activities = skill.getArray("activities");
    if (activities && activities->size() > 0)
    {
        const std::string intro = text(skill, "activitiesIntro");
        out << (intro.empty() ? messages.format("cli.show.activities") : intro) << '\n';
        for (std::size_t i = 0; i < activities->size(); ++i)
        {
            out << "  \u2022 ";
            TextLayout::wrap(out, activities->getElement<std::string>(static_cast<unsigned>(i)), 4, 4);
        }
    }
    labelled(out, 0, messages.format("cli.show.development"), text(skill, "developmentIntro"));
    if (skill.has("lowerLevelsNotDefined") && !skill.isNull("lowerLevelsNotDefined"))
    {
        out << messages.format("cli.show.belowLowest") << '\n';
        notDefined(out, messages, 2, skill.getObject("lowerLevelsNotDefined"));
    }
    out << '\n';
}

void attribution(std::ostream& out, const Poco::JSON::Object& skill)
{
    Poco::JSON::Object::Ptr framework = skill.getObject("framework");
    if (!framework) return;
    out << '\n';
    const std::string title = text(*framework, "title");
    if (!title.empty()) TextLayout::wrap(out, title, 0, 0);
    std::string source = text(*framework, "copyright");
    const std::string url = text(*framework, "sourceUrl");
    if (!url.empty()) source += (source.empty() ? "" : " \u2013 ") + url;
    if (!source.empty()) TextLayout::wrap(out, source, 0, 0);
    const std::string licence = text(*framework, "licence");
    if (!licence.empty()) TextLayout::wrap(out, licence, 0, 0);
}

} // namespace

ShowRenderer::ShowRenderer(const i18n::Messages& messages, bool wholeSkill):
    _messages(messages),
    _wholeSkill(wholeSkill)
{}

void ShowRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    out << text(response, "name") << " (" << text(response, "code") << ")\n";
    Poco::JSON::Object::Ptr framework = response.getObject("framework");
    if (framework) out << text(*framework, "name") << ' ' << text(*framework, "version") << ", ";
    out << text(response, "language") << ", "
        << _messages.format(
               "cli.show.definition",
               i18n::MessageArgs().set("hash", TextLayout::shortHash(response.getValue<std::string>("definition"))))
        << "\n\n";

    if (_wholeSkill) overview(out, _messages, response);

    Poco::JSON::Array::Ptr levels = response.getArray("levels");
    for (std::size_t i = 0; levels && i < levels->size(); ++i)
    {
        if (i > 0) out << '\n';
        renderLevel(out, _messages, *levels->getObject(static_cast<unsigned>(i)));
    }
    attribution(out, response);
}

}
} // namespace sfe::host
