//
// TimeArgument.h
//
// Library: sfia-evidence (host)
// Package: host
//
// A time on the command line, turned into the form the store compares.
//

#ifndef SFE_HOST_TIMEARGUMENT_H
#define SFE_HOST_TIMEARGUMENT_H

#include <string>

namespace sfe {
namespace host {

/// Reads --from and --to. The plugin compares these bounds with stored times as text, so they
/// must be in the stored form, UTC with milliseconds ("2025-03-01T08:00:00.000Z"); people write
/// "2025-03-01" or "2025-03-01T09:00:00+01:00".
class TimeArgument
{
public:
    static std::string utc(const std::string& option, const std::string& text);
    /// A date (midnight UTC) or an RFC 3339 date-time with a zone, as UTC with milliseconds.
    /// Throws UsageException naming `option` for anything else.
};

}
} // namespace sfe::host

#endif
