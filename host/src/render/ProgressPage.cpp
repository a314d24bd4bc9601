//
// ProgressPage.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// `progress --html`: a learner's progress as one self-contained HTML page.
//

#include "render/ProgressPage.h"

#include "render/EvidenceSummary.h"
#include "render/JsonFields.h"

#include "sfe/Version.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/Timestamp.h>

namespace sfe {
namespace host {

namespace {

const char* const kStyle = R"css(
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
.meta, .rule { color: #555; font-size: 0.9rem; }
code { font-size: 0.85rem; }
svg { display: block; margin: 1rem 0; max-width: 100%; height: auto; }
svg text { font-size: 12px; fill: #333; }
svg .track { fill: #eceff1; }
svg .bar { fill: #1976d2; }
svg .bar.attained { fill: #2e7d32; }
svg .undefined { fill: none; stroke: #bbb; stroke-dasharray: 4 3; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e0e0e0; }
td.attained { color: #2e7d32; font-weight: bold; }
td.undefined { color: #888; }
ul { margin: 0.2rem 0; padding-left: 1.2rem; }
li.record { font-family: ui-monospace, monospace; font-size: 0.8rem; }
)css";

/// The chart's geometry, in SVG user units.
constexpr int kChartHeight = 150;
constexpr int kBarWidth = 44;
constexpr int kBarGap = 16;
constexpr int kTop = 22;
constexpr int kLeft = 10;

} // namespace

ProgressPage::ProgressPage(ProgressRenderer::Skills skills): _skills(std::move(skills))
{
}

std::string ProgressPage::escape(const std::string& text)
{
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text)
    {
        switch (c)
        {
        case '&': escaped += "&amp;"; break;
        case '<': escaped += "&lt;"; break;
        case '>': escaped += "&gt;"; break;
        case '"': escaped += "&quot;"; break;
        case '\'': escaped += "&#39;"; break;
        default: escaped += c;
        }
    }
    return escaped;
}

void ProgressPage::write(const Poco::JSON::Object& progress, std::ostream& out) const
{
    const std::string learner = JsonFields::text(progress, "learner");
    Poco::JSON::Array::Ptr skills = progress.getArray("skills");
    // The page's language is the definitions' (their texts fill it); the first skill's stands for all.
    std::string language = "en";
    if (skills && skills->size() > 0)
    {
        auto shown = _skills.find(JsonFields::text(*skills->getObject(0), "skill"));
        if (shown != _skills.end()) language = JsonFields::text(*shown->second, "language", language);
    }
    out << "<!DOCTYPE html>\n<html lang=\"" << escape(language) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>Progress of " << escape(learner) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
        << "<h1>Progress of " << escape(learner) << "</h1>\n"
        << "<p class=\"meta\">Made by sfia-evidence " << SFE_VERSION << " at "
        << Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FORMAT) << ".</p>\n";
    if (!skills || skills->size() == 0) out << "<p>No skills are imported yet.</p>\n";
    const Poco::JSON::Object::Ptr evidence = progress.has("evidence") ? progress.getObject("evidence") : nullptr;
    for (std::size_t s = 0; skills && s < skills->size(); ++s)
        writeSkill(*skills->getObject(static_cast<unsigned>(s)), evidence, out);
    out << "</body>\n</html>\n";
}

void ProgressPage::writeSkill(const Poco::JSON::Object& skill, const Poco::JSON::Object::Ptr& evidence,
                              std::ostream& out) const
{
    const std::string code = JsonFields::text(skill, "skill");
    const std::string rule = JsonFields::text(skill, "rule");
    auto shown = _skills.find(code);
    const std::string name = shown == _skills.end() ? code : JsonFields::text(*shown->second, "name");
    out << "<section>\n<h2>" << escape(name) << " (" << escape(code) << ")</h2>\n"
        << "<p class=\"rule\">Rule <b>" << escape(rule) << "</b>; definition <code>"
        << escape(JsonFields::text(skill, "definition")) << "</code></p>\n";
    writeChart(skill, out);

    out << "<table>\n<thead><tr><th>Level</th><th>Responsibilities</th><th>Activities</th><th>Status</th>"
           "<th>Why, and the evidence</th></tr></thead>\n<tbody>\n";
    Poco::JSON::Array::Ptr levels = skill.getArray("levels");
    for (std::size_t i = 0; i < levels->size(); ++i)
    {
        Poco::JSON::Object::Ptr level = levels->getObject(static_cast<unsigned>(i));
        const int number = level->getValue<int>("level");
        const std::string phrase = ProgressRenderer::phrase(_skills, code, number);
        out << "<tr><td>" << number << (phrase.empty() ? "" : " " + escape(phrase)) << "</td>";
        if (!level->getValue<bool>("defined"))
        {
            out << "<td class=\"undefined\" colspan=\"4\">not defined for this skill</td></tr>\n";
            continue;
        }
        const auto counts = ProgressRenderer::counts(*level, rule);
        Poco::JSON::Object::Ptr activities = level->getObject("activities");
        const bool attained = level->getValue<bool>("attained");
        out << "<td>" << counts.counted << " of " << counts.responsibilities << ' ' << counts.countedAs << "</td>"
            << "<td>" << JsonFields::text(*activities, "done") << " of " << JsonFields::text(*activities, "total")
            << " completed</td>"
            << (attained ? "<td class=\"attained\">attained \u2713</td>" : "<td>not attained</td>") << "<td><ul>";
        for (const auto& why : JsonFields::strings(level->getArray("why"))) out << "<li>" << escape(why) << "</li>";
        Poco::JSON::Array::Ptr responsibilities = level->getArray("responsibilities");
        for (std::size_t r = 0; r < responsibilities->size(); ++r)
        {
            Poco::JSON::Object::Ptr responsibility = responsibilities->getObject(static_cast<unsigned>(r));
            for (const char* role : {"demonstrated", "verified", "otherAttestations", "learning"})
            {
                for (const auto& record : JsonFields::strings(responsibility->getArray(role)))
                    out << "<li class=\"record\">" << escape(JsonFields::text(*responsibility, "id")) << ' ' << role
                        << ": " << escape(EvidenceSummary::describe(evidence, record)) << "</li>";
            }
        }
        for (const auto& record : JsonFields::strings(level->getArray("levelWideLearning")))
            out << "<li class=\"record\">whole level learning: " << escape(EvidenceSummary::describe(evidence, record))
                << "</li>";
        out << "</ul></td></tr>\n";
    }
    out << "</tbody>\n</table>\n</section>\n";
}

void ProgressPage::writeChart(const Poco::JSON::Object& skill, std::ostream& out) const
{
    const std::string code = JsonFields::text(skill, "skill");
    const std::string rule = JsonFields::text(skill, "rule");
    Poco::JSON::Array::Ptr levels = skill.getArray("levels");
    const int width = kLeft * 2 + static_cast<int>(levels->size()) * (kBarWidth + kBarGap);
    const int height = kTop + kChartHeight + 24;
    out << "<svg viewBox=\"0 0 " << width << ' ' << height << "\" width=\"" << width << "\" height=\"" << height
        << "\" role=\"img\" aria-label=\"" << escape(code) << ": responsibilities per level\">\n";
    for (std::size_t i = 0; i < levels->size(); ++i)
    {
        Poco::JSON::Object::Ptr level = levels->getObject(static_cast<unsigned>(i));
        const int number = level->getValue<int>("level");
        const int x = kLeft + static_cast<int>(i) * (kBarWidth + kBarGap);
        const int middle = x + kBarWidth / 2;
        const std::string phrase = ProgressRenderer::phrase(_skills, code, number);
        out << "<g><title>" << number << (phrase.empty() ? " not defined" : " " + escape(phrase)) << "</title>";
        if (!level->getValue<bool>("defined"))
        {
            out << "<rect class=\"undefined\" x=\"" << x << "\" y=\"" << kTop << "\" width=\"" << kBarWidth
                << "\" height=\"" << kChartHeight << "\"/><text x=\"" << middle << "\" y=\"" << kTop - 6
                << "\" text-anchor=\"middle\">n/a</text>";
        }
        else
        {
            const auto counts = ProgressRenderer::counts(*level, rule);
            const int filled = counts.responsibilities == 0
                ? 0
                : static_cast<int>(kChartHeight * counts.counted / counts.responsibilities);
            out << "<rect class=\"track\" x=\"" << x << "\" y=\"" << kTop << "\" width=\"" << kBarWidth << "\" height=\""
                << kChartHeight << "\"/><rect class=\"bar" << (level->getValue<bool>("attained") ? " attained" : "")
                << "\" x=\"" << x << "\" y=\"" << kTop + kChartHeight - filled << "\" width=\"" << kBarWidth
                << "\" height=\"" << filled << "\"/><text x=\"" << middle << "\" y=\"" << kTop - 6
                << "\" text-anchor=\"middle\">" << counts.counted << '/' << counts.responsibilities << "</text>";
        }
        out << "<text x=\"" << middle << "\" y=\"" << kTop + kChartHeight + 16 << "\" text-anchor=\"middle\">"
            << number << "</text></g>\n";
    }
    out << "</svg>\n";
}

} } // namespace sfe::host
