//
// PullService.h
//
// Library: sfe_core
// Package: service
//
// `pull`: learning evidence from the statements already in the configured LRS.
//

#ifndef SFE_SERVICE_PULLSERVICE_H
#define SFE_SERVICE_PULLSERVICE_H

#include "sfe/service/IntakeReport.h"
#include "sfe/service/LrsReader.h"
#include "sfe/service/StatementIntake.h"
#include "sfe/service/StatementReader.h"
#include "sfe/store/Database.h"
#include "sfe/store/PullCursor.h"

#include <Poco/Timestamp.h>

#include <optional>
#include <string>

namespace sfe {
namespace service {

/// Reads the LRS's feed page by page (LrsReader) and takes each page in (StatementIntake): one
/// EvidenceService::record transaction per page, then the cursor (store::PullCursor) moves past
/// it in a transaction of its own. Memory holds one page. A pull killed between the two
/// transactions reads that page again next time, which records nothing twice (the statement id is
/// the event id) and reports its skipped statements again. The feed ends when a query by time
/// (`since`) from the last statement read brings nothing new, not merely when `more` runs out.
class PullService
{
public:
    /// Where a pull starts and how much it does in one call.
    struct Request
    {
        std::optional<Poco::Timestamp> since; ///< from this time on (exclusive), instead of the cursor
        std::optional<std::string> next;      ///< continue a previous call's feed at its `next` link
        std::size_t pages = 0;                ///< at most this many pages (0: until the feed ends)
        std::size_t limit = 500;              ///< statements per page
    };

    /// What one call did.
    struct Result
    {
        IntakeReport report;
        std::size_t pages = 0;
        std::string next;                            ///< the link to continue with; empty: the feed ended
        std::optional<store::FeedPosition> position; ///< the cursor now
    };

    PullService(store::Database& db, LrsReader& reader, StatementIntake& intake);

    /// Throws runtime::Error as LrsReader and EvidenceService do; pages taken in before stay.
    Result pull(const Request& request, const Poco::Timestamp& now);

private:
    /// Where the feed has been read to: the newest `stored` seen and the statements stored at it.
    struct Feed
    {
        std::optional<store::FeedPosition> position;
        std::optional<Poco::Timestamp> after;
    };

    /// What to read next: the LRS's `more` IRL or a query by time, with what the round (a query by
    /// time and the `more` chain after it) found so far. Written as the target plus a fragment.
    struct Link
    {
        std::string target;
        bool byTime = false;  ///< a query by time (`since`), not a `more` IRL
        bool closing = false; ///< the round after a chain: what it skips, this pull read already
        bool news = false;    ///< the round took in statements not read before

        static Link byTimeFrom(const std::optional<std::string>& since, std::size_t limit);
        static Link parse(const std::string& text);
        std::string str() const;
    };

    /// A query by time from the feed's position (from the start without one).
    static Link fromPosition(const Feed& feed, std::size_t limit);

    /// Takes in the page's statements not read before and moves the feed on; returns how many. Those
    /// skipped count as duplicates when countSkipped (not when this pull itself read them already).
    std::size_t take(const LrsReader::Page& page, Feed& feed, Result& result, const Poco::Timestamp& now,
                     bool countSkipped);

    store::Database& _db;
    LrsReader& _reader;
    StatementIntake& _intake;
    StatementReader _statements;
};

}
} // namespace sfe::service

#endif
