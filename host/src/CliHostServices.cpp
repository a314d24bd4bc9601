//
// CliHostServices.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// What the CLI lends the plugin: layered configuration, a logger on stderr, the system clock.
//

#include "CliHostServices.h"

#include "Exceptions.h"

#include "sfe/i18n/Messages.h"
#include "sfe/i18n/TimeText.h"

#include <Poco/ConsoleChannel.h>
#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>
#include <Poco/String.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/JSONConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>
#include <Poco/Util/XMLConfiguration.h>

namespace sfe {
namespace host {

namespace {

// LayeredConfiguration: a lower number wins.
enum Priority
{
    kCommandLine = 10,
    kEnvironment = 20,
    kFile = 30,
    kHostDefaults = 40,
    kManifestDefaults = 50
};

struct EnvironmentKey
{
    const char* variable;
    const char* key;
};

const EnvironmentKey kEnvironmentKeys[] = {
    {"SFE_LRS_URL", "lrs.url"},
    {"SFE_LRS_USER", "lrs.user"},
    {"SFE_LRS_PASSWORD", "lrs.password"},
};

Poco::AutoPtr<Poco::Util::AbstractConfiguration> openFile(const std::string& path, const i18n::Messages& messages)
{
    const std::string extension = Poco::toLower(Poco::Path(path).getExtension());
    if (extension == "properties") return new Poco::Util::PropertyFileConfiguration(path);
    if (extension == "ini") return new Poco::Util::IniFileConfiguration(path);
    if (extension == "xml") return new Poco::Util::XMLConfiguration(path);
    if (extension == "json") return new Poco::Util::JSONConfiguration(path);
    throw ConfigurationException(messages.format("cli.config.unsupported", i18n::MessageArgs().set("path", path)));
}

} // namespace

CliHostServices::CliHostServices(const Manifest& manifest):
    _manifest(manifest),
    _messages(&i18n::Messages::of("en")),
    _config(new Poco::Util::LayeredConfiguration),
    _environment(new Poco::Util::MapConfiguration),
    _commandLine(new Poco::Util::MapConfiguration),
    _logger(Poco::Logger::get(kLoggerName))
{
    Poco::AutoPtr<Poco::Util::MapConfiguration> manifestDefaults(new Poco::Util::MapConfiguration);
    for (const auto& key : manifest.configuration) manifestDefaults->setString(key.name, key.defaultValue);
    Poco::AutoPtr<Poco::Util::MapConfiguration> hostDefaults(new Poco::Util::MapConfiguration);
    if (manifest.key("log.level")) hostDefaults->setString("log.level", "warning");
    // A command runs for a moment: a background sender would race `sync` (which the plugin
    // refuses while one runs) and be cut off when the command ends. Sending is what sync is for.
    if (manifest.key("lrs.background")) hostDefaults->setString("lrs.background", "false");

    _config->add(manifestDefaults, "manifest", kManifestDefaults, false);
    _config->add(hostDefaults, "host", kHostDefaults, false);
    _config->add(_environment, "environment", kEnvironment, false);
    _config->add(_commandLine, "command line", kCommandLine, false);
}

void CliHostServices::setMessages(const i18n::Messages& messages)
{
    _messages = &messages;
}

void CliHostServices::loadFile(const std::string& path)
{
    if (!Poco::File(path).exists())
        throw ConfigurationException(_messages->format("cli.config.missing", i18n::MessageArgs().set("path", path)));
    Poco::AutoPtr<Poco::Util::AbstractConfiguration> file;
    try
    {
        file = openFile(path, *_messages);
    }
    catch (const ConfigurationException&)
    {
        throw;
    }
    catch (const Poco::Exception& e)
    {
        throw ConfigurationException(_messages->format(
            "cli.config.unreadable", i18n::MessageArgs().set("path", path).set("detail", e.displayText())));
    }
    requireDeclaredKeys(*file, "", _messages->format("cli.config.fromFile", i18n::MessageArgs().set("path", path)));
    _config->add(file, "file", kFile, false);
}

void CliHostServices::loadEnvironment()
{
    for (const auto& entry : kEnvironmentKeys)
    {
        if (Poco::Environment::has(entry.variable))
            _environment->setString(entry.key, Poco::Environment::get(entry.variable));
    }
}

void CliHostServices::set(const std::string& key, const std::string& value)
{
    requireDeclared(key, _messages->format("cli.config.fromCommandLine"));
    _commandLine->setString(key, value);
}

void CliHostServices::configureLogging()
{
    const std::string level = _config->getString("log.level", "warning");
    int priority = 0;
    try
    {
        priority = Poco::Logger::parseLevel(level);
    }
    catch (const Poco::Exception&)
    {
        throw ConfigurationException(_messages->format("cli.config.logLevel", i18n::MessageArgs().set("level", level)));
    }
    Poco::AutoPtr<Poco::PatternFormatter> format(new Poco::PatternFormatter("%s: %p: %t"));
    Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(format, new Poco::ConsoleChannel));
    // The static setters reach loggers the plugin derives from ours ("sfia-evidence.store") too,
    // and those its libraries name themselves ("sfe.delivery" in sfe_xapi_delivery).
    for (const char* name : {kLoggerName, kLibraryLoggerName})
    {
        Poco::Logger::get(name); // loggers made later take channel and level from the nearest existing parent
        Poco::Logger::setChannel(name, channel);
        Poco::Logger::setLevel(name, priority);
    }
}

std::string CliHostServices::uiLanguage() const
{
    const std::string language = _config->getString("ui.language", "");
    if (!language.empty() && !i18n::Messages::speaks(language))
        throw ConfigurationException(
            _messages->format("cli.config.language", i18n::MessageArgs().set("language", language)));
    return language;
}

std::string CliHostServices::uiTimeZone() const
{
    const std::string zone = _config->getString("ui.time_zone", "Europe/Berlin");
    if (!i18n::TimeText::knownZone(zone))
        throw ConfigurationException(_messages->format("cli.config.timeZone", i18n::MessageArgs().set("zone", zone)));
    return zone;
}

const Poco::Util::AbstractConfiguration& CliHostServices::config() const
{
    return *_config;
}

Poco::Logger& CliHostServices::logger() const
{
    return _logger;
}

Poco::Timestamp CliHostServices::now() const
{
    return Poco::Timestamp();
}

void CliHostServices::requireDeclared(const std::string& key, const std::string& source) const
{
    if (_manifest.key(key)) return;
    throw ConfigurationException(
        _messages->format("cli.config.unknownKey",
                          i18n::MessageArgs().set("source", source).set("key", key).set("manifest", _manifest.path)));
}

void CliHostServices::requireDeclaredKeys(const Poco::Util::AbstractConfiguration& configuration,
                                          const std::string& prefix, const std::string& source) const
{
    Poco::Util::AbstractConfiguration::Keys keys;
    configuration.keys(prefix, keys);
    if (keys.empty() && !prefix.empty())
    {
        requireDeclared(prefix, source);
        return;
    }
    for (const auto& key : keys) requireDeclaredKeys(configuration, prefix.empty() ? key : prefix + "." + key, source);
}

}
} // namespace sfe::host
