//
// AuditExporter.h
//
// Library: sfe_core
// Package: service
//
// Use case for auditors: write a bundle that can be verified offline with sha256sum and openssl.
//

#ifndef SFE_SERVICE_AUDITEXPORTER_H
#define SFE_SERVICE_AUDITEXPORTER_H

#include "sfe/service/Checkpointer.h"
#include "sfe/service/SigningKeys.h"
#include "sfe/store/Database.h"

#include <Poco/Timestamp.h>

#include <memory>
#include <string>
#include <vector>

namespace sfe {
namespace service {

/// What an export wrote.
struct ExportResult
{
    std::string dir;
    long long evidence = 0;
    long long statements = 0;
    long long entries = 0;
    long long checkpoints = 0;
    std::vector<std::string> files; ///< relative to dir, in SHA256SUMS order
};

/// Writes into a new (or empty) folder, files 0600 and folders 0700 (they hold personal data),
/// every path a plain name inside it whatever the store holds:
///   evidence.csv, evidence.json          the evidence records (JSON: one per line, the logged fields first)
///   statements.json                      their statements, bodies as sent, one per line
///   log/contents.txt                     the log entries' canonical content, one per line
///   log/chain.tsv                        seq, action, evidence, content_sha256, prev_hash, chain_hash
///   log/checkpoints.tsv                  seq, chain_hash, signed_at, key_id, and the JWS
///   definitions/<sha256>.xml             each definition version the evidence refers to
///   signing-cert.pem                     the certificates: the current key's, then earlier keys'
///   public-key.pem, keys/<key id>.pem    the current public key, and every key that signed a checkpoint
///   verify.sh                            checks all of it (POSIX sh, awk, sha256sum, openssl)
///   README.md                            how to verify
///   SHA256SUMS, SHA256SUMS.sig           every file above, and its signature by the current key
/// A checkpoint of the current head is made first, so the export is covered by a signature up to
/// its last entry. Refuses (SFE_CONFIG) when the log has checkpoints but audit.signing_key or
/// audit.signing_cert is not set, when a key is set without its certificate, or when a checkpoint
/// was signed by a key none of the certificates holds. A store that never signed (no key, no
/// checkpoint) exports without certificate and signature, and verify.sh fails it as unsigned.
class AuditExporter
{
public:
    AuditExporter(store::Database& db, Checkpointer& checkpoints, std::shared_ptr<const SigningKeys> keys);

    /// Throws runtime::Error: SFE_INVALID when `dir` exists and is not empty or cannot be written.
    ExportResult exportTo(const std::string& dir, const Poco::Timestamp& now);

    /// The README text written into bundles.
    static std::string readme();

    /// verify.sh, the script written into bundles that checks them (POSIX sh, awk, sha256sum, openssl).
    static std::string verifyScript();

private:
    store::Database& _db;
    Checkpointer& _checkpoints;
    std::shared_ptr<const SigningKeys> _keys;
};

}
} // namespace sfe::service

#endif
