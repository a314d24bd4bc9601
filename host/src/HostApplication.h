//
// HostApplication.h
//
// Library: sfia-evidence (host)
// Package: host
//
// The `sfia-evidence` command-line application: the reference host of the plugin.
//

#ifndef SFE_HOST_HOSTAPPLICATION_H
#define SFE_HOST_HOSTAPPLICATION_H

#include "CommandLine.h"

#include <Poco/Util/Application.h>

#include <string>
#include <vector>

namespace sfe {
namespace i18n {
class Messages;
}
namespace host {

class Command;

/// `sfia-evidence [--db PATH] [--config FILE] [--manifest FILE] COMMAND [ARGUMENTS] [OPTIONS]`.
///
/// It finds and checks the plugin manifest, loads the plugin through its C++ door as an LMS
/// would, runs one command, and exits with a sysexits code: 0 success, 64 usage, 65 data
/// (invalid input, not found, conflict), 69 plugin unavailable (manifest, ABI, library),
/// 70 internal error, 74 store, 75 LRS unreachable, 78 configuration.
///
/// Poco's own option processing is switched off (it would reject every command's options, and
/// POCO_APP_MAIN reports its errors as EXIT_CONFIG); CommandLine parses the arguments instead,
/// with the same Poco option classes.
class HostApplication: public Poco::Util::Application
{
public:
    HostApplication();

protected:
    void defineOptions(Poco::Util::OptionSet& options) override;
    int main(const std::vector<std::string>& args) override;

private:
    int runCommand(const CommandLine& line);
    void printHelp(const Command* command, const i18n::Messages& messages) const;

    Poco::Util::OptionSet _globalOptions;
};

}
} // namespace sfe::host

#endif
