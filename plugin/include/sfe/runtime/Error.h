//
// Error.h
//
// Library: sfe_core
// Package: runtime
//
// The one exception type services throw for failures a host must see, carrying an sfe.h status.
//

#ifndef SFE_RUNTIME_ERROR_H
#define SFE_RUNTIME_ERROR_H

#include "sfe/definition/Problem.h"

#include <Poco/Exception.h>

#include <string>
#include <vector>

namespace sfe {
namespace runtime {

/// A failure with an sfe.h status (SFE_INVALID, SFE_NOTFOUND, ...), a message naming the input and
/// where in it the problem is, and for definition imports the located problems. The doors turn it
/// into a status plus an error object; the CLI turns the status into an exit code.
class Error: public Poco::Exception
{
public:
    Error(int status, const std::string& message, std::vector<definition::Problem> problems = {});

    int status() const { return _status; }
    const std::vector<definition::Problem>& problems() const { return _problems; }

    /// The status's short name for the error object ("invalid", "notFound", ...).
    static const char* statusName(int status);

    const char* name() const noexcept override;
    const char* className() const noexcept override;
    Poco::Exception* clone() const override;
    void rethrow() const override;

    /// `text` as a message may quote it: invalid UTF-8, control characters (C0, DEL, C1) become '?',
    /// and text past `maxBytes` is cut with "...". Messages reach JSON error objects, logs and
    /// terminals, and must stay valid UTF-8 and harmless there whatever the input held.
    static std::string printable(const std::string& text, std::size_t maxBytes = 200);

    static Error invalid(const std::string& message);
    static Error notFound(const std::string& message);
    static Error conflict(const std::string& message);
    static Error config(const std::string& message);
    static Error misuse(const std::string& message);
    /// SFE_FORBIDDEN: the caller's roles do not allow the request (runtime::Capabilities).
    static Error forbidden(const std::string& message);

private:
    int _status;
    std::vector<definition::Problem> _problems;
};

}
} // namespace sfe::runtime

#endif
