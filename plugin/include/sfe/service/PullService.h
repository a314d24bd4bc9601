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
/// the event id) and reports its skipped statements again.
class PullService
{
public:
    /// Where a pull starts and how much it does in one call.
    struct Request
    {
        std::optional<Poco::Timestamp> since;   ///< from this time on (exclusive), instead of the cursor
        std::optional<std::string> next;        ///< continue a previous call's query at this `more` IRL
        std::size_t pages = 0;                  ///< at most this many pages (0: until the feed ends)
        std::size_t limit = 500;                ///< statements per page
    };

    /// What one call did.
    struct Result
    {
        IntakeReport report;
        std::size_t pages = 0;
        std::string next;                       ///< the `more` IRL to continue with; empty: the feed ended
        std::optional<store::FeedPosition> position;    ///< the cursor now
    };

    PullService(store::Database& db, LrsReader& reader, StatementIntake& intake);

    /// Throws runtime::Error as LrsReader and EvidenceService do; pages taken in before stay.
    Result pull(const Request& request, const Poco::Timestamp& now);

private:
    store::Database& _db;
    LrsReader& _reader;
    StatementIntake& _intake;
    StatementReader _statements;
};

} } // namespace sfe::service

#endif
