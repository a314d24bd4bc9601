//
// Model.cpp
//
// Library: sfe_definition
// Package: definition
//

#include "sfe/definition/Model.h"

namespace sfe {
namespace definition {

void LocalizedText::set(const std::string& language, const std::string& text)
{
    _texts[language] = text;
}

const std::string& LocalizedText::get(const std::string& language) const
{
    static const std::string none;
    if (_texts.empty()) return none;
    auto it = _texts.find(language);
    if (it != _texts.end()) return it->second;
    const std::string primary = language.substr(0, language.find('-'));
    for (const auto& [tag, text] : _texts)
        if (tag.substr(0, tag.find('-')) == primary) return text;
    return _texts.begin()->second;
}

const Level* Skill::level(int number) const
{
    for (const auto& l : levels)
        if (l.number == number) return &l;
    return nullptr;
}

const Responsibility* Skill::responsibility(const std::string& id) const
{
    for (const auto& l : levels)
        for (const auto& r : l.responsibilities)
            if (r.id == id) return &r;
    return nullptr;
}

const Skill* Definition::skill(const std::string& code) const
{
    for (const auto& s : skills)
        if (s.code == code) return &s;
    return nullptr;
}

}
} // namespace sfe::definition
