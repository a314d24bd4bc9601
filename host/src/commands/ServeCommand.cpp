//
// ServeCommand.cpp
//
// Library: sfia-evidence (host)
// Package: commands
//
// `sfia-evidence serve --listen HOST:PORT --users FILE [--tls-cert F --tls-key F]`: the reference web host.
//

#include "CliHostServices.h"
#include "CommandContext.h"
#include "CommandRegistry.h"
#include "Exceptions.h"
#include "ManifestLocator.h"
#include "ManifestReader.h"
#include "PluginSession.h"
#include "web/PluginGateway.h"
#include "web/RequestRouter.h"
#include "web/SessionStore.h"
#include "web/UserFile.h"
#include "web/WebContext.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/NumberParser.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/Application.h>

#include <csignal>
#include <memory>

#include <pthread.h>

namespace sfe {
namespace host {

namespace {

/// Serves the plugin's pages and operations over HTTP(S) to the users of a users file, as an LMS
/// would embed them: the plugin loaded through its door with auth.enforce=true, each request
/// with the logged-in user as the caller. Runs until SIGINT or SIGTERM; exit 0 then.
class ServeCommand: public Command
{
    /// --session-idle in seconds: "30" (minutes), "90s", "30m", "2h"; 0 when it is none of
    /// these or outside 1 second to 24 hours.
    static int idleTime(const std::string& text)
    {
        int number = 0, unit = 60;
        std::string digits = text;
        if (!text.empty() && (text.back() == 's' || text.back() == 'm' || text.back() == 'h'))
        {
            unit = text.back() == 's' ? 1 : text.back() == 'm' ? 60 : 3600;
            digits.pop_back();
        }
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
            !Poco::NumberParser::tryParse(digits, number) || number < 1 || number > 24 * 3600 / unit)
            return 0;
        return number * unit;
    }

public:
    std::string name() const override { return "serve"; }
    std::string summary() const override { return i18n::Messages::of("en").format("web.command.serve"); }
    std::vector<std::string> argumentNames() const override { return {}; }

    void defineOptions(Poco::Util::OptionSet& options) const override
    {
        options.addOption(Poco::Util::Option("listen", "",
                                             "the address to listen on, HOST:PORT (port 0: any free "
                                             "port; the line printed at start names it)")
                              .argument("HOST:PORT")
                              .required(true));
        options.addOption(Poco::Util::Option("users", "", "the users file (sfia-evidence users add)")
                              .argument("FILE")
                              .required(true));
        options.addOption(Poco::Util::Option("tls-cert", "",
                                             "serve HTTPS with this certificate (PEM); needs "
                                             "--tls-key")
                              .argument("FILE"));
        options.addOption(Poco::Util::Option("tls-key", "", "the certificate's private key (PEM)").argument("FILE"));
        options.addOption(Poco::Util::Option("session-idle", "",
                                             "how long a session may stay unused before it "
                                             "expires: minutes, or a number with s, m or h (default 30m)")
                              .argument("DURATION"));
    }

    int run(CommandContext& context) const override
    {
        const CommandLine& line = context.line();
        const i18n::Messages& messages = context.messages();
        if (line.has("as") || line.has("role")) throw UsageException(messages.format("web.serve.noAs"));
        if (line.has("tls-cert") != line.has("tls-key")) throw UsageException(messages.format("web.serve.tlsPair"));
        const int idleSeconds = line.has("session-idle") ? idleTime(line.value("session-idle")) : 30 * 60;
        if (idleSeconds <= 0)
            throw UsageException(
                messages.format("web.serve.badIdle", i18n::MessageArgs().set("value", line.value("session-idle"))));
        Poco::Net::SocketAddress address;
        try
        {
            address = Poco::Net::SocketAddress(line.value("listen"));
        }
        catch (const Poco::Exception& e)
        {
            throw UsageException(messages.format(
                "web.serve.badListen",
                i18n::MessageArgs().set("listen", line.value("listen")).set("problem", e.displayText())));
        }

        web::UserFile users(line.value("users"));
        users.load();
        if (users.users().empty())
            throw ConfigurationException(
                messages.format("web.serve.noUsers", i18n::MessageArgs().set("file", users.path())));

        // SIGINT and SIGTERM are waited for below; blocked now, before the plugin and the server
        // start threads (which inherit the mask), so no other thread is interrupted by them.
        sigset_t stopSignals;
        sigemptyset(&stopSignals);
        sigaddset(&stopSignals, SIGINT);
        sigaddset(&stopSignals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
        // A browser that goes away mid-answer must not end the server: writes fail with EPIPE.
        std::signal(SIGPIPE, SIG_IGN);

        // The plugin as every host loads it, with the CLI's configuration layers (--config, the
        // environment, --db) and one setting forced: the plugin's roles decide every request.
        const std::string manifestPath =
            ManifestLocator(line.value("manifest"),
                            Poco::Util::Application::instance().config().getString("application.dir"))
                .locate();
        const Manifest manifest = ManifestReader().read(manifestPath);
        CliHostServices services(manifest);
        if (line.has("config")) services.loadFile(line.value("config"));
        services.loadEnvironment();
        if (line.has("db")) services.set("store.path", line.value("db"));
        services.set("auth.enforce", "true");
        services.configureLogging();
        PluginSession session(manifest, services);

        web::PluginGateway gateway(session);
        web::SessionStore sessions(Poco::Timespan(idleSeconds, 0));
        const bool secure = line.has("tls-cert");
        web::WebContext shared{gateway, users, sessions, secure};

        std::unique_ptr<Poco::Net::ServerSocket> socket;
        try
        {
            if (secure)
            {
                Poco::Net::initializeSSL();
                Poco::Net::Context::Ptr tls = new Poco::Net::Context(
                    Poco::Net::Context::TLS_SERVER_USE, line.value("tls-key"), line.value("tls-cert"), "",
                    Poco::Net::Context::VERIFY_NONE, 9, false, "HIGH:!aNULL:!MD5:!RC4");
                tls->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                      Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
                socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 64, tls);
            }
            else
            {
                socket = std::make_unique<Poco::Net::ServerSocket>(address, 64);
            }
        }
        catch (const Poco::Exception& e)
        {
            throw ConfigurationException(messages.format(
                "web.serve.cannotListen",
                i18n::MessageArgs().set("listen", line.value("listen")).set("problem", e.displayText())));
        }

        Poco::Net::HTTPServerParams::Ptr parameters = new Poco::Net::HTTPServerParams;
        parameters->setMaxThreads(8);
        parameters->setMaxQueued(64);
        parameters->setTimeout(Poco::Timespan(30, 0));
        parameters->setKeepAlive(true);
        parameters->setServerName("sfia-evidence");
        // The server's own threads, so that they can be waited for below: a connection still being
        // read or answered when SIGTERM comes would otherwise go on in Poco's default pool while the
        // plugin session, the messages and the sessions it uses are destroyed.
        Poco::ThreadPool threads(2, 16);
        Poco::Net::HTTPServer server(new web::RequestRouter(shared), threads, *socket, parameters);
        server.start();
        const std::string url = std::string(secure ? "https" : "http") + "://" + socket->address().toString();
        context.out()
            << messages.format(
                   "web.serve.listening",
                   i18n::MessageArgs().set("url", url).set("users", users.users().size()).set("file", users.path()))
            << std::endl;

        int received = 0;
        sigwait(&stopSignals, &received);
        server.stopAll(true); // stops accepting, shuts the open connections' sockets
        threads.joinAll();    // and waits until every thread answering one has returned
        if (secure) Poco::Net::uninitializeSSL();
        return EXIT_OK;
    }
};

const CommandRegistration<ServeCommand> registeredServeCommand;

} // namespace

}
} // namespace sfe::host
