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
#include "render/TextLayout.h"

#include <Poco/NumberFormatter.h>

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

SyncRenderer::SyncRenderer(Poco::JSON::Object::Ptr outboxAfter): _outboxAfter(std::move(outboxAfter))
{
}

void SyncRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    const double seconds = response.getValue<double>("elapsedMs") / 1000.0;
    out << "delivered " << JsonFields::text(response, "delivered") << ", quarantined "
        << JsonFields::text(response, "quarantined") << ", retries " << JsonFields::text(response, "retries")
        << ", requests " << JsonFields::text(response, "requests") << ", elapsed "
        << Poco::NumberFormatter::format(seconds, 1) << " s\n";
    const std::size_t left = pending(*_outboxAfter);
    const std::string lrs = JsonFields::text(*_outboxAfter, "lrs");
    if (left == 0) out << "nothing pending (LRS " << lrs << ")\n";
    else
    {
        out << TextLayout::counted(left, "statement") << " still pending, not accepted by the LRS " << lrs
            << " in time; run sync again later\n";
    }
    if (JsonFields::present(response, "lastError")) out << "last error: " << JsonFields::text(response, "lastError") << '\n';
    const std::size_t quarantined = count(*_outboxAfter, "quarantined");
    if (quarantined > 0)
        out << TextLayout::counted(quarantined, "statement") << " quarantined in all: sfia-evidence outbox shows why\n";
}

void SyncRenderer::progress(const Poco::JSON::Object& outboxBefore, const Poco::JSON::Object& outboxNow,
                            std::ostream& out)
{
    const std::size_t delivered = count(outboxNow, "delivered") - count(outboxBefore, "delivered");
    const std::size_t quarantined = count(outboxNow, "quarantined") - count(outboxBefore, "quarantined");
    const std::size_t left = pending(outboxNow);
    const std::size_t total = delivered + quarantined + left;
    out << '\r' << TextBar::draw(delivered + quarantined, total, 30) << ' ' << delivered << '/' << total
        << " delivered, " << quarantined << " quarantined, " << left << " pending" << kEraseLine << std::flush;
}

void SyncRenderer::clearProgress(std::ostream& out)
{
    out << '\r' << kEraseLine << std::flush;
}

std::size_t SyncRenderer::pending(const Poco::JSON::Object& outbox)
{
    return count(outbox, "pending");
}

} } // namespace sfe::host
