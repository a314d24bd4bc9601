//
// PullService.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/PullService.h"

#include "sfe/runtime/Time.h"
#include "sfe/xapi/Timestamp.h"

#include <algorithm>

namespace sfe {
namespace service {

PullService::PullService(store::Database& db, LrsReader& reader, StatementIntake& intake):
    _db(db),
    _reader(reader),
    _intake(intake)
{
}

PullService::Result PullService::pull(const Request& request, const Poco::Timestamp& now)
{
    store::PullCursor cursors(_db);
    const std::string lrs = _reader.endpoint();
    Result result;
    std::optional<store::FeedPosition> position = request.since ? std::nullopt : cursors.load(lrs);
    std::optional<Poco::Timestamp> after;    // statements stored before this were taken in already
    if (position) after = runtime::parseTime(position->stored);

    LrsReader::Page page;
    if (request.next) page = _reader.next(*request.next);
    else if (request.since) page = _reader.first(xapi::Timestamp::format(*request.since), request.limit);
    else if (after)
        // `since` is exclusive: ask from just before the cursor's instant, for the statements stored
        // at that same instant after the last pull ended; those it took in are skipped by id below.
        page = _reader.first(xapi::Timestamp::format(*after - 1000), request.limit);
    else page = _reader.first(std::nullopt, request.limit);

    while (true)
    {
        std::vector<IncomingStatement> statements;
        statements.reserve(page.statements->size());
        for (std::size_t i = 0; i < page.statements->size(); ++i)
        {
            IncomingStatement in = _statements.read(page.statements->get(static_cast<unsigned int>(i)),
                                                    "page " + std::to_string(result.pages + 1) + " statements[" +
                                                        std::to_string(i) + "]");
            const auto stored = runtime::parseTime(in.stored);
            if (stored && after && position)
            {
                // Taken in by an earlier pull: before the cursor's instant, or at it and named there.
                if (*stored < *after ||
                    (*stored == *after && std::count(position->ids.begin(), position->ids.end(), in.statement.id)))
                {
                    ++result.report.duplicates;
                    continue;
                }
            }
            if (stored)
            {
                if (!after || *stored > *after)
                {
                    after = stored;
                    position = store::FeedPosition{in.stored, {}};
                }
                if (*stored == *after) position->ids.push_back(in.statement.id);
            }
            statements.push_back(std::move(in));
        }
        result.report.add(_intake.take(statements, now));
        ++result.pages;
        if (position) cursors.save(lrs, *position, xapi::Timestamp::format(now));
        result.next = page.more;
        if (page.more.empty() || (request.pages && result.pages >= request.pages)) break;
        page = _reader.next(page.more);
    }
    result.position = position;
    return result;
}

} } // namespace sfe::service
