//
// ProgressRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `progress`: the learner's view, level by level, and the next steps.
//

#include "render/ProgressRenderer.h"

#include "render/EvidenceSummary.h"
#include "render/JsonFields.h"
#include "render/TextBar.h"
#include "render/TextLayout.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>

#include <algorithm>

namespace sfe {
namespace host {

namespace {

const std::size_t kDetail = 6; ///< indent of a level's details
const std::size_t kSub = 10;   ///< indent of what belongs to one detail

/// What the plugin wrote, safe for a terminal.
std::string safe(const Poco::JSON::Object& object, const std::string& key)
{
    return TextLayout::printable(JsonFields::text(object, key));
}

} // namespace

ProgressRenderer::ProgressRenderer(const i18n::Messages& messages, i18n::TimeText times, bool explain):
    _messages(messages),
    _times(std::move(times)),
    _explain(explain)
{}

std::string ProgressRenderer::date(const std::string& utc) const
{
    Poco::DateTime at;
    int zone = 0;
    return Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, utc, at, zone)
               ? _times.dateTime(at.timestamp())
               : TextLayout::printable(utc);
}

std::string ProgressRenderer::record(const Poco::JSON::Object::Ptr& records, const std::string& id) const
{
    if (!records || !records->has(id)) return id;
    Poco::JSON::Object::Ptr r = records->getObject(id);
    i18n::MessageArgs args;
    args.set("id", id).set("date", date(JsonFields::text(*r, "occurredAt")));
    std::string line;
    if (JsonFields::present(*r, "outcome"))
        line = text("progress.cli.record.attested",
                    args.set("outcome", JsonFields::text(*r, "outcome")).set("assessor", safe(*r, "assessor")));
    else
    {
        const std::string score = EvidenceSummary::score(*r);
        args.set("verb", JsonFields::text(*r, "verb")).set("activity", safe(*r, "activity"));
        line = score.empty() ? text("progress.cli.record.learning", args)
                             : text("progress.cli.record.scored", args.set("score", score));
    }
    if (JsonFields::present(*r, "withdrawnAt"))
        line +=
            " " + text("progress.cli.record.withdrawn", i18n::MessageArgs().set("reason", safe(*r, "withdrawnReason")));
    if (JsonFields::size(*r, "statements") > 0)
        line += "; " + text("progress.cli.record.statements",
                            i18n::MessageArgs().set("statements", JsonFields::joined(r->getArray("statements"), " ")));
    return line;
}

std::string ProgressRenderer::text(const std::string& key, const i18n::MessageArgs& args) const
{
    return _messages.format(key, args);
}

void ProgressRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr skills = response.getArray("skills");
    const std::string learner = safe(response, "learner");
    const Poco::JSON::Object::Ptr evidence = response.has("evidence") ? response.getObject("evidence") : nullptr;
    for (std::size_t s = 0; skills && s < skills->size(); ++s)
    {
        Poco::JSON::Object::Ptr skill = skills->getObject(static_cast<unsigned>(s));
        const std::string rule = JsonFields::text(*skill, "rule");
        if (s > 0) out << '\n';
        out << text("progress.cli.header",
                    i18n::MessageArgs()
                        .set("skill", safe(*skill, "heading"))
                        .set("learner", learner)
                        .set("definition", TextLayout::shortHash(JsonFields::text(*skill, "definition"))))
            << '\n';
        out << "  ";
        TextLayout::wrap(out, safe(*skill, "ruleText"), 2, 2);
        Poco::JSON::Array::Ptr levels = skill->getArray("levels");
        std::size_t phraseWidth = 0;
        for (std::size_t i = 0; i < levels->size(); ++i)
            phraseWidth = std::max(
                phraseWidth, TextLayout::width(safe(*levels->getObject(static_cast<unsigned>(i)), "guidingPhrase")));
        for (std::size_t i = 0; i < levels->size(); ++i)
            renderLevel(*levels->getObject(static_cast<unsigned>(i)), rule, phraseWidth, evidence, out);
        renderNext(*skill, out);
    }
}

void ProgressRenderer::renderLevel(const Poco::JSON::Object& level, const std::string& rule, std::size_t phraseWidth,
                                   const Poco::JSON::Object::Ptr& evidence, std::ostream& out) const
{
    out << "  " << JsonFields::text(level, "level") << ' ';
    if (!level.getValue<bool>("defined"))
    {
        out << text("progress.cli.notDefined") << '\n';
        if (JsonFields::present(level, "development"))
        {
            Poco::JSON::Object::Ptr development = level.getObject("development");
            out << std::string(kDetail, ' ');
            TextLayout::wrap(out, safe(*development, "text"), kDetail, kDetail);
            for (const auto& step : JsonFields::strings(development->getArray("steps")))
            {
                out << std::string(kDetail, ' ') << "- ";
                TextLayout::wrap(out, TextLayout::printable(step), kDetail + 2, kDetail + 2);
            }
        }
        return;
    }
    Poco::JSON::Array::Ptr responsibilities = level.getArray("responsibilities");
    std::size_t counted = 0;
    for (std::size_t r = 0; r < responsibilities->size(); ++r)
        if (responsibilities->getObject(static_cast<unsigned>(r))->getValue<bool>("counts")) ++counted;
    Poco::JSON::Object::Ptr activities = level.getObject("activities");
    out << TextLayout::padded(safe(level, "guidingPhrase"), phraseWidth) << "  "
        << TextBar::draw(counted, responsibilities->size()) << ' ' << safe(level, "countText") << "  "
        << safe(*activities, "text");
    if (level.getValue<bool>("attained")) out << "  " << text("progress.cli.attained");
    out << '\n';

    const std::string indent(kDetail, ' ');
    if (level.getValue<bool>("attained")) out << indent << safe(level, "stateText") << '\n';
    for (std::size_t r = 0; r < responsibilities->size(); ++r)
    {
        Poco::JSON::Object::Ptr responsibility = responsibilities->getObject(static_cast<unsigned>(r));
        const std::string state = JsonFields::text(*responsibility, "state");
        // The mark repeats what the state text says, for a quick scan.
        const char* mark = responsibility->getValue<bool>("counts") ? "\u2713 " : state == "not-yet" ? "\u00b7 " : "~ ";
        out << indent << mark;
        TextLayout::wrap(out, safe(*responsibility, "sentence"), kDetail + 2, kDetail + 2);
        out << std::string(kDetail + 2, ' ');
        TextLayout::wrap(out, safe(*responsibility, "stateText"), kDetail + 2, kDetail + 2);
        if (responsibility->getValue<bool>("earlierWording"))
        {
            out << std::string(kDetail + 2, ' ');
            std::string earlier = safe(*responsibility, "earlierWordingText");
            if (JsonFields::present(*responsibility, "earlierSentence"))
                earlier += " \u2013 " + safe(*responsibility, "earlierSentence");
            TextLayout::wrap(out, earlier, kSub, kDetail + 2);
        }
    }
    Poco::JSON::Array::Ptr list = activities->getArray("list");
    for (std::size_t a = 0; list && a < list->size(); ++a)
    {
        Poco::JSON::Object::Ptr activity = list->getObject(static_cast<unsigned>(a));
        out << indent << (activity->getValue<bool>("done") ? "\u2713 " : "\u00b7 ");
        TextLayout::wrap(out,
                         text("progress.cli.activity", i18n::MessageArgs()
                                                           .set("name", safe(*activity, "name"))
                                                           .set("type", safe(*activity, "typeText"))
                                                           .set("state", safe(*activity, "stateText"))),
                         kDetail + 2, kDetail + 2);
    }
    if (JsonFields::present(level, "development"))
    {
        Poco::JSON::Object::Ptr development = level.getObject("development");
        out << indent;
        TextLayout::wrap(out, safe(*development, "text"), kDetail, kDetail);
    }
    if (!_explain) return;

    if (JsonFields::present(level, "attainment"))
    {
        Poco::JSON::Object::Ptr attainment = level.getObject("attainment");
        out << indent
            << text("progress.cli.explain.attainment",
                    i18n::MessageArgs()
                        .set("date", date(JsonFields::text(*attainment, "attainedAt")))
                        .set("rule", safe(*attainment, "rule"))
                        .set("statement", safe(*attainment, "statement")))
            << '\n';
    }
    for (const auto& reason : JsonFields::strings(level.getArray("reasons")))
        out << indent
            << text("progress.cli.explain.why", i18n::MessageArgs().set("reason", TextLayout::printable(reason)))
            << '\n';
    for (std::size_t r = 0; r < responsibilities->size(); ++r)
    {
        Poco::JSON::Object::Ptr responsibility = responsibilities->getObject(static_cast<unsigned>(r));
        const std::string id = safe(*responsibility, "id");
        for (const char* role : {"demonstrated", "verified", "otherAttestations", "learning"})
        {
            for (const auto& record : JsonFields::strings(responsibility->getArray(role)))
                out << indent
                    << text("progress.cli.explain.record",
                            i18n::MessageArgs()
                                .set("id", id)
                                .set("role", text("progress.cli.role", i18n::MessageArgs().set("role", role)))
                                .set("record", this->record(evidence, record)))
                    << '\n';
        }
    }
    for (const auto& record : JsonFields::strings(level.getArray("levelWideLearning")))
        out << indent
            << text("progress.cli.explain.wholeLevel",
                    i18n::MessageArgs().set("record", this->record(evidence, record)))
            << '\n';
    (void)rule;
}

void ProgressRenderer::renderNext(const Poco::JSON::Object& skill, std::ostream& out) const
{
    out << '\n' << safe(skill, "nextLevelText") << '\n';
    Poco::JSON::Array::Ptr missing = skill.getArray("nextMissing");
    for (std::size_t i = 0; missing && i < missing->size(); ++i)
    {
        out << "  - ";
        TextLayout::wrap(out, TextLayout::printable(missing->getElement<std::string>(static_cast<unsigned>(i))), 4, 4);
    }
    Poco::JSON::Array::Ptr steps = skill.getArray("nextSteps");
    if (steps && steps->size() > 0)
    {
        out << "  " << text("progress.label.nextSteps") << ":\n";
        for (std::size_t i = 0; i < steps->size(); ++i)
        {
            Poco::JSON::Object::Ptr step = steps->getObject(static_cast<unsigned>(i));
            out << "    ";
            TextLayout::wrap(out,
                             text("progress.cli.step", i18n::MessageArgs()
                                                           .set("type", safe(*step, "typeText"))
                                                           .set("name", safe(*step, "activity"))
                                                           .set("level", step->getValue<int>("level"))
                                                           .set("covers", safe(*step, "coversText"))),
                             6, 4);
            for (const auto& sentence : JsonFields::strings(step->getArray("covers")))
            {
                out << "      - ";
                TextLayout::wrap(out, TextLayout::printable(sentence), 8, 8);
            }
        }
    }
    else if (JsonFields::present(skill, "noNextStepsText"))
    {
        out << "  ";
        TextLayout::wrap(out, safe(skill, "noNextStepsText"), 2, 2);
    }
}

}
} // namespace sfe::host
