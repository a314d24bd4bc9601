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

#include "sfe/service/StatementBinding.h"
#include "sfe/store/EvidenceRepository.h"

#include <optional>
#include <string>
#include <vector>

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
    ///  "occurredAt","recordedAt","eventId","statements":[...]} — absent values are null. Entries
    ///  written before statements were bound have no "statements" (`statements` empty).
    static std::string record(const store::EvidenceRecord& r,
                              const std::optional<std::vector<StatementBinding>>& statements);

    /// {"action":"withdraw","evidence","withdrawnAt","reasonSha256","statements":[...]}
    static std::string withdraw(const std::string& evidenceId, const std::string& withdrawnAt,
                                const std::string& reason,
                                const std::optional<std::vector<StatementBinding>>& statements);

    /// {"action":"verify","evidence","auditorRef","verifiedAt","statements":[...]}
    static std::string verify(const std::string& evidenceId, const std::string& auditorRef,
                              const std::string& verifiedAt,
                              const std::optional<std::vector<StatementBinding>>& statements);

    /// Writes a record's logged fields, "kind" to "recordedAt", as record() does: the audit export
    /// writes them the same way, so its verify.sh can compare a record with its entry as text.
    static void writeRecordFields(xapi::JsonWriter& w, const store::EvidenceRecord& r);

    /// `content` without its "statements" array, as entries were written before statements were
    /// bound: what the record, withdrawal or verification fields alone must reproduce.
    static std::string withoutStatements(const std::string& content);
};

}
} // namespace sfe::service

#endif
