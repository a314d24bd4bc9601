//
// SyncCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence sync`: delivers the outbox to the LRS now.
//

#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "Status.h"
#include "render/SyncRenderer.h"

#include <Poco/NumberParser.h>
#include <Poco/Util/IntValidator.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <future>
#include <iostream>
#include <thread>

#include <unistd.h>

namespace sfe {
namespace host {

namespace {

constexpr int kDefaultTimeLimitSeconds = 60;
constexpr std::chrono::milliseconds kPollInterval{200};

/// Set by SIGTERM or SIGINT while `sync --watch` runs: the pass under way finishes (its statements
/// are sent or stay pending, never half-sent), then the loop ends with exit 0.
std::atomic<bool> stopRequested{false};

extern "C" void requestStop(int)
{
    stopRequested = true;
}

/// Sends every pending statement to the LRS now. On a terminal, a bar shows the progress: the
/// `sync` operation runs on a worker thread while this one asks the plugin for the outbox counts
/// every 200 ms (the plugin allows concurrent calls). Exit 0 when nothing is pending afterwards,
/// 75 (try again later) when statements are still pending, 78 without an LRS.
/// With --watch SECONDS it keeps sending, a pass every SECONDS, until SIGTERM or SIGINT (the
/// sfia-evidence-sync service runs it so): an unreachable LRS or a refused statement is reported in
/// the pass and tried again in the next; only what no later pass can fix (no LRS configured, a store
/// that cannot be opened) ends it, with that exit code.
class SyncCommand: public Command
{
public:
    std::string name() const override { return "sync"; }
    std::string summary() const override { return i18n::Messages::of("en").format("cli.command.sync"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("time-limit", "",
                                             "wait out the LRS's retry delays for at most this long (default " +
                                                 std::to_string(kDefaultTimeLimitSeconds) + ")")
                              .argument("SECONDS")
                              .validator(new Poco::Util::IntValidator(1, 24 * 3600)));
        options.addOption(Poco::Util::Option("watch", "",
                                             "keep sending: a pass every SECONDS until SIGTERM or SIGINT "
                                             "(as the sfia-evidence-sync service runs it)")
                              .argument("SECONDS")
                              .validator(new Poco::Util::IntValidator(1, 24 * 3600)));
    }

    int run(CommandContext& context) const override
    {
        if (!context.line().has("watch")) return pass(context);
        const std::chrono::seconds interval(Poco::NumberParser::parse(context.line().value("watch")));
        std::signal(SIGTERM, requestStop);
        std::signal(SIGINT, requestStop);
        while (!stopRequested)
        {
            try
            {
                pass(context);
            }
            catch (const PluginCallException& e)
            {
                // An LRS or store busy or away now may be back for the next pass; anything else ends it.
                if (Status::exitCode(e.code()) != EXIT_TEMPFAIL) throw;
                std::cerr << e.message() << std::endl;
            }
            context.out().flush();
            const auto next = std::chrono::steady_clock::now() + interval;
            while (!stopRequested && std::chrono::steady_clock::now() < next)
                std::this_thread::sleep_for(kPollInterval);
        }
        return EXIT_OK;
    }

private:
    /// One pass: sends what is pending, prints the summary; its exit code as `sync` without --watch.
    static int pass(CommandContext& context)
    {
        const int seconds = context.line().has("time-limit")
                                ? Poco::NumberParser::parse(context.line().value("time-limit"))
                                : kDefaultTimeLimitSeconds;
        Poco::JSON::Object timeLimit;
        timeLimit.set("timeLimitMs", seconds * 1000);
        const Poco::JSON::Object::Ptr request = context.envelope(timeLimit); // caller and lang, as call() sends

        PluginSession& plugin = context.plugin();
        const bool terminal = isatty(STDOUT_FILENO) == 1;
        const Poco::JSON::Object::Ptr before = terminal ? context.call("outbox", Poco::JSON::Object()) : nullptr;
        auto sending = std::async(std::launch::async, [&plugin, &request] { return plugin.call("sync", *request); });
        if (terminal)
        {
            while (sending.wait_for(kPollInterval) != std::future_status::ready)
                SyncRenderer::progress(context.messages(), *before, *context.call("outbox", Poco::JSON::Object()),
                                       context.out());
            SyncRenderer::clearProgress(context.out());
        }
        const Poco::JSON::Object::Ptr summary = PluginSession::parse("sync", sending.get());
        const Poco::JSON::Object::Ptr after = context.call("outbox", Poco::JSON::Object());
        const i18n::Messages& messages = context.messages(summary.get());
        SyncRenderer(messages, after).render(*summary, context.out());
        const std::size_t refused = summary->optValue<std::size_t>("refused", 0);
        if (refused > 0)
            context.out() << messages.format("cli.sync.refused", i18n::MessageArgs().set("count", refused)) << '\n';
        if (SyncRenderer::pending(*after) != 0) return EXIT_TEMPFAIL;
        return refused > 0 ? EXIT_DATAERR : EXIT_OK;
    }
};

const CommandRegistration<SyncCommand> registeredSyncCommand;

} // namespace

}
} // namespace sfe::host
