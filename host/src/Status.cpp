//
// Status.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// What the plugin's SFE_* status codes mean to the CLI: an exit code and a description.
//

#include "Status.h"

#include "sfe.h"

#include <Poco/Util/Application.h>

namespace sfe {
namespace host {

int Status::exitCode(int status)
{
    using App = Poco::Util::Application;
    switch (status & 0xff)
    {
        case SFE_OK:
            return App::EXIT_OK;
        case SFE_INVALID:
        case SFE_NOTFOUND:
        case SFE_CONFLICT:
            return App::EXIT_DATAERR;
        case SFE_STORE:
            return App::EXIT_IOERR;
        case SFE_CONFIG:
            return App::EXIT_CONFIG;
        case SFE_ABI:
            return App::EXIT_UNAVAILABLE;
        case SFE_NETWORK:
            return App::EXIT_TEMPFAIL;
        case SFE_BUSY:
            return App::EXIT_TEMPFAIL;
        case SFE_FORBIDDEN:
            return App::EXIT_NOPERM;
        default:
            return App::EXIT_SOFTWARE;
    }
}

std::string Status::describe(int status)
{
    switch (status & 0xff)
    {
        case SFE_OK:
            return "success";
        case SFE_INVALID:
            return "the input is invalid";
        case SFE_NOTFOUND:
            return "not found";
        case SFE_CONFLICT:
            return "the request conflicts with what is stored";
        case SFE_STORE:
            return "the store could not be opened, read or written";
        case SFE_MISUSE:
            return "the plugin was used wrongly";
        case SFE_CONFIG:
            return "the configuration is invalid";
        case SFE_ABI:
            return "ABI mismatch between host and plugin";
        case SFE_NETWORK:
            return "the LRS could not be reached";
        case SFE_BUSY:
            return "the store stayed busy with another writer; try again";
        case SFE_FORBIDDEN:
            return "the caller's roles do not allow this";
        default:
            return "internal error in the plugin (status " + std::to_string(status) + ")";
    }
}

}
} // namespace sfe::host
