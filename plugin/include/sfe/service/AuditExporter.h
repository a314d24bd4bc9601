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
    std::vector<std::string> files;     ///< relative to dir, in SHA256SUMS order
};

/// Writes into a new (or empty) folder:
///   evidence.csv, evidence.json          the evidence records
///   statements.json                      their statements, bodies as sent
///   log/contents.txt                     the log entries' canonical content, one per line
///   log/chain.tsv                        seq, action, evidence, content_sha256, prev_hash, chain_hash
///   log/checkpoints.tsv                  seq, chain_hash, signed_at, and the JWS
///   definitions/<sha256>.xml             each definition version the evidence refers to
///   public-key.pem (+ signing-cert.pem)  when a signing key is configured
///   README.md                            how to verify all of it with sha256sum and openssl
///   SHA256SUMS                           every file above
/// A checkpoint of the current head is made first (when a key is configured), so the export is
/// covered by a signature up to its last entry.
class AuditExporter
{
public:
    AuditExporter(store::Database& db, Checkpointer& checkpoints, std::shared_ptr<const SigningKeys> keys);

    /// Throws runtime::Error: SFE_INVALID when `dir` exists and is not empty or cannot be written.
    ExportResult exportTo(const std::string& dir, const Poco::Timestamp& now);

    /// The README text written into bundles.
    static std::string readme();

private:
    store::Database& _db;
    Checkpointer& _checkpoints;
    std::shared_ptr<const SigningKeys> _keys;
};

} } // namespace sfe::service

#endif
