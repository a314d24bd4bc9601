//
// ProgressRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `progress`: a bar per level, and with --explain the reasons and records.
//

#include "render/ProgressRenderer.h"

#include "render/EvidenceSummary.h"
#include "render/JsonFields.h"
#include "render/TextBar.h"
#include "render/TextLayout.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace sfe {
namespace host {

ProgressRenderer::ProgressRenderer(Skills skills, bool explain): _skills(std::move(skills)), _explain(explain)
{
}

ProgressRenderer::LevelCounts ProgressRenderer::counts(const Poco::JSON::Object& level, const std::string& rule)
{
    LevelCounts result;
    result.countedAs = rule == "all-verified" ? "verified" : "demonstrated";
    Poco::JSON::Array::Ptr responsibilities = level.getArray("responsibilities");
    result.responsibilities = responsibilities ? responsibilities->size() : 0;
    for (std::size_t i = 0; i < result.responsibilities; ++i)
    {
        if (JsonFields::size(*responsibilities->getObject(static_cast<unsigned>(i)), result.countedAs) > 0)
            ++result.counted;
    }
    return result;
}

std::string ProgressRenderer::phrase(const Skills& skills, const std::string& code, int number)
{
    auto skill = skills.find(code);
    if (skill == skills.end()) return "";
    Poco::JSON::Array::Ptr levels = skill->second->getArray("levels");
    for (std::size_t i = 0; levels && i < levels->size(); ++i)
    {
        Poco::JSON::Object::Ptr level = levels->getObject(static_cast<unsigned>(i));
        if (level->getValue<int>("number") == number && level->getValue<bool>("defined"))
            return JsonFields::text(*level, "guidingPhrase");
    }
    return "";
}

void ProgressRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr skills = response.getArray("skills");
    const std::string learner = JsonFields::text(response, "learner");
    if (!skills || skills->size() == 0)
    {
        out << "no skills imported yet, so no progress for " << learner << '\n';
        return;
    }
    const Poco::JSON::Object::Ptr evidence = response.has("evidence") ? response.getObject("evidence") : nullptr;
    for (std::size_t s = 0; s < skills->size(); ++s)
    {
        Poco::JSON::Object::Ptr skill = skills->getObject(static_cast<unsigned>(s));
        const std::string code = JsonFields::text(*skill, "skill");
        const std::string rule = JsonFields::text(*skill, "rule");
        auto shown = _skills.find(code);
        const std::string name = shown == _skills.end() ? code : JsonFields::text(*shown->second, "name") + " (" + code + ")";
        if (s > 0) out << '\n';
        out << name << ": learner " << learner << ", rule " << rule << ", definition "
            << TextLayout::shortHash(JsonFields::text(*skill, "definition")) << '\n';

        Poco::JSON::Array::Ptr levels = skill->getArray("levels");
        std::size_t phraseWidth = 0;
        for (std::size_t i = 0; i < levels->size(); ++i)
            phraseWidth = std::max(phraseWidth, TextLayout::width(phrase(_skills, code, levels->getObject(static_cast<unsigned>(i))->getValue<int>("level"))));
        for (std::size_t i = 0; i < levels->size(); ++i)
        {
            Poco::JSON::Object::Ptr level = levels->getObject(static_cast<unsigned>(i));
            renderLevel(*level, rule, phrase(_skills, code, level->getValue<int>("level")), phraseWidth, evidence, out);
        }
    }
}

void ProgressRenderer::renderLevel(const Poco::JSON::Object& level, const std::string& rule, const std::string& phrase,
                                   std::size_t phraseWidth, const Poco::JSON::Object::Ptr& evidence,
                                   std::ostream& out) const
{
    out << "  " << JsonFields::text(level, "level") << ' ';
    if (!level.getValue<bool>("defined"))
    {
        out << "(not defined for this skill)\n";
        return;
    }
    const LevelCounts c = counts(level, rule);
    Poco::JSON::Object::Ptr activities = level.getObject("activities");
    const std::size_t done = activities->getValue<std::size_t>("done");
    const std::size_t total = activities->getValue<std::size_t>("total");
    out << TextLayout::padded(phrase, phraseWidth) << "  " << TextBar::draw(c.counted, c.responsibilities) << ' '
        << c.counted << '/' << c.responsibilities << ' ' << c.countedAs << "  " << done << '/' << total
        << " activities";
    if (level.getValue<bool>("attained")) out << "  attained \u2713";
    out << '\n';
    if (!_explain) return;

    const std::string indent(6, ' ');
    if (JsonFields::present(level, "attainment"))
    {
        Poco::JSON::Object::Ptr attainment = level.getObject("attainment");
        out << indent << "attained at " << JsonFields::text(*attainment, "attainedAt") << " under rule "
            << JsonFields::text(*attainment, "rule") << ", statement " << JsonFields::text(*attainment, "statement")
            << '\n';
    }
    for (const auto& why : JsonFields::strings(level.getArray("why"))) out << indent << "why: " << why << '\n';

    Poco::JSON::Array::Ptr responsibilities = level.getArray("responsibilities");
    for (std::size_t r = 0; r < responsibilities->size(); ++r)
    {
        Poco::JSON::Object::Ptr responsibility = responsibilities->getObject(static_cast<unsigned>(r));
        const std::string id = JsonFields::text(*responsibility, "id");
        for (const char* role : {"demonstrated", "verified", "otherAttestations", "learning"})
        {
            for (const auto& record : JsonFields::strings(responsibility->getArray(role)))
                out << indent << id << ' ' << role << ": " << EvidenceSummary::describe(evidence, record) << '\n';
        }
    }
    for (const auto& record : JsonFields::strings(level.getArray("levelWideLearning")))
        out << indent << "whole level learning: " << EvidenceSummary::describe(evidence, record) << '\n';
}

} } // namespace sfe::host
