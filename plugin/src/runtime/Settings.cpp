//
// Settings.cpp
//
// Library: sfe_core
// Package: runtime
//

#include "sfe/runtime/Settings.h"

#include "sfe/i18n/Messages.h"
#include "sfe/i18n/TimeText.h"

#include "sfe/runtime/Error.h"
#include "sfe/runtime/Secrets.h"

#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <algorithm>

namespace sfe {
namespace runtime {

namespace {

long long readInt(const Poco::Util::AbstractConfiguration& config, const std::string& key, long long fallback,
                  long long min, long long max)
{
    if (!config.hasProperty(key)) return fallback;
    const std::string text = config.getString(key);
    Poco::Int64 value = 0;
    if (!Poco::NumberParser::tryParse64(text, value) || value < min || value > max)
        throw Error::config(key + ": '" + text + "' is not an integer from " + std::to_string(min) + " to " +
                            std::to_string(max));
    return value;
}

bool readBool(const Poco::Util::AbstractConfiguration& config, const std::string& key, bool fallback)
{
    if (!config.hasProperty(key)) return fallback;
    const std::string text = config.getString(key);
    if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "0" || text == "no" || text == "off") return false;
    throw Error::config(key + ": '" + text + "' is not true or false");
}

std::string readChoice(const Poco::Util::AbstractConfiguration& config, const std::string& key,
                       const std::string& fallback, std::initializer_list<const char*> choices)
{
    const std::string value = config.getString(key, fallback);
    std::string allowed;
    for (const char* c : choices)
    {
        if (value == c) return value;
        allowed += (allowed.empty() ? "" : ", ") + std::string(c);
    }
    throw Error::config(key + ": '" + value + "' is not one of " + allowed);
}

std::string readAbsoluteUri(const Poco::Util::AbstractConfiguration& config, const std::string& key,
                            const std::string& fallback, bool allowEmpty)
{
    const std::string value = config.getString(key, fallback);
    if (value.empty() && allowEmpty) return value;
    try
    {
        Poco::URI uri(value);
        if (uri.getScheme() != "http" && uri.getScheme() != "https") throw Poco::SyntaxException("scheme");
        if (uri.getHost().empty()) throw Poco::SyntaxException("host");
    }
    catch (const Poco::Exception&)
    {
        // The value may carry credentials (https://user:key@lrs): never repeat them.
        throw Error::config(key + ": '" + redactSecrets(value) + "' is not an absolute http(s) URL");
    }
    std::string trimmed = value; // IRIs are built as base + "/..."
    while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
    return trimmed;
}

/// Refuses the first leaf key under `prefix` that is not one of Settings::keys(). Keys nest by their
/// dots ("store" holds "store.path"), so leaves are found by descending.
void requireKnownKeys(const Poco::Util::AbstractConfiguration& config, const std::string& prefix)
{
    Poco::Util::AbstractConfiguration::Keys children;
    config.keys(prefix, children);
    if (children.empty() && !prefix.empty())
    {
        const auto& known = Settings::keys();
        if (std::find(known.begin(), known.end(), prefix) == known.end())
            throw Error::config("unknown configuration key '" + Error::printable(prefix) +
                                "': the plugin reads only the keys its manifest declares (README.md, Configuration)");
        return;
    }
    for (const auto& child : children) requireKnownKeys(config, prefix.empty() ? child : prefix + "." + child);
}

} // namespace

const std::vector<std::string>& Settings::keys()
{
    static const std::vector<std::string> kKeys = {"store.path",
                                                   "store.connector",
                                                   "store.url",
                                                   "store.busy_timeout_ms",
                                                   "store.cache_mib",
                                                   "store.wal_autocheckpoint",
                                                   "import.max_bytes",
                                                   "door.max_request_bytes",
                                                   "xapi.base_iri",
                                                   "lms.home_page",
                                                   "xapi.version",
                                                   "xapi.actor",
                                                   "lms.mbox_domain",
                                                   "lrs.url",
                                                   "lrs.user",
                                                   "lrs.password",
                                                   "lrs.batch",
                                                   "lrs.background",
                                                   "lrs.verify_certificates",
                                                   "lrs.ca_file",
                                                   "lrs.lease_s",
                                                   "lrs.timeout_ms",
                                                   "audit.signing_key",
                                                   "audit.signing_cert",
                                                   "audit.checkpoint_every",
                                                   "audit.checkpoint_seconds",
                                                   "xapi.sign",
                                                   "progress.rule",
                                                   "log.level",
                                                   "ui.language",
                                                   "ui.time_zone",
                                                   "auth.enforce"};
    return kKeys;
}

Settings Settings::from(const Poco::Util::AbstractConfiguration& config)
{
    requireKnownKeys(config, "");
    Settings s;
    s.storeConnector = readChoice(config, "store.connector", s.storeConnector, {"sqlite", "postgresql"});
    s.storePath = config.getString("store.path", s.storePath);
    if (s.storePath.empty()) throw Error::config("store.path: must not be empty");
    s.storeUrl = config.getString("store.url", s.storeUrl);
    s.storeBusyTimeoutMs = static_cast<int>(readInt(config, "store.busy_timeout_ms", s.storeBusyTimeoutMs, 0, 600000));
    s.storeCacheMib = static_cast<int>(readInt(config, "store.cache_mib", s.storeCacheMib, 1, 65536));
    s.storeWalAutocheckpoint =
        static_cast<int>(readInt(config, "store.wal_autocheckpoint", s.storeWalAutocheckpoint, 100, 1000000));
    s.importMaxBytes = static_cast<std::size_t>(
        readInt(config, "import.max_bytes", static_cast<long long>(s.importMaxBytes), 1024, 1LL << 30));
    s.doorMaxRequestBytes = static_cast<std::size_t>(
        readInt(config, "door.max_request_bytes", static_cast<long long>(s.doorMaxRequestBytes), 1024, 1LL << 30));
    s.xapiBaseIri = readAbsoluteUri(config, "xapi.base_iri", s.xapiBaseIri, false);
    s.lmsHomePage = readAbsoluteUri(config, "lms.home_page", s.lmsHomePage, false);
    s.xapiVersion = readChoice(config, "xapi.version", s.xapiVersion, {"1.0.3", "2.0.0"});
    s.xapiActor = readChoice(config, "xapi.actor", s.xapiActor, {"account", "mbox"});
    s.lmsMboxDomain = config.getString("lms.mbox_domain", s.lmsMboxDomain);
    if (s.xapiActor == "mbox" && s.lmsMboxDomain.empty())
        throw Error::config("lms.mbox_domain: required when xapi.actor is mbox");
    s.lrsUrl = readAbsoluteUri(config, "lrs.url", s.lrsUrl, true);
    s.lrsUser = config.getString("lrs.user", s.lrsUser);
    s.lrsPassword = config.getString("lrs.password", s.lrsPassword);
    s.lrsBatch = static_cast<int>(readInt(config, "lrs.batch", s.lrsBatch, 1, 1000));
    s.lrsBackground = readBool(config, "lrs.background", s.lrsBackground);
    s.lrsVerifyCertificates = readBool(config, "lrs.verify_certificates", s.lrsVerifyCertificates);
    s.lrsCaFile = config.getString("lrs.ca_file", s.lrsCaFile);
    s.lrsTimeoutMs = static_cast<int>(readInt(config, "lrs.timeout_ms", s.lrsTimeoutMs, 100, 3600000));
    s.lrsLeaseSeconds = static_cast<int>(readInt(config, "lrs.lease_s", s.lrsLeaseSeconds, 5, 3600));
    s.auditSigningKey = config.getString("audit.signing_key", s.auditSigningKey);
    s.auditSigningCert = config.getString("audit.signing_cert", s.auditSigningCert);
    s.auditCheckpointEvery =
        static_cast<int>(readInt(config, "audit.checkpoint_every", s.auditCheckpointEvery, 1, 10000000));
    s.auditCheckpointSeconds =
        static_cast<int>(readInt(config, "audit.checkpoint_seconds", s.auditCheckpointSeconds, 1, 31 * 24 * 3600));
    s.xapiSign = readBool(config, "xapi.sign", s.xapiSign);
    if (s.xapiSign && (s.auditSigningKey.empty() || s.auditSigningCert.empty()))
        throw Error::config("xapi.sign: signed statements need audit.signing_key and audit.signing_cert");
    s.progressRule = readChoice(config, "progress.rule", s.progressRule,
                                {"all-demonstrated", "all-verified", "all-demonstrated-and-learning"});
    s.logLevel = readChoice(config, "log.level", s.logLevel,
                            {"fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"});
    s.uiLanguage = config.getString("ui.language", s.uiLanguage);
    if (!s.uiLanguage.empty() && !i18n::Messages::speaks(s.uiLanguage))
        throw Error::config("ui.language: '" + Error::printable(s.uiLanguage, 64) + "' is not one of de, en");
    s.uiTimeZone = config.getString("ui.time_zone", s.uiTimeZone);
    if (!i18n::TimeText::knownZone(s.uiTimeZone))
        throw Error::config("ui.time_zone: unknown time zone '" + Error::printable(s.uiTimeZone, 64) +
                            "' (an IANA name such as Europe/Berlin or UTC)");
    s.authEnforce = readBool(config, "auth.enforce", s.authEnforce);
    return s;
}

}
} // namespace sfe::runtime
