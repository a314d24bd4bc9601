//
// PrivacyService.h
//
// Library: sfe_core
// Package: service
//
// Use cases for data protection: export what the plugin holds about a person, and erase it.
//

#ifndef SFE_SERVICE_PRIVACYSERVICE_H
#define SFE_SERVICE_PRIVACYSERVICE_H

#include "sfe/service/SigningKeys.h"
#include "sfe/store/Database.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/LearnerRefs.h"
#include "sfe/store/StatementRepository.h"

#include <Poco/Timestamp.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// Everything the store holds about a person, as privacy.export returns it.
struct PersonRecords
{
    /// A level the person attained.
    struct Attainment
    {
        std::string skill;
        int level = 0;
        std::string rule;
        std::string attainedAt;
        std::string statement;
        std::optional<std::string> voidedAt;
    };
    /// A record the person verified as auditor.
    struct Verification
    {
        std::string evidence;
        std::string verifiedAt;
    };

    std::optional<std::string> ref;                 ///< their learner ref, if they have one
    std::vector<store::EvidenceRecord> asLearner;   ///< evidence about them
    std::vector<store::EvidenceRecord> asAssessor;  ///< evidence they attested
    std::vector<store::StatementRecord> statements; ///< statements about them
    std::vector<Attainment> attainments;
    std::vector<Verification> verified;
};

/// What erasing a person changed.
struct ErasureResult
{
    std::string pseudonym;    ///< what now stands for the person: "erased-" + their ref
    long long evidence = 0;   ///< records of theirs (as learner) pseudonymised
    long long assessed = 0;   ///< records they attested as assessor, pseudonymised
    long long statements = 0; ///< statements rewritten
    /// Of them, those already delivered: the LRS still holds them as they were sent, with the
    /// person's name, until its operator erases them there.
    std::vector<std::string> delivered;
    /// SQLite: whether the write-ahead log could be emptied (false while another connection was
    /// still reading an older snapshot past the busy timeout); always true on PostgreSQL.
    bool writeAheadLogCleared = true;
};

/// Like Moodle's privacy API asks of plugins: export everything held about a person (as learner,
/// assessor or auditor), and erase them. Erasure pseudonymises rather than deletes, because
/// evidence of others and the audit trail must stay: the person's id is replaced by
/// "erased-<ref>" everywhere, the free texts by or about them are removed (notes they wrote or
/// received, withdrawal reasons and auditors' verification notes on their records, notes they wrote
/// as auditor), and their salt is deleted so the ref no longer leads back to them. The evidence log holds only refs and hashes, so `audit verify` still
/// passes afterwards. A signed statement whose body changes is signed again with the configured
/// key; without one its signature is removed (a signature over the old text would no longer hold).
class PrivacyService
{
public:
    /// `keys` (may be null) re-sign signed statements whose bodies the erasure changes.
    PrivacyService(store::Database& db, store::LearnerRefs& refs, std::shared_ptr<const SigningKeys> keys);

    /// Everything held about the person. Throws SFE_NOTFOUND when nothing is. With `listPage`,
    /// asLearner, asAssessor, statements and verified hold at most that many, the first of each: the
    /// rest are read with evidencePage(), statementPage() and verificationPage() (a person with many
    /// records is exported a page at a time).
    PersonRecords exportPerson(const std::string& person, std::size_t listPage = 0);

    /// The person's evidence as learner (or, `asAssessor`, the evidence they attested) with seq
    /// after `afterSeq`, at most `limit`, in recording order.
    std::vector<store::EvidenceRecord> evidencePage(const std::string& person, bool asAssessor, long long afterSeq,
                                                    std::size_t limit);

    /// The person's learner ref, if they have one.
    std::optional<std::string> ref(const std::string& person);

    /// The levels the person attained, in the order of their time.
    std::vector<PersonRecords::Attainment> attainments(const std::string& person);

    /// The records the person verified as auditor, in the order of their time and then of the
    /// record's id (byte order, on PostgreSQL too): those after `after` (nullopt: from the first),
    /// at most `limit` (0: all; an auditor of a large LMS may have verified any number of records).
    std::vector<PersonRecords::Verification> verificationPage(const std::string& person,
                                                              const std::optional<PersonRecords::Verification>& after,
                                                              std::size_t limit);

    /// The statements about the person with seq after `afterSeq`, at most `limit`, in outbox order.
    std::vector<store::StatementRecord> statementPage(const std::string& person, long long afterSeq, std::size_t limit);

    /// Erases the person in one transaction. Throws SFE_NOTFOUND when nothing is held about them.
    /// On SQLite it then checkpoints and empties the write-ahead log, so the old values leave the
    /// -wal file (writeAheadLogCleared is false when a reader kept it); throws SFE_STORE (saying
    /// the person was erased) if the checkpoint fails.
    ErasureResult erase(const std::string& person, const Poco::Timestamp& now);

private:
    bool clearWriteAheadLog(const std::string& person);

    store::Database& _db;
    store::LearnerRefs& _refs;
    std::shared_ptr<const SigningKeys> _keys;
};

}
} // namespace sfe::service

#endif
