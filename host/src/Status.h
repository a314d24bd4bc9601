//
// Status.h
//
// Library: sfia-evidence (host)
// Package: host
//
// What the plugin's SFE_* status codes mean to the CLI: an exit code and a description.
//

#ifndef SFE_HOST_STATUS_H
#define SFE_HOST_STATUS_H

#include <string>

namespace sfe {
namespace host {

/// Maps the plugin's status codes (sfe.h) to sysexits-style exit codes. Extended codes
/// (primary | n << 8) map as their primary code.
class Status
{
public:
    static int exitCode(int status);
    /// SFE_OK 0; SFE_INVALID, SFE_NOTFOUND, SFE_CONFLICT 65 (EXIT_DATAERR); SFE_STORE 74
    /// (EXIT_IOERR); SFE_CONFIG 78 (EXIT_CONFIG; the plugin reports an LRS certificate it does
    /// not trust so, since retrying will not heal it); SFE_ABI 69 (EXIT_UNAVAILABLE); SFE_NETWORK
    /// 75 (EXIT_TEMPFAIL: the LRS may be back later); SFE_FORBIDDEN 77 (EXIT_NOPERM: the
    /// caller's roles do not allow it); anything else 70 (EXIT_SOFTWARE).

    static std::string describe(int status);
    /// A short English description, for a failure that came without a message.
};

}
} // namespace sfe::host

#endif
