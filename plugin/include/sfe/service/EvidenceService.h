//
// EvidenceService.h
//
// Library: sfe_core
// Package: service
//
// Use cases for LMS events: record evidence with its statements, and withdraw it.
//

#ifndef SFE_SERVICE_EVIDENCESERVICE_H
#define SFE_SERVICE_EVIDENCESERVICE_H

#include "sfe/runtime/Settings.h"
#include "sfe/service/Checkpointer.h"
#include "sfe/service/DefinitionCache.h"
#include "sfe/service/EvidenceView.h"
#include "sfe/service/LmsEvent.h"
#include "sfe/service/ProgressService.h"
#include "sfe/service/StatementBinding.h"
#include "sfe/service/StatementSigner.h"
#include "sfe/service/StatementFactory.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/LearnerRefs.h"
#include "sfe/store/StatementRepository.h"

#include "sfe/xapi/StatementSerializer.h"
#include "sfe/xapi/StatementValidator.h"

#include <Poco/Timestamp.h>

#include <functional>
#include <memory>
#include <set>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// What a withdrawal did.
struct WithdrawResult
{
    std::string evidenceId;
    bool duplicate = false; ///< the withdrawal's event id was recorded before
    std::vector<std::string> voidingStatementIds;
    std::string learner; ///< the record's learner and skill (empty for a duplicate)
    std::string skillCode;
    std::vector<int> levelsLost; ///< levels the learner attained before and no longer does
};

/// Turns LMS events into evidence and statements. Each call is one transaction: the events, the
/// evidence rows and their statements in the outbox are written together or not at all.
///
/// Recording, for each event: check it (known activity or responsibility, ranges, time) → skip it
/// if its event id was recorded → make the evidence records (one per active mapping of the
/// activity; one for an attestation) → make their statements with ids fixed now → validate each
/// statement (an invalid one refuses the whole call) → write everything in one transaction,
/// with one evidence-log entry per record (the hash chain, see store::EvidenceLog).
class EvidenceService
{
public:
    /// `onRecorded` is called after each commit that wrote statements (it wakes the LRS sender).
    EvidenceService(store::Database& db, DefinitionCache& definitions, const StatementFactory& statements,
                    store::LearnerRefs& refs, ProgressService& progress, Checkpointer& checkpoints,
                    std::shared_ptr<const SigningKeys> keys, const runtime::Settings& settings,
                    std::function<void()> onRecorded = {});

    /// Records a batch of events in one transaction. Throws runtime::Error naming the event
    /// (SFE_INVALID for bad input, SFE_NOTFOUND for an unknown activity or responsibility), and
    /// then nothing is written. Returns one result per event, in order.
    std::vector<RecordResult> record(const std::vector<LmsEvent>& events, const Poco::Timestamp& now);

    /// Marks evidence withdrawn (never deleted) and queues a voiding statement for each of its
    /// statements. Re-evaluates the learner's progress in the skill and says which levels the
    /// learner no longer attains (their "achieved" statements are voided too). Throws SFE_NOTFOUND for unknown evidence, SFE_CONFLICT if already withdrawn,
    /// SFE_INVALID without a reason.
    WithdrawResult withdraw(const std::string& evidenceId, const std::string& reason,
                            const std::optional<std::string>& eventId, const Poco::Timestamp& now);

    /// The records the filter selects, in recording order (store::EvidenceRepository::list).
    std::vector<store::EvidenceRecord> list(const store::EvidenceFilter& filter);

    /// The outbox in order, optionally of one learner and/or in one state; a page of `limit` (0: all)
    /// after seq `afterSeq` (store::StatementRepository::list).
    std::vector<store::StatementRecord> statements(const std::optional<std::string>& learner,
                                                   const std::optional<std::string>& state, long long afterSeq = 0,
                                                   std::size_t limit = 0);

    /// One record with its proof: its log entries checked, the checkpoints covering them, its
    /// verifications and statements. Throws SFE_NOTFOUND naming the id when there is no such record.
    EvidenceView show(const std::string& evidenceId);

    /// The xml:lang of the skill's current definition version; empty for a skill not stored.
    std::string definitionLanguage(const std::string& skillCode);

    /// An auditor confirms a demonstrated record ("assessor-verified" evidence). Throws
    /// SFE_NOTFOUND for unknown evidence, SFE_INVALID when it is not a demonstration, is withdrawn,
    /// or the auditor is its learner or assessor, SFE_CONFLICT when this auditor verified it already.
    void verify(const std::string& evidenceId, const std::string& auditor, const std::optional<std::string>& note,
                const Poco::Timestamp& now);

    /// Validates the statement (throws SFE_INVALID naming `what` when it is invalid) and writes
    /// its final form into `record`: the body, and with xapi.sign the JWS over the body as it is
    /// before the signature attachment, which the body then carries (xAPI 1.0.3 Data 2.6).
    void seal(xapi::Statement statement, const std::string& what, store::StatementRecord& record) const;

private:
    struct Batch;
    /// One log entry to append: its content is built once the statements it binds are known.
    struct LogItem
    {
        std::string evidenceId;
        std::string action;
        std::function<std::string(const std::optional<std::vector<StatementBinding>>&)> content;
    };
    std::vector<RecordResult> recordInTransaction(const std::vector<LmsEvent>& events, const Poco::Timestamp& now);
    /// Re-evaluates attainments of the pairs, adds the attainment statements it makes to
    /// `statements` and numbers them all.
    void settleStatements(std::vector<store::StatementRecord>& statements,
                          const std::set<std::pair<std::string, std::string>>& affected, const std::string& at);
    /// Binds each statement to the entry of its evidence (the last entry when none is of its
    /// evidence), appends the entries, then inserts the statements with the seq of their entry.
    /// `encoder` holds the bodies of the first statements, queued as they were made (all of them,
    /// from its first text on, are the statements' bodies in order); the rest are queued here.
    void appendLogAndStatements(const std::vector<LogItem>& items, std::vector<store::StatementRecord>& statements,
                                const std::string& at, const Poco::Timestamp& now, store::TextEncoder& encoder);
    void checkAndBuild(const LmsEvent& event, std::size_t index, std::size_t count, Batch& batch,
                       const Poco::Timestamp& now);

    store::Database& _db;
    DefinitionCache& _definitions;
    store::LearnerRefs& _refs;
    ProgressService& _progress;
    Checkpointer& _checkpoints;
    std::unique_ptr<StatementSigner> _signer; ///< set when xapi.sign is on
    const StatementFactory& _statements;
    runtime::Settings _settings;
    std::function<void()> _onRecorded;
    xapi::StatementSerializer _serializer;
    xapi::StatementValidator _validator;
};

}
} // namespace sfe::service

#endif
