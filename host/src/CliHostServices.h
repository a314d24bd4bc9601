//
// CliHostServices.h
//
// Library: sfia-evidence (host)
// Package: host
//
// What the CLI lends the plugin: layered configuration, a logger on stderr, the system clock.
//

#ifndef SFE_HOST_CLIHOSTSERVICES_H
#define SFE_HOST_CLIHOSTSERVICES_H

#include "Manifest.h"

#include "sfe/i18n/Messages.h"
#include "sfe/plugin/HostServices.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/LayeredConfiguration.h>
#include <Poco/Util/MapConfiguration.h>

#include <string>

namespace sfe {
namespace host {

/// The CLI's HostServices. Configuration comes in layers; a higher one wins:
///   1. the command line (--db sets store.path);
///   2. environment variables SFE_LRS_URL, SFE_LRS_USER, SFE_LRS_PASSWORD (lrs.url, lrs.user,
///      lrs.password), when set;
///   3. the --config file (.properties, .ini, .xml or .json, chosen by its extension);
///   4. the CLI's own defaults: log.level=warning, because a command-line tool should not fill
///      stderr with routine messages (a config file or the environment can raise it again), and
///      lrs.background=false, because a command runs too briefly for a background sender:
///      `sync` delivers;
///   5. the defaults the plugin manifest declares.
/// A key the manifest does not declare is refused: a typo in a configuration file must not
/// quietly leave a default in force.
class CliHostServices: public sfe::plugin::HostServices
{
public:
    static constexpr const char* kLoggerName = "sfia-evidence";
    static constexpr const char* kLibraryLoggerName = "sfe";
    ///< The plugin's libraries log to "sfe.*" loggers of their own; they get the same channel and level.

    explicit CliHostServices(const Manifest& manifest);
    /// Takes the manifest's defaults. Keeps a reference to `manifest`, which must outlive it.

    void setMessages(const i18n::Messages& messages);
    /// The language of the configuration errors it throws (default English): --lang, since
    /// ui.language is itself configuration.

    void loadFile(const std::string& path);
    /// Adds a configuration file. Throws ConfigurationException when the file does not
    /// exist, cannot be parsed, has an unsupported extension, or sets an undeclared key.

    void loadEnvironment();
    /// Takes SFE_LRS_URL, SFE_LRS_USER and SFE_LRS_PASSWORD from the environment.

    void set(const std::string& key, const std::string& value);
    /// Sets a value from the command line. Throws ConfigurationException for an undeclared key.

    void configureLogging();
    /// Sends the output of the plugin's loggers (kLoggerName, kLibraryLoggerName) to stderr
    /// at log.level. Throws ConfigurationException for an unknown level name.

    std::string uiLanguage() const;
    /// ui.language: "de", "en", or "" when not configured (then each definition's language).
    /// Throws ConfigurationException for a language there are no messages for.

    std::string uiTimeZone() const;
    /// ui.time_zone (default Europe/Berlin), the zone of the times the CLI prints. Throws
    /// ConfigurationException for a zone ICU does not know.

    const Poco::Util::AbstractConfiguration& config() const override;
    Poco::Logger& logger() const override;
    Poco::Timestamp now() const override;

private:
    void requireDeclared(const std::string& key, const std::string& source) const;
    void requireDeclaredKeys(const Poco::Util::AbstractConfiguration& configuration, const std::string& prefix,
                             const std::string& source) const;

    const Manifest& _manifest;
    const i18n::Messages* _messages;
    Poco::AutoPtr<Poco::Util::LayeredConfiguration> _config;
    Poco::AutoPtr<Poco::Util::MapConfiguration> _environment;
    Poco::AutoPtr<Poco::Util::MapConfiguration> _commandLine;
    Poco::Logger& _logger;
};

}
} // namespace sfe::host

#endif
