//
// EvidenceView.h
//
// Library: sfe_core
// Package: service
//
// One evidence record with its proof: what an auditor reads (operation evidence.show).
//

#ifndef SFE_SERVICE_EVIDENCEVIEW_H
#define SFE_SERVICE_EVIDENCEVIEW_H

#include "sfe/store/CheckpointRepository.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/StatementRepository.h"

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// One evidence-log entry about the record, checked as `audit verify` checks it, with the
/// checkpoint that covers it.
struct LoggedEntryView
{
    store::LogEntry entry;
    bool contentIntact = false;   ///< SHA-256 of the content is contentSha256
    bool linkIntact = false;      ///< SHA-256 of prevHash + contentSha256 is chainHash
    bool followsPrevious = false; ///< prevHash is the chain hash of entry seq - 1 (genesis for 1)
    /// For a "record" entry: its content is the one the stored record gives (LogContent::record);
    /// empty for withdrawals and verifications, whose content names values the store keeps hashed.
    std::optional<bool> matchesRecord;
    std::optional<store::CheckpointRecord> checkpoint; ///< empty: not yet covered by a checkpoint
};

/// A statement made for the record (its own, a voiding one, or an attainment its entry binds),
/// with the SHA-256 of its body and whether it still matches its log entry.
struct StatementProofView
{
    store::StatementRecord statement;
    std::string bodySha256;
    std::string mismatch; ///< empty: the log entry binds it as it is (StatementBinding::refusal)
};

/// One record with its proof.
struct EvidenceView
{
    store::EvidenceRecord record;
    std::string language; ///< the xml:lang of the record's definition version
    std::vector<store::Verification> verifications;
    std::vector<LoggedEntryView> log;           ///< in seq order: the recording first
    std::vector<StatementProofView> statements; ///< in outbox order
    bool checkpointsEnabled = false;            ///< a signing key is configured (else no entry is ever covered)
};

}
} // namespace sfe::service

#endif
