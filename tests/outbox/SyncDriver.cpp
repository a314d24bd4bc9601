//
// SyncDriver.cpp
//
// Project: sfia-evidence, tests/outbox
//
// sfe_outbox_sync: starts the plugin's Runtime on a store and runs the `sync` operation, as a host
// process would; the crash test kills it with SIGKILL in the middle of a drain.
//
//   sfe_outbox_sync STORE_PATH [KEY=VALUE ...]
//
// KEY=VALUE are configuration keys (lrs.url=..., lrs.batch=10, ...). Prints the response of `sync`
// on stdout and exits with its status (0 for success). Warnings of the plugin go to stderr.
//

#include "sfe/plugin/HostServices.h"
#include "sfe/runtime/Runtime.h"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Logger.h>
#include <Poco/Util/MapConfiguration.h>

#include <iostream>
#include <string>

namespace {

/// A host with a configuration from the command line, the real clock, and warnings on stderr.
class DriverHost : public sfe::plugin::HostServices
{
public:
    DriverHost(): _config(new Poco::Util::MapConfiguration)
    {
        auto& logger = Poco::Logger::get("sfe.outbox-sync");
        logger.setChannel(new Poco::ConsoleChannel(std::cerr));
        logger.setLevel(Poco::Message::PRIO_WARNING);
    }

    const Poco::Util::AbstractConfiguration& config() const override { return *_config; }
    Poco::Util::MapConfiguration& settings() { return *_config; }
    Poco::Logger& logger() const override { return Poco::Logger::get("sfe.outbox-sync"); }
    Poco::Timestamp now() const override { return Poco::Timestamp(); }

private:
    Poco::AutoPtr<Poco::Util::MapConfiguration> _config;
};

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        std::cerr << "usage: sfe_outbox_sync STORE_PATH [KEY=VALUE ...]\n";
        return 2;
    }
    DriverHost host;
    host.settings().setString("store.path", argv[1]);
    for (int i = 2; i < argc; ++i)
    {
        const std::string setting = argv[i];
        const auto equals = setting.find('=');
        if (equals == std::string::npos || equals == 0)
        {
            std::cerr << "sfe_outbox_sync: '" << setting << "' is not KEY=VALUE\n";
            return 2;
        }
        host.settings().setString(setting.substr(0, equals), setting.substr(equals + 1));
    }
    try
    {
        sfe::runtime::Runtime runtime(host);
        const auto result = runtime.call("sync", "{}");
        std::cout << result.json << std::endl;
        return result.status;
    }
    catch (const std::exception& e)
    {
        std::cerr << "sfe_outbox_sync: " << e.what() << "\n";
        return 1;
    }
}
