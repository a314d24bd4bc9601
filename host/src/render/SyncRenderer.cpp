//
// SyncRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `sync`: what the drain did and what is left.
//

#include "render/SyncRenderer.h"

#include "render/JsonFields.h"
#include "render/TextBar.h"

#include <Poco/NumberFormatter.h>

#include <algorithm>

namespace sfe {
namespace host {

namespace {

std::size_t count(const Poco::JSON::Object& outbox, const std::string& state)
{
    Poco::JSON::Object::Ptr counts = outbox.getObject("counts");
    return counts->has(state) ? counts->getValue<std::size_t>(state) : 0;
}

/// Erases from the cursor to the end of the line (ANSI "erase in line"), for terminals only.
const char* const kEraseLine = "\x1b[K";

} // namespace

SyncRenderer::SyncRenderer(const i18n::Messages& messages, Poco::JSON::Object::Ptr outboxAfter):
    _messages(messages),
    _outboxAfter(std::move(outboxAfter))
{}

void SyncRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    // Tenths of a second, with the language's decimal sign (MessageArgs carries whole numbers).
    std::string seconds = Poco::NumberFormatter::format(response.getValue<double>("elapsedMs") / 1000.0, 1);
    if (_messages.language() == "de") std::replace(seconds.begin(), seconds.end(), '.', ',');
    out << _messages.format("cli.sync.summary", i18n::MessageArgs()
                                                    .set("delivered", JsonFields::text(response, "delivered"))
                                                    .set("quarantined", JsonFields::text(response, "quarantined"))
                                                    .set("retries", JsonFields::text(response, "retries"))
                                                    .set("requests", JsonFields::text(response, "requests"))
                                                    .set("seconds", seconds))
        << '\n';
    const std::size_t left = pending(*_outboxAfter);
    const std::string lrs = JsonFields::text(*_outboxAfter, "lrs");
    if (left == 0) out << _messages.format("cli.sync.nothingPending", i18n::MessageArgs().set("lrs", lrs)) << '\n';
    else
        out << _messages.format("cli.sync.stillPending", i18n::MessageArgs().set("count", left).set("lrs", lrs))
            << '\n';
    if (JsonFields::present(response, "lastError"))
        out << _messages.format("cli.sync.lastError",
                                i18n::MessageArgs().set("error", JsonFields::text(response, "lastError")))
            << '\n';
    const std::size_t quarantined = count(*_outboxAfter, "quarantined");
    if (quarantined > 0)
        out << _messages.format("cli.sync.quarantinedInAll", i18n::MessageArgs().set("count", quarantined)) << '\n';
}

void SyncRenderer::progress(const i18n::Messages& messages, const Poco::JSON::Object& outboxBefore,
                            const Poco::JSON::Object& outboxNow, std::ostream& out)
{
    const std::size_t delivered = count(outboxNow, "delivered") - count(outboxBefore, "delivered");
    const std::size_t quarantined = count(outboxNow, "quarantined") - count(outboxBefore, "quarantined");
    const std::size_t left = pending(outboxNow);
    const std::size_t total = delivered + quarantined + left;
    out << '\r' << TextBar::draw(delivered + quarantined, total, 30) << ' '
        << messages.format("cli.sync.progress", i18n::MessageArgs()
                                                    .set("done", delivered)
                                                    .set("total", total)
                                                    .set("quarantined", quarantined)
                                                    .set("pending", left))
        << kEraseLine << std::flush;
}

void SyncRenderer::clearProgress(std::ostream& out)
{
    out << '\r' << kEraseLine << std::flush;
}

std::size_t SyncRenderer::pending(const Poco::JSON::Object& outbox)
{
    return count(outbox, "pending");
}

}
} // namespace sfe::host
