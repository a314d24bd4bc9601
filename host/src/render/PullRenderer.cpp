//
// PullRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//

#include "render/PullRenderer.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {

PullRenderer::PullRenderer(const i18n::Messages& messages):
    _messages(messages)
{}

void PullRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const Poco::JSON::Array::Ptr list = response.getArray("skipped");
    if (list) skipped(*list, out);
    summary(response, list ? list->size() : 0, out);
}

void PullRenderer::skipped(const Poco::JSON::Array& list, std::ostream& out) const
{
    for (std::size_t i = 0; i < list.size(); ++i)
    {
        const Poco::JSON::Object::Ptr s = list.getObject(static_cast<unsigned int>(i));
        const std::string reason = s->getValue<std::string>("reason");
        i18n::MessageArgs args;
        args.set("id", s->getValue<std::string>("id"));
        args.set("reason", _messages.has("pull.reason." + reason) ? _messages.format("pull.reason." + reason) : reason);
        if (s->has("detail"))
        {
            args.set("detail", s->getValue<std::string>("detail"));
            out << _messages.format("pull.skippedDetail", args) << '\n';
        }
        else out << _messages.format("pull.skipped", args) << '\n';
    }
}

void PullRenderer::summary(const Poco::JSON::Object& totals, std::size_t skippedCount, std::ostream& out) const
{
    out << _messages.format("pull.summary", i18n::MessageArgs()
                                                .set("statements", totals.getValue<std::size_t>("statements"))
                                                .set("pages", totals.getValue<std::size_t>("pages"))
                                                .set("recorded", totals.getValue<std::size_t>("recorded"))
                                                .set("evidence", totals.getValue<std::size_t>("evidence"))
                                                .set("duplicates", totals.getValue<std::size_t>("duplicates"))
                                                .set("skipped", skippedCount))
        << '\n';
    if (const Poco::JSON::Object::Ptr cursor = totals.getObject("cursor"))
        out << _messages.format("pull.cursor",
                                i18n::MessageArgs().set("stored", cursor->getValue<std::string>("stored")))
            << '\n';
}

}
} // namespace sfe::host
