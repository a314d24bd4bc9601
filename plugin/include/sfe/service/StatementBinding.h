//
// StatementBinding.h
//
// Library: sfe_core
// Package: service
//
// What the evidence log holds about a statement, so that the outbox is inside the chain.
//

#ifndef SFE_SERVICE_STATEMENTBINDING_H
#define SFE_SERVICE_STATEMENTBINDING_H

#include "sfe/store/Database.h"
#include "sfe/store/StatementRepository.h"

#include <optional>
#include <string>
#include <vector>

namespace sfe {
namespace xapi {
class JsonWriter;
}
namespace service {

/// Binds one statement to the log entry written in the transaction that made it (the entry of its
/// evidence record, or of the withdrawal or verification; attainment statements go with the last
/// entry of their transaction). The log entry's "statements" array holds one object per statement:
/// {"id","evidence","bodySha256","signatureSha256","blindSha256"}. No personal data: bodies are hashed.
///
/// Erasure (privacy erase) legitimately rewrites a statement: people's names and mboxes become
/// pseudonyms, a quoted note becomes "[erased]", and the body is signed again. blindSha256 is the
/// SHA-256 of the unsigned body with the string values of "name", "mbox" and "response" emptied; a
/// body that differs from bodySha256 is accepted as erased only when its blind form is the logged
/// one and each of those values is a pseudonym ("erased-…"), "[erased]", or names a person the
/// record still names.
struct StatementBinding
{
    std::string id;
    std::optional<std::string> evidenceId;
    std::string bodySha256;
    std::optional<std::string> signatureSha256;
    std::string blindSha256;

    /// The binding of a statement as it is stored now.
    static StatementBinding of(const store::StatementRecord& statement);

    /// Writes `bindings` as a JSON array, in order.
    static void write(xapi::JsonWriter& w, const std::vector<StatementBinding>& bindings);

    /// The "statements" array of a log entry's content; empty when the entry has none (entries
    /// written before statements were bound, or with no statement). Throws Poco::Exception when
    /// the content is not JSON.
    static std::optional<std::vector<StatementBinding>> read(const std::string& logContent);

    enum class Match
    {
        Same,   ///< body and signature are the ones logged
        Erased, ///< rewritten by an erasure, as erasure rewrites (see above)
        Differs ///< edited, swapped or replaced; `why` says what differs
    };

    /// Compares a stored statement with this binding. `people` are the ids the statement may name
    /// (its learner, and the record's assessor); `note` the record's note, if any.
    Match check(const store::StatementRecord& statement, const std::vector<std::string>& people,
                const std::optional<std::string>& note, std::string& why) const;

    /// Why a stored statement must not be sent (empty: it may be): read from the log entry its
    /// log_seq names, which must be intact itself (its content hashes to its content_sha256 and
    /// links to chain_hash) and must bind this statement as it is now. A statement with no entry is
    /// sent only when it predates binding (statements_bound_from). For the outbox sender.
    static std::string refusal(store::Database& db, const store::StatementRecord& statement);

    /// The unsigned body with the values of "name", "mbox" and "response" emptied; `values`, when
    /// given, receives each (key, raw JSON string content) in order.
    static std::string blind(const std::string& unsignedBody,
                             std::vector<std::pair<std::string, std::string>>* values = nullptr);
};

}
} // namespace sfe::service

#endif
