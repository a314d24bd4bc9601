//
// CoverageRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `coverage`.
//

#include "render/CoverageRenderer.h"

#include "render/JsonFields.h"
#include "render/TextLayout.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace sfe {
namespace host {

namespace {

using Args = i18n::MessageArgs;

long long count(const Poco::JSON::Object& o, const std::string& key)
{
    return o.getValue<long long>(key);
}

} // namespace

CoverageRenderer::CoverageRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

std::string CoverageRenderer::activities(const Poco::JSON::Array::Ptr& mappings) const
{
    // The mappings that count: flagged ones are shown apart, with their reasons.
    std::string out;
    for (std::size_t i = 0; mappings && i < mappings->size(); ++i)
    {
        Poco::JSON::Object::Ptr m = mappings->getObject(static_cast<unsigned>(i));
        if (m->getValue<bool>("flagged")) continue;
        out += (out.empty() ? "" : ", ") +
               _messages.format(
                   "admin.activity",
                   Args().set("name", JsonFields::text(*m, "name")).set("type", JsonFields::text(*m, "type")));
    }
    return out;
}

void CoverageRenderer::reviews(const Poco::JSON::Array::Ptr& mappings, std::ostream& out, std::size_t indent) const
{
    for (std::size_t i = 0; mappings && i < mappings->size(); ++i)
    {
        Poco::JSON::Object::Ptr m = mappings->getObject(static_cast<unsigned>(i));
        if (!m->getValue<bool>("flagged")) continue;
        Poco::JSON::Object::Ptr review = m->getObject("review");
        std::string reasons;
        Poco::JSON::Array::Ptr list = review->getArray("reasons");
        for (std::size_t r = 0; list && r < list->size(); ++r)
        {
            Poco::JSON::Object::Ptr reason = list->getObject(static_cast<unsigned>(r));
            reasons += (reasons.empty() ? "" : "; ") +
                       _messages.format("admin.reason." + JsonFields::text(*reason, "kind"),
                                        Args()
                                            .set("id", JsonFields::text(*reason, "responsibility"))
                                            .set("level", count(*reason, "level")));
        }
        if (reasons.empty()) reasons = JsonFields::text(*review, "note"); // texts read as mapped again
        const std::string line =
            _messages.format("coverage.mark.review") + ": " +
            _messages.format(
                "admin.activity",
                Args().set("name", JsonFields::text(*m, "name")).set("type", JsonFields::text(*m, "type"))) +
            ": " + _messages.format("coverage.review", Args().set("reasons", reasons));
        out << std::string(indent, ' ');
        TextLayout::wrap(out, line, indent + 2, indent);
    }
}

void CoverageRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr levels = response.getArray("levels");
    std::size_t idWidth = 0;
    for (std::size_t i = 0; i < levels->size(); ++i)
    {
        Poco::JSON::Array::Ptr responsibilities =
            levels->getObject(static_cast<unsigned>(i))->getArray("responsibilities");
        for (std::size_t r = 0; r < responsibilities->size(); ++r)
            idWidth = std::max(idWidth, TextLayout::width(JsonFields::text(
                                            *responsibilities->getObject(static_cast<unsigned>(r)), "id")));
    }
    const std::size_t indent = 2 + idWidth + 2;

    for (std::size_t i = 0; i < levels->size(); ++i)
    {
        Poco::JSON::Object::Ptr level = levels->getObject(static_cast<unsigned>(i));
        const long long number = count(*level, "level");
        out << _messages.format("coverage.level",
                                Args().set("level", number).set("phrase", JsonFields::text(*level, "guidingPhrase")))
            << '\n';
        const std::string whole = activities(level->getArray("wholeLevel"));
        Poco::JSON::Array::Ptr responsibilities = level->getArray("responsibilities");
        std::size_t covered = 0, asWhole = 0, uncovered = 0;
        for (std::size_t r = 0; r < responsibilities->size(); ++r)
        {
            Poco::JSON::Object::Ptr responsibility = responsibilities->getObject(static_cast<unsigned>(r));
            const std::string state = JsonFields::text(*responsibility, "state");
            ++(state == "covered" ? covered : state == "covered-as-whole" ? asWhole : uncovered);
            out << "  " << TextLayout::padded(JsonFields::text(*responsibility, "id"), idWidth + 2);
            TextLayout::wrap(out, JsonFields::text(*responsibility, "text"), indent, indent);
            out << std::string(indent, ' ');
            TextLayout::wrap(
                out,
                _messages.format(
                    "coverage.state." + state,
                    Args().set("activities", activities(responsibility->getArray("mappings"))).set("whole", whole)),
                indent + 2, indent);
            reviews(responsibility->getArray("mappings"), out, indent);
        }
        out << "  ";
        TextLayout::wrap(
            out,
            _messages.format(
                whole.empty() ? "coverage.wholeLevel.none" : "coverage.wholeLevel",
                Args().set("level", number).set("activities", whole).set("count", responsibilities->size())),
            4, 2);
        reviews(level->getArray("wholeLevel"), out, 4);
        out << "  "
            << _messages.format("coverage.levelSummary", Args()
                                                             .set("total", responsibilities->size())
                                                             .set("covered", covered)
                                                             .set("whole", asWhole)
                                                             .set("uncovered", uncovered))
            << '\n';
    }
    out << _messages.format("coverage.summary", Args()
                                                    .set("skill", JsonFields::text(response, "skill"))
                                                    .set("total", count(response, "responsibilities"))
                                                    .set("covered", count(response, "covered"))
                                                    .set("whole", count(response, "coveredAsWhole"))
                                                    .set("uncovered", count(response, "uncovered"))
                                                    .set("flagged", count(response, "flagged")))
        << '\n';
}

}
} // namespace sfe::host
