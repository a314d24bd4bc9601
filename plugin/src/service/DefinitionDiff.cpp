//
// DefinitionDiff.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/DefinitionDiff.h"

namespace sfe {
namespace service {

namespace {

/// A level's sentences in document order, by id; none for a level a version does not have.
std::vector<std::pair<std::string, std::string>> sentences(const definition::Level* level, const std::string& language)
{
    std::vector<std::pair<std::string, std::string>> out;
    if (!level) return out;
    auto add = [&](const std::string& id, const definition::LocalizedText& text) {
        const std::string& t = text.get(language);
        if (!t.empty()) out.emplace_back(id, t);
    };
    add("guidingPhrase", level->guidingPhrase);
    add("essence", level->essence);
    add("guidance", level->developmentGuidance);
    for (const auto& r : level->responsibilities) add(r.id, r.text);
    return out;
}

} // namespace

std::vector<DefinitionDiff::Level> DefinitionDiff::compare(const definition::Skill& before,
                                                           const definition::Skill& after, const std::string& language)
{
    std::vector<Level> result;
    for (int number = 1; number <= 7; ++number)
    {
        const auto old = sentences(before.level(number), language);
        const auto now = sentences(after.level(number), language);
        auto find = [](const std::vector<std::pair<std::string, std::string>>& list, const std::string& id) {
            for (const auto& entry : list)
                if (entry.first == id) return &entry;
            return static_cast<const std::pair<std::string, std::string>*>(nullptr);
        };
        Level level;
        level.number = number;
        for (const auto& [id, text] : now)
        {
            const auto* was = find(old, id);
            if (!was) level.added.push_back({id, "", text});
            else if (was->second != text) level.changed.push_back({id, was->second, text});
        }
        for (const auto& [id, text] : old)
            if (!find(now, id)) level.removed.push_back({id, text, ""});
        if (!level.added.empty() || !level.changed.empty() || !level.removed.empty())
            result.push_back(std::move(level));
    }
    return result;
}

}
} // namespace sfe::service
