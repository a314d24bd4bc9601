//
// Settings.h
//
// Library: sfe_core
// Package: runtime
//
// The plugin's configuration keys, their defaults, and their checks, in one place.
//

#ifndef SFE_RUNTIME_SETTINGS_H
#define SFE_RUNTIME_SETTINGS_H

#include <Poco/Util/AbstractConfiguration.h>

#include <cstddef>
#include <string>
#include <vector>

namespace sfe {
namespace runtime {

/// Every configuration key the plugin reads. The defaults here equal those in the plugin
/// manifest (manifest/sfia-evidence.plugin.xml.in); a test keeps the two in step.
struct Settings
{
    std::string storeConnector = "sqlite";              ///< store.connector: sqlite | postgresql
    std::string storePath = "./sfia-evidence.db";       ///< store.path: the SQLite file
    std::string storeUrl;                               ///< store.url: PostgreSQL connection string; secret
    int storeBusyTimeoutMs = 10000;                     ///< store.busy_timeout_ms: a writer's wait for the lock
    int storeCacheMib = 32;                             ///< store.cache_mib: SQLite page cache per connection
    int storeWalAutocheckpoint = 8192;                  ///< store.wal_autocheckpoint: SQLite WAL pages per checkpoint
    std::size_t importMaxBytes = 16 * 1024 * 1024;      ///< import.max_bytes
    std::size_t doorMaxRequestBytes = 32 * 1024 * 1024; ///< door.max_request_bytes: refused before parsing
    std::string xapiBaseIri = "https://sfia-evidence.org/xapi"; ///< xapi.base_iri: under it, skill/level IRIs
    std::string lmsHomePage = "https://lms.example.org";        ///< lms.home_page: account homePage, activity IRIs
    std::string xapiVersion = "1.0.3";                          ///< xapi.version: 1.0.3 | 2.0.0
    std::string xapiActor = "account";                          ///< xapi.actor: account | mbox
    std::string lmsMboxDomain;                                  ///< lms.mbox_domain: for xapi.actor=mbox
    std::string lrsUrl;                                         ///< lrs.url: empty means no LRS
    std::string lrsUser;                                        ///< lrs.user
    std::string lrsPassword;                                    ///< lrs.password; never logged
    int lrsBatch = 50;                                          ///< lrs.batch
    bool lrsBackground = true;                                  ///< lrs.background: send in a background thread
    bool lrsVerifyCertificates = true;                          ///< lrs.verify_certificates (HTTPS)
    std::string lrsCaFile;                                      ///< lrs.ca_file: extra CA certificates (PEM)
    int lrsTimeoutMs = 30000;                                   ///< lrs.timeout_ms: per request
    int lrsLeaseSeconds = 60;                                   ///< lrs.lease_s: a sender's lease on the outbox
    std::string auditSigningKey;                                ///< audit.signing_key: PEM RSA private key file
    std::string auditSigningCert;                               ///< audit.signing_cert: PEM certificate file
    int auditCheckpointEvery = 1000;                            ///< audit.checkpoint_every: log entries per checkpoint
    int auditCheckpointSeconds = 3600;             ///< audit.checkpoint_seconds: at most this long unsigned
    bool xapiSign = false;                         ///< xapi.sign: sign statements (needs audit.signing_*)
    std::string progressRule = "all-demonstrated"; ///< progress.rule (service::AttainmentRule)
    std::string logLevel = "information";          ///< log.level
    std::string uiLanguage;                        ///< ui.language: de|en; empty: the definition's
    std::string uiTimeZone = "Europe/Berlin";      ///< ui.time_zone: what people read (IANA name)
    bool authEnforce = false;                      ///< auth.enforce: every request names its caller

    /// Reads every key, keeping the default where a key is absent. Throws runtime::Error
    /// (SFE_CONFIG) naming the key and the bad value, or naming a key that is not one of keys():
    /// a misspelt key ("store.pth") must not fall back to a default silently.
    static Settings from(const Poco::Util::AbstractConfiguration& config);

    /// Every key the plugin reads, in the order of the manifest. The one list both doors check.
    static const std::vector<std::string>& keys();

    /// What store::Database opens: store.path for sqlite, store.url for postgresql.
    const std::string& storeTarget() const { return storeConnector == "postgresql" ? storeUrl : storePath; }
};

}
} // namespace sfe::runtime

#endif
