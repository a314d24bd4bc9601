//
// LogContent.h
//
// Library: sfe_core
// Package: service
//
// The canonical content of evidence-log entries: what the hash chain covers.
//

#ifndef SFE_SERVICE_LOGCONTENT_H
#define SFE_SERVICE_LOGCONTENT_H

#include "sfe/store/EvidenceRepository.h"

#include <string>

namespace sfe {
namespace service {

/// Writes log entries as compact JSON with a fixed key order and no personal data: people appear
/// as refs (store::LearnerRefs), the note as its SHA-256. The same record always gives the same
/// bytes, so `audit verify` can rebuild an entry from the evidence table and compare.
class LogContent
{
public:
    /// {"action":"record","evidence","seq","kind","learnerRef","skill","level","definition",
    ///  "levelTextSha256","responsibilities":[...],"activity","mapping","verb","scoreScaled","scoreRaw",
    ///  "scoreMin","scoreMax","success","assessorRef","outcome","noteSha256","evidenceUrl",
    ///  "occurredAt","recordedAt","eventId"} — absent values are null.
    static std::string record(const store::EvidenceRecord& r);

    /// {"action":"withdraw","evidence","withdrawnAt","reasonSha256"}
    static std::string withdraw(const std::string& evidenceId, const std::string& withdrawnAt, const std::string& reason);

    /// {"action":"verify","evidence","auditorRef","verifiedAt"}
    static std::string verify(const std::string& evidenceId, const std::string& auditorRef,
                              const std::string& verifiedAt);
};

} } // namespace sfe::service

#endif
