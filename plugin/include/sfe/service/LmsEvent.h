//
// LmsEvent.h
//
// Library: sfe_core
// Package: service
//
// What an LMS reports: a learner finished an activity, or an assessor saw a responsibility shown.
//

#ifndef SFE_SERVICE_LMSEVENT_H
#define SFE_SERVICE_LMSEVENT_H

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// One LMS event. An event id makes delivery idempotent: the same id is recorded once.
struct LmsEvent
{
    enum class Type
    {
        Completion,
        Attestation
    };

    Type type = Type::Completion;
    std::string eventId;           ///< empty: a new random id (no deduplication)
    std::string learner;           ///< LMS user id
    std::optional<std::string> at; ///< RFC 3339 with zone; empty: now

    // Completion: the learner completed, passed or failed an activity.
    std::string activity;              ///< LMS id or IRI, as mapped
    std::string verb = "completed";    ///< completed | passed | failed
    std::optional<double> scoreScaled; ///< -1..1
    std::optional<double> scoreRaw, scoreMin, scoreMax;

    // Attestation: an assessor attests a demonstration of a responsibility.
    std::string responsibility;           ///< e.g. CSMG-3.2
    std::string assessor;                 ///< LMS user id of the assessor
    std::string outcome = "demonstrated"; ///< demonstrated | partial | not-demonstrated
    std::optional<std::string> note;
    std::optional<std::string> evidenceUrl; ///< IRI of an evidence file

    /// "complete" or "attest": the operation's name, used in messages.
    const char* operation() const { return type == Type::Completion ? "complete" : "attest"; }
};

/// What recording one event did.
struct RecordResult
{
    std::string eventId;
    bool duplicate = false; ///< the event id was recorded before; nothing written
    std::vector<std::string> evidenceIds;
    std::vector<std::string> statementIds;
};

}
} // namespace sfe::service

#endif
