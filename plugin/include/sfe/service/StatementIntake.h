//
// StatementIntake.h
//
// Library: sfe_core
// Package: service
//
// Turns xAPI statements made by others into learning evidence, through the path LMS events take.
//

#ifndef SFE_SERVICE_STATEMENTINTAKE_H
#define SFE_SERVICE_STATEMENTINTAKE_H

#include "sfe/runtime/Settings.h"
#include "sfe/service/EvidenceService.h"
#include "sfe/service/IntakeReport.h"
#include "sfe/service/StatementReader.h"
#include "sfe/store/Database.h"

#include <Poco/Timestamp.h>

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// Takes in statements (read by StatementReader) as learning evidence. A statement counts when it
/// is a completion (verb completed), pass or failure (verbs passed/failed; for another verb,
/// result.success true/false, else result.completion true) by one Agent of a mapped activity's IRI;
/// it is recorded with EvidenceService::record as the LmsEvent a `complete` call would make, with
/// the statement id as the event id (so taking it in again records nothing: a duplicate).
///
/// The learner is what StatementFactory::agent() would have made an actor of: an account on
/// lms.home_page gives its name; an mbox gives the address, or with xapi.actor=mbox its local part
/// when the domain is lms.mbox_domain. Other actors (another homePage, mbox_sha1sum, openid) cannot
/// be matched to an LMS user. The time is the statement's timestamp, else its stored time, else now.
///
/// Everything else is reported with a reason (IntakeReport::skipped): invalid, our own (our profile
/// in context.contextActivities.category), voiding statements and the statements they void (also
/// those voided by another statement of the same set), Group actors, objects that are not
/// activities, unmapped activities, no result, unsupported verbs, times in the future.
class StatementIntake
{
public:
    StatementIntake(store::Database& db, EvidenceService& evidence, const runtime::Settings& settings);

    /// Takes in the statements in one EvidenceService::record transaction.
    IntakeReport take(const std::vector<IncomingStatement>& statements, const Poco::Timestamp& now);

private:
    /// The LMS learner the actor is, or why there is none (then `learner` is empty).
    std::string learnerOf(const xapi::Agent& actor, std::string& why) const;

    store::Database& _db;
    EvidenceService& _evidence;
    runtime::Settings _settings;
};

}
} // namespace sfe::service

#endif
