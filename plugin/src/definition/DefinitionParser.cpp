//
// DefinitionParser.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/DefinitionParser.h"
#include <pugixml.hpp>
#include <cctype>
#include <cstring>
#include <map>

namespace sfe {
namespace definition {

namespace {

/// The element's name without its prefix. The schema allows nothing but definition-namespace
/// elements (and xml:lang), so after validation the prefix, if any, is that namespace's.
const char* localName(const pugi::xml_node& node)
{
    const char* name = node.name();
    const char* colon = std::strchr(name, ':');
    return colon != nullptr ? colon + 1 : name;
}

bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// Whitespace collapsed as xs:token does.
std::string collapse(const std::string& text)
{
    std::string result;
    for (char c : text)
    {
        if (isXmlSpace(c))
        {
            if (!result.empty() && result.back() != ' ') result += ' ';
        }
        else result += c;
    }
    if (!result.empty() && result.back() == ' ') result.pop_back();
    return result;
}

std::string lowercase(const std::string& text)
{
    std::string result;
    for (char c : text) result += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return result;
}

class Builder
{
public:
    Builder(const std::string& name, const LineMap& lines):
        _name(name),
        _lines(lines)
    {}

    std::vector<Problem> problems;

    SourceLocation where(const pugi::xml_node& node) const
    {
        const std::ptrdiff_t offset = node.offset_debug(); // of the name; '<' precedes it
        return offset > 0 ? _lines.locate(static_cast<std::size_t>(offset - 1)) : SourceLocation{1, 1};
    }

    void report(const pugi::xml_node& node, const std::string& message)
    {
        const SourceLocation at = where(node);
        problems.push_back({_name, at.line, at.column, message});
    }

    std::vector<pugi::xml_node> children(const pugi::xml_node& parent, const char* name) const
    {
        std::vector<pugi::xml_node> found;
        for (const auto& child : parent.children())
            if (child.type() == pugi::node_element && std::strcmp(localName(child), name) == 0) found.push_back(child);
        return found;
    }

    pugi::xml_node child(const pugi::xml_node& parent, const char* name) const
    {
        for (const auto& node : parent.children())
            if (node.type() == pugi::node_element && std::strcmp(localName(node), name) == 0) return node;
        return {};
    }

    /// The element's character data (text and CDATA, comments skipped), whitespace collapsed.
    static std::string content(const pugi::xml_node& node)
    {
        std::string text;
        for (const auto& part : node.children())
            if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata) text += part.value();
        return collapse(text);
    }

    /// The <text xml:lang> children of `node`. Refuses a language given twice, and a missing
    /// text in the document's language.
    LocalizedText localized(const pugi::xml_node& node)
    {
        LocalizedText result;
        std::map<std::string, pugi::xml_node> seen; // by lowercased language
        for (const auto& text : children(node, "text"))
        {
            const std::string language = text.attribute("xml:lang").value();
            auto [first, fresh] = seen.emplace(lowercase(language), text);
            if (!fresh)
            {
                report(text, "<" + std::string(localName(node)) + "> gives its text in " + language +
                                 " twice (first at line " + std::to_string(where(first->second).line) + ")");
                continue;
            }
            result.set(language, content(text));
        }
        if (node && seen.count(lowercase(_documentLanguage)) == 0)
            report(node, "<" + std::string(localName(node)) + "> has no text in the document's language " +
                             _documentLanguage);
        return result;
    }

    LocalizedText optionalLocalized(const pugi::xml_node& parent, const char* name)
    {
        const pugi::xml_node node = child(parent, name);
        return node ? localized(node) : LocalizedText{};
    }

    NotDefinedGuidance notDefined(const pugi::xml_node& node)
    {
        NotDefinedGuidance guidance;
        guidance.understanding = optionalLocalized(node, "understanding");
        guidance.development = optionalLocalized(node, "development");
        for (const auto& step : children(node, "developmentStep")) guidance.developmentSteps.push_back(localized(step));
        return guidance;
    }

    Level level(const pugi::xml_node& node)
    {
        Level level;
        level.number = node.attribute("number").as_int();
        level.where = where(node);
        level.guidingPhrase = optionalLocalized(node, "guidingPhrase");
        level.essence = optionalLocalized(node, "essence");
        const pugi::xml_node notDefinedNode = child(node, "notDefined");
        level.defined = !notDefinedNode;
        if (notDefinedNode) level.notDefined = notDefined(notDefinedNode);
        int position = 0;
        for (const auto& item : children(node, "responsibility"))
        {
            Responsibility responsibility;
            responsibility.id = collapse(item.attribute("id").value());
            responsibility.position = ++position;
            responsibility.text = localized(item);
            responsibility.where = where(item);
            level.responsibilities.push_back(std::move(responsibility));
        }
        level.developmentGuidance = optionalLocalized(node, "developmentGuidance");
        return level;
    }

    Skill skill(const pugi::xml_node& node)
    {
        Skill skill;
        skill.code = collapse(node.attribute("code").value());
        skill.where = where(node);
        skill.name = optionalLocalized(node, "name");
        skill.description = optionalLocalized(node, "description");
        skill.guidanceNotes = optionalLocalized(node, "guidanceNotes");
        if (const pugi::xml_node activities = child(node, "activities"))
        {
            skill.activitiesIntro = optionalLocalized(activities, "intro");
            for (const auto& activity : children(activities, "activity"))
                skill.activities.push_back(localized(activity));
        }
        skill.developmentIntro = optionalLocalized(node, "developmentIntro");
        if (const pugi::xml_node lower = child(node, "lowerLevelsNotDefined"))
            skill.lowerLevelsNotDefined = notDefined(lower);
        for (const auto& levelNode : children(node, "level")) skill.levels.push_back(level(levelNode));
        return skill;
    }

    Definition definition(const pugi::xml_node& root)
    {
        Definition definition;
        _documentLanguage = root.attribute("xml:lang").value();
        const pugi::xml_node framework = child(root, "framework");
        definition.framework.name = collapse(framework.attribute("name").value());
        definition.framework.version = collapse(framework.attribute("version").value());
        definition.framework.language = _documentLanguage;
        definition.framework.title = optionalLocalized(framework, "title");
        definition.framework.sourceUrl = collapse(child(framework, "source").text().get());
        definition.framework.copyright = content(child(framework, "copyright"));
        definition.framework.licence = content(child(framework, "licence"));
        for (const auto& skillNode : children(root, "skill")) definition.skills.push_back(skill(skillNode));
        return definition;
    }

private:
    const std::string& _name;
    const LineMap& _lines;
    std::string _documentLanguage;
};

} // namespace

DefinitionParser::Result DefinitionParser::parse(const std::string& bytes, const std::string& name,
                                                 const LineMap& lines)
{
    Result result;
    pugi::xml_document document;
    const pugi::xml_parse_result parsed =
        document.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
    {
        const SourceLocation at = lines.locate(static_cast<std::size_t>(parsed.offset));
        result.problems.push_back({name, at.line, at.column, std::string("XML error: ") + parsed.description()});
        return result;
    }
    Builder builder(name, lines);
    result.definition = builder.definition(document.document_element());
    result.problems = std::move(builder.problems);
    return result;
}

}
} // namespace sfe::definition
