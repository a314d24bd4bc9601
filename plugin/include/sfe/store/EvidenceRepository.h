//
// EvidenceRepository.h
//
// Library: sfe_core
// Package: store
//
// Evidence records and the LMS events they came from.
//

#ifndef SFE_STORE_EVIDENCEREPOSITORY_H
#define SFE_STORE_EVIDENCEREPOSITORY_H

#include "sfe/store/Database.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sfe {
namespace store {

/// What an evidence record is now. Derived, never stored: withdrawn once withdrawnAt is set,
/// else verified once an auditor verified it, else active. Only active and verified records count
/// for progress.
enum class EvidenceState
{
    Active,
    Verified,
    Withdrawn
};

/// The name of a state as requests and responses write it: "active", "verified", "withdrawn".
const char* stateName(EvidenceState state);

/// The state named `name`; empty for any other text.
std::optional<EvidenceState> stateNamed(const std::string& name);

/// One piece of evidence for one learner at one level of one skill. Never deleted: withdrawal
/// sets withdrawnAt and withdrawnReason.
struct EvidenceRecord
{
    std::string id;         ///< UUID
    long long seq = 0;      ///< order of recording
    std::string eventId;    ///< the LMS event it came from
    std::string kind;       ///< learning | demonstrated
    std::string learner;    ///< LMS user id ("erased" after erasure)
    std::string learnerRef; ///< the learner's pseudonymous ref (store::LearnerRefs)
    std::string skillCode;
    int level = 0;
    std::string definitionSha256; ///< the definition version it was recorded against
    std::string levelTextSha256;  ///< the level's text at that time
    std::optional<std::string> activityId;
    std::optional<std::string> mappingId;
    std::string verb; ///< completed | passed | failed | attested
    std::optional<double> scoreRaw, scoreMin, scoreMax, scoreScaled;
    std::optional<bool> success;
    std::optional<std::string> assessor;
    std::optional<std::string> assessorRef;
    std::optional<std::string> outcome; ///< demonstrated | partial | not-demonstrated
    std::optional<std::string> note;
    std::optional<std::string> noteSha256;
    std::optional<std::string> evidenceUrl;
    std::string occurredAt;
    std::string recordedAt;
    std::optional<std::string> withdrawnAt;
    std::optional<std::string> withdrawnReason;
    std::optional<std::string> erasedAt;
    std::vector<std::string> responsibilities;   ///< ids; read back in byte order (they are logged in that order)
    EvidenceState state = EvidenceState::Active; ///< as read (derived; not written by insert)
};

/// An auditor's verification of a record (EvidenceService::verify).
struct Verification
{
    std::string auditor;
    std::string verifiedAt;
    std::optional<std::string> note;
};

/// Which evidence to read; every field narrows it. Times compare as RFC 3339 text.
struct EvidenceFilter
{
    std::optional<std::string> learner;
    std::optional<std::string> skillCode;
    std::optional<int> level;
    std::optional<std::string> assessor;
    std::optional<std::string> assessorRef;
    std::optional<std::string> kind;
    std::optional<std::string> from; ///< occurredAt >= from
    std::optional<std::string> to;   ///< occurredAt < to
    std::optional<EvidenceState> state;
    bool includeWithdrawn = true;
    std::size_t limit = 0; ///< 0: no limit
    std::size_t offset = 0;
    long long afterSeq = 0; ///< only seq > afterSeq: keyset paging (a page ends at its last seq)
};

/// Reads and writes evidence. Writes happen inside the caller's Transaction; inserts take whole
/// batches, bound as arrays, because recording is the plugin's hot path.
class EvidenceRepository
{
public:
    explicit EvidenceRepository(Database& db);

    /// The subset of `eventIds` already recorded.
    std::set<std::string> knownEvents(const std::vector<std::string>& eventIds);

    /// Records LMS events as received (ids must be new), so that a repeated one records nothing.
    /// When is the time of the evidence or withdrawal each one led to, not kept again here.
    void insertEvents(const std::vector<std::string>& eventIds, const std::vector<std::string>& kinds);

    void insert(const std::vector<EvidenceRecord>& records);

    std::optional<EvidenceRecord> find(const std::string& id);
    /// The records the filter selects, in recording order; every criterion is applied in SQL.
    std::vector<EvidenceRecord> list(const EvidenceFilter& filter);

    /// The auditors' verifications of a record, oldest first.
    std::vector<Verification> verifications(const std::string& evidenceId);

    /// The seqs of the evidence-log entries about a record (its recording, then a withdrawal or
    /// verifications), in order; read them with EvidenceLog::entries.
    std::vector<long long> logSeqs(const std::string& evidenceId);

    /// Records that an auditor verified the record. Returns false if this auditor did already.
    bool addVerification(const std::string& evidenceId, const std::string& auditor, const std::string& at,
                         const std::optional<std::string>& note);

    /// Marks the record withdrawn. Returns false if it is unknown or already withdrawn.
    bool withdraw(const std::string& id, const std::string& at, const std::string& reason);

private:
    Database& _db;
};

}
} // namespace sfe::store

#endif
