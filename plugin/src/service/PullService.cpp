//
// PullService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/PullService.h"

#include "sfe/runtime/Time.h"
#include "sfe/xapi/Timestamp.h"

#include <Poco/StringTokenizer.h>

#include <algorithm>

namespace sfe {
namespace service {

PullService::PullService(store::Database& db, LrsReader& reader, StatementIntake& intake):
    _db(db),
    _reader(reader),
    _intake(intake)
{}

// The link's state rides in a fragment, which is never sent to the LRS: "#sfe:" and its flags.
std::string PullService::Link::str() const
{
    std::string flags;
    for (const auto& [set, name] : {std::pair{byTime, "time"}, {closing, "closing"}, {news, "news"}})
        if (set) flags += (flags.empty() ? "" : ",") + std::string(name);
    return target + "#sfe:" + flags;
}

PullService::Link PullService::Link::parse(const std::string& text)
{
    const auto mark = text.rfind("#sfe:");
    Link link;
    link.target = text.substr(0, mark);
    if (mark == std::string::npos)
    {
        // A bare `more` IRL (from a caller that kept only the LRS's link): as if its round brought
        // news, so the end of its chain is checked.
        link.news = true;
        return link;
    }
    Poco::StringTokenizer flags(text.substr(mark + 5), ",", Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    link.byTime = flags.has("time");
    link.closing = flags.has("closing");
    link.news = flags.has("news");
    return link;
}

PullService::Result PullService::pull(const Request& request, const Poco::Timestamp& now)
{
    store::PullCursor cursors(_db);
    const std::string lrs = _reader.endpoint();
    Result result;
    Feed feed;
    if (!request.since) feed.position = cursors.load(lrs);
    if (feed.position) feed.after = runtime::parseTime(feed.position->stored);

    Link link;
    if (request.next) link = Link::parse(*request.next);
    else if (request.since) link = Link::byTimeFrom(xapi::Timestamp::format(*request.since), request.limit);
    else link = fromPosition(feed, request.limit);

    while (true)
    {
        const LrsReader::Page page = _reader.read(link.target);
        if (take(page, feed, result, now, !link.closing)) link.news = true;
        ++result.pages;
        if (feed.position) cursors.save(lrs, *feed.position, xapi::Timestamp::format(now));

        std::optional<Link> next;
        if (!page.more.empty()) next = Link{page.more, false, link.closing, link.news};
        // A `more` chain ended. It can end early on an LRS whose cursor is not in `stored` order
        // (Learning Locker's memory store compares v1 UUID strings, whose leading field wraps every
        // 7 minutes), so the feed ends only when a query by time from the last statement read brings
        // nothing new. The round's news is carried in the link, so callers paging call by call get
        // the same check.
        else if (!link.byTime && link.news && feed.position)
        {
            next = fromPosition(feed, request.limit);
            next->closing = true;
        }
        if (!next) break;
        if (request.pages && result.pages >= request.pages)
        {
            result.next = next->str();
            break;
        }
        link = *next;
    }
    result.position = feed.position;
    return result;
}

PullService::Link PullService::Link::byTimeFrom(const std::optional<std::string>& since, std::size_t limit)
{
    return Link{LrsReader::query(since, limit), true, false, false};
}

PullService::Link PullService::fromPosition(const Feed& feed, std::size_t limit)
{
    if (!feed.after) return Link::byTimeFrom(std::nullopt, limit);
    // `since` is exclusive: ask from just before the cursor's instant, for the statements stored at that
    // same instant after the last pull ended; those it took in are skipped by id (take).
    return Link::byTimeFrom(xapi::Timestamp::format(*feed.after - 1000), limit);
}

std::size_t PullService::take(const LrsReader::Page& page, Feed& feed, Result& result, const Poco::Timestamp& now,
                              bool countSkipped)
{
    std::vector<IncomingStatement> statements;
    statements.reserve(page.statements->size());
    for (std::size_t i = 0; i < page.statements->size(); ++i)
    {
        IncomingStatement in =
            _statements.read(page.statements->get(static_cast<unsigned int>(i)),
                             "page " + std::to_string(result.pages + 1) + " statements[" + std::to_string(i) + "]");
        const auto stored = runtime::parseTime(in.stored);
        if (stored && feed.after && feed.position)
        {
            // Taken in by an earlier pull (or page): before the cursor's instant, or at it and named there.
            if (*stored < *feed.after ||
                (*stored == *feed.after &&
                 std::count(feed.position->ids.begin(), feed.position->ids.end(), in.statement.id)))
            {
                if (countSkipped) ++result.report.duplicates;
                continue;
            }
        }
        if (stored)
        {
            if (!feed.after || *stored > *feed.after)
            {
                feed.after = stored;
                feed.position = store::FeedPosition{in.stored, {}};
            }
            if (*stored == *feed.after) feed.position->ids.push_back(in.statement.id);
        }
        statements.push_back(std::move(in));
    }
    const std::size_t taken = statements.size();
    result.report.add(_intake.take(statements, now));
    return taken;
}

}
} // namespace sfe::service
