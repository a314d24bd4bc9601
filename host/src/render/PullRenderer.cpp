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

PullRenderer::PullRenderer(const i18n::Messages& messages): _messages(messages)
{
}

void PullRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const Poco::JSON::Array::Ptr skipped = response.getArray("skipped");
    const std::size_t skippedCount = skipped ? skipped->size() : 0;
    for (std::size_t i = 0; i < skippedCount; ++i)
    {
        const Poco::JSON::Object::Ptr s = skipped->getObject(static_cast<unsigned int>(i));
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
    out << _messages.format("pull.summary", i18n::MessageArgs()
                                                .set("statements", response.getValue<std::size_t>("statements"))
                                                .set("pages", response.getValue<std::size_t>("pages"))
                                                .set("recorded", response.getValue<std::size_t>("recorded"))
                                                .set("evidence", response.getValue<std::size_t>("evidence"))
                                                .set("duplicates", response.getValue<std::size_t>("duplicates"))
                                                .set("skipped", skippedCount))
        << '\n';
    if (const Poco::JSON::Object::Ptr cursor = response.getObject("cursor"))
        out << _messages.format("pull.cursor", i18n::MessageArgs().set("stored", cursor->getValue<std::string>("stored")))
            << '\n';
}

} } // namespace sfe::host
