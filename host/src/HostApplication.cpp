//
// HostApplication.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// The `sfia-evidence` command-line application: the reference host of the plugin.
//

#include "HostApplication.h"

#include "ChoiceValidator.h"

#include "CliHostServices.h"
#include "Command.h"
#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "ManifestLocator.h"
#include "ManifestReader.h"
#include "PluginSession.h"
#include "Status.h"
#include "render/TextLayout.h"

#include "sfe/Version.h"

#include <Poco/Util/HelpFormatter.h>

#include "sfe/i18n/Messages.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace sfe {
namespace host {

namespace {

const char* const kProgram = "sfia-evidence";

/// HelpFormatter's option table, without its usage line and text wrapping.
class OptionTable: public Poco::Util::HelpFormatter
{
public:
    using HelpFormatter::HelpFormatter;

    void write(std::ostream& out) const { formatOptions(out); }
};

/// The language of --help and of usage errors: --lang, looked for in the arguments themselves
/// since they may not parse; English without it (the configuration is not read for these).
const i18n::Messages& helpLanguage(const std::vector<std::string>& args)
{
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        std::string language;
        if (args[i] == "--lang" && i + 1 < args.size()) language = args[i + 1];
        else if (args[i].rfind("--lang=", 0) == 0) language = args[i].substr(7);
        if (i18n::Messages::speaks(language)) return i18n::Messages::of(language);
    }
    return i18n::Messages::of("en");
}

/// A command's summary for --help: the catalog's "cli.command.<name>" (spaces as dots) when it
/// has one, else the command's own (English) summary.
std::string summary(const Command& command, const i18n::Messages& messages)
{
    std::string key = "cli.command." + command.name();
    std::replace(key.begin(), key.end(), ' ', '.');
    return messages.has(key) ? messages.format(key) : command.summary();
}

/// `options` with each description from the catalog where it has one: "cli.option.<command>.<option>"
/// (the command's words joined by dots), else "cli.option.<option>"; else the option's own.
Poco::Util::OptionSet described(const Poco::Util::OptionSet& options, const Command* command,
                                const i18n::Messages& messages)
{
    std::string prefix = "cli.option.";
    if (command) prefix += command->name() + ".";
    std::replace(prefix.begin(), prefix.end(), ' ', '.');
    Poco::Util::OptionSet out;
    for (const Poco::Util::Option& option : options)
    {
        Poco::Util::Option copy(option);
        for (const std::string& key : {prefix + option.fullName(), "cli.option." + option.fullName()})
        {
            if (!messages.has(key)) continue;
            copy.description(messages.format(key));
            break;
        }
        out.addOption(copy);
    }
    return out;
}

/// "sfia-evidence: " before the first line of a message; later lines stay as they are.
void printError(const std::string& message)
{
    std::cerr << kProgram << ": " << message << std::endl;
}

} // namespace

HostApplication::HostApplication()
{
    stopOptionsProcessing(); // main() parses the whole command line; see the class comment
    setUnixOptions(true);
}

void HostApplication::defineOptions(Poco::Util::OptionSet& options)
{
    Poco::Util::Application::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "print this help (or a command's, after the command)"));
    // For packagers' tools (help2man writes the man page from --help and this) and for bug reports.
    options.addOption(Poco::Util::Option("version", "", "print the program's version and the plugin ABI it loads"));
    options.addOption(
        Poco::Util::Option("db", "", "the store's database file (default: ./sfia-evidence.db)").argument("PATH"));
    options.addOption(
        Poco::Util::Option("config", "", "a configuration file: .properties, .ini, .xml or .json").argument("FILE"));
    options.addOption(Poco::Util::Option("manifest", "",
                                         "the plugin manifest (default: $SFE_PLUGIN_MANIFEST, "
                                         "then ../lib/sfia-evidence/ beside this program, then the installed one)")
                          .argument("FILE"));
    options.addOption(Poco::Util::Option("lang", "",
                                         "the language of what people read: de or en (default: "
                                         "ui.language, else the skill definition's language)")
                          .argument("LANG")
                          .validator(new ChoiceValidator({"de", "en"})));
    // Who calls (the plugin's roles, docs/operations.md "Roles"): without --as, the local operator
    // with every role; CommandContext sends it as "caller" in every request.
    options.addOption(Poco::Util::Option("as", "",
                                         "act as this user (an LMS id); needs --role. Without --as the "
                                         "CLI is the local operator with every role")
                          .argument("ID"));
    options.addOption(Poco::Util::Option("role", "",
                                         "a role of the --as user: learner, assessor, admin or auditor "
                                         "(repeat it, or give a comma list)")
                          .argument("ROLE")
                          .repeatable(true));
    _globalOptions = options;
}

int HostApplication::main(const std::vector<std::string>& args)
{
    const i18n::Messages& messages = helpLanguage(args);
    try
    {
        const CommandLine line = CommandLine::parse(args, _globalOptions, CommandRegistry::instance());
        if (line.has("help"))
        {
            printHelp(line.command(), messages);
            return EXIT_OK;
        }
        if (line.has("version"))
        {
            std::cout << kProgram << ' ' << SFE_VERSION << "\nplugin ABI " << SFE_ABI_VERSION << std::endl;
            return EXIT_OK;
        }
        if (!line.command()) throw UsageException(messages.format("cli.usage.noCommand"));
        return runCommand(line);
    }
    catch (const UsageException& e)
    {
        printError(e.message());
        std::cerr << messages.format("cli.usage.tryHelp") << std::endl;
        return EXIT_USAGE;
    }
    catch (const PluginUnavailableException& e)
    {
        printError(e.message());
        return EXIT_UNAVAILABLE;
    }
    catch (const ConfigurationException& e)
    {
        printError(e.message());
        return EXIT_CONFIG;
    }
    catch (const InputException& e)
    {
        std::cerr << e.message() << std::endl; // FILE:LINE: lines, like the plugin's
        return EXIT_DATAERR;
    }
    catch (const OutputException& e)
    {
        printError(e.message());
        return EXIT_CANTCREAT;
    }
    catch (const PluginCallException& e)
    {
        std::cerr << e.message() << std::endl; // the plugin's own words, exactly
        return Status::exitCode(e.code());
    }
    catch (const Poco::Exception& e)
    {
        printError(e.displayText());
        return EXIT_SOFTWARE;
    }
    catch (const std::exception& e)
    {
        printError(e.what());
        return EXIT_SOFTWARE;
    }
}

int HostApplication::runCommand(const CommandLine& line)
{
    const std::string manifestPath =
        ManifestLocator(line.value("manifest"), config().getString("application.dir")).locate();
    const Manifest manifest = ManifestReader().read(manifestPath);

    CliHostServices services(manifest);
    services.setMessages(i18n::Messages::of(line.has("lang") ? line.value("lang") : "en"));
    if (line.has("config")) services.loadFile(line.value("config"));
    services.loadEnvironment();
    if (line.has("db")) services.set("store.path", line.value("db"));
    services.configureLogging();

    // Declared after `services`, so the plugin stops before the services it borrows go away.
    std::optional<PluginSession> session;
    CommandContext context(
        line,
        [&]() -> PluginSession& {
            if (!session) session.emplace(manifest, services);
            return *session;
        },
        std::cout);
    context.setReader(services.uiLanguage(), services.uiTimeZone());
    const int exitCode = line.command()->run(context);
    std::cout.flush();
    return exitCode;
}

void HostApplication::printHelp(const Command* command, const i18n::Messages& messages) const
{
    Poco::Util::OptionSet options(_globalOptions);
    if (command) command->defineOptions(options);
    std::ostream& out = std::cout;
    // Written with TextLayout rather than HelpFormatter's text wrapping, which breaks synopses
    // at 80 columns without indenting the rest; the option table is still HelpFormatter's.
    const std::string usage = messages.format("cli.help.usage") + " ";
    out << usage;
    TextLayout::wrap(out,
                     std::string(kProgram) + " " + messages.format("cli.help.globalOptions") + " " +
                         (command ? command->synopsis() : messages.format("cli.help.synopsis")),
                     TextLayout::width(usage) + 4, TextLayout::width(usage));
    if (command)
    {
        TextLayout::wrap(out, summary(*command, messages) + ".", 0, 0);
    }
    else
    {
        out << messages.format(
                   "cli.help.about",
                   i18n::MessageArgs().set("version", SFE_VERSION).set("abi", std::to_string(SFE_ABI_VERSION)))
            << "\n\n"
            << messages.format("cli.help.commands") << '\n';
        for (const Command* each : CommandRegistry::instance().all())
        {
            out << "  ";
            TextLayout::wrap(out, each->synopsis(), 4, 2);
            out << "      ";
            TextLayout::wrap(out, summary(*each, messages), 6, 6);
        }
    }
    out << '\n' << messages.format("cli.help.options") << '\n';
    const Poco::Util::OptionSet shown = described(options, command, messages); // the table keeps a reference
    OptionTable table(shown);
    table.setUnixStyle(true);
    table.setWidth(static_cast<int>(TextLayout::kWidth));
    table.write(out);
    if (command) return;
    out << '\n';
    TextLayout::wrap(out, messages.format("cli.help.oneCommand"), 0, 0);
    out << '\n';
    TextLayout::wrap(out, messages.format("cli.help.configuration"), 0, 0);
    out << '\n';
    TextLayout::wrap(out, messages.format("cli.help.exitCodes"), 0, 0);
}

}
} // namespace sfe::host
