//
// DefinitionChecker.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/DefinitionChecker.h"
#include <algorithm>
#include <cstdlib>
#include <string>

namespace sfe {
namespace definition {

namespace {

/// The parts of a responsibility id "CODE-L.N" (the schema guarantees the pattern).
struct IdParts
{
    std::string skill;
    int level = 0;
    int number = 0;
};

IdParts splitId(const std::string& id)
{
    IdParts parts;
    const std::size_t dash = id.rfind('-');
    const std::size_t dot = id.find('.', dash);
    if (dash == std::string::npos || dot == std::string::npos) return parts;
    parts.skill = id.substr(0, dash);
    parts.level = std::atoi(id.substr(dash + 1, dot - dash - 1).c_str());
    parts.number = std::atoi(id.substr(dot + 1).c_str());
    return parts;
}

std::string levelName(const Skill& skill, const Level& level)
{
    return "level " + std::to_string(level.number) + " of skill " + skill.code;
}

} // namespace

std::vector<Problem> DefinitionChecker::check(const Definition& definition, const std::string& name)
{
    std::vector<Problem> problems;
    auto report = [&](const SourceLocation& where, const std::string& message) {
        problems.push_back({name, std::max(where.line, 1), std::max(where.column, 1), message});
    };

    for (const Skill& skill : definition.skills)
    {
        const Level* previous = nullptr;
        bool anyDefined = false;
        for (const Level& level : skill.levels)
        {
            if (previous != nullptr && level.number < previous->number)
                report(level.where, "level " + std::to_string(level.number) + " follows level " +
                                        std::to_string(previous->number) + " in skill " + skill.code +
                                        "; levels must be in ascending order");
            previous = &level;
            if (!level.defined) continue;
            anyDefined = true;

            if (level.guidingPhrase.empty())
                report(level.where, levelName(skill, level) + " is defined but has no <guidingPhrase>");
            if (level.essence.empty())
                report(level.where, levelName(skill, level) + " is defined but has no <essence>");
            if (level.responsibilities.empty())
                report(level.where, levelName(skill, level) + " is defined but has no <responsibility>");

            for (const Responsibility& responsibility : level.responsibilities)
            {
                const IdParts id = splitId(responsibility.id);
                if (id.skill != skill.code)
                    report(responsibility.where, "responsibility " + responsibility.id + " names skill " + id.skill +
                                                     " but stands in skill " + skill.code);
                if (id.level != level.number)
                    report(responsibility.where, "responsibility " + responsibility.id + " names level " +
                                                     std::to_string(id.level) + " but stands in level " +
                                                     std::to_string(level.number));
                if (id.number != responsibility.position)
                    report(responsibility.where, "responsibility " + responsibility.id + " is number " +
                                                     std::to_string(responsibility.position) +
                                                     " in its level, so its id must end in ." +
                                                     std::to_string(responsibility.position) +
                                                     " (responsibilities are numbered 1, 2, 3, ... in document order)");
            }
        }
        if (!anyDefined)
            report(skill.where, "skill " + skill.code + " has no defined level (every level is <notDefined>)");
    }
    return problems;
}

}
} // namespace sfe::definition
