//
// SkillsRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `skills`.
//

#include "render/SkillsRenderer.h"

#include "render/ReadableTime.h"
#include "render/TextLayout.h"
#include "render/TextTable.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <vector>

namespace sfe {
namespace host {

namespace {

/// "1-6", "2-4, 6": consecutive levels as ranges; `none` when there are none.
std::string levelRanges(const Poco::JSON::Array::Ptr& levels, const std::string& none)
{
    std::vector<int> numbers;
    for (std::size_t i = 0; levels && i < levels->size(); ++i)
        numbers.push_back(levels->getElement<int>(static_cast<unsigned>(i)));
    std::sort(numbers.begin(), numbers.end());
    std::string text;
    for (std::size_t i = 0; i < numbers.size();)
    {
        std::size_t j = i;
        while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
        if (!text.empty()) text += ", ";
        text += std::to_string(numbers[i]);
        if (j > i) text += "-" + std::to_string(numbers[j]);
        i = j + 1;
    }
    return text.empty() ? none : text;
}

} // namespace

SkillsRenderer::SkillsRenderer(const i18n::Messages& messages, i18n::TimeText times):
    _messages(messages),
    _times(std::move(times))
{}

void SkillsRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr skills = response.getArray("skills");
    if (!skills || skills->size() == 0)
    {
        out << _messages.format("cli.skills.none") << '\n';
        return;
    }

    std::vector<std::string> header;
    for (const char* column : {"code", "name", "language", "framework", "levels", "definition", "imported"})
        header.push_back(_messages.format(std::string("cli.skills.column.") + column));
    TextTable table(header);
    for (std::size_t i = 0; i < skills->size(); ++i)
    {
        Poco::JSON::Object::Ptr skill = skills->getObject(static_cast<unsigned>(i));
        table.add({skill->getValue<std::string>("code"), skill->getValue<std::string>("name"),
                   skill->getValue<std::string>("language"),
                   skill->getValue<std::string>("framework") + " " + skill->getValue<std::string>("frameworkVersion"),
                   levelRanges(skill->getArray("definedLevels"), _messages.format("cli.skills.levels.none")),
                   TextLayout::shortHash(skill->getValue<std::string>("definition")),
                   ReadableTime::dateTime(_times, skill->getValue<std::string>("importedAt"))});
    }
    table.write(out);
}

}
} // namespace sfe::host
