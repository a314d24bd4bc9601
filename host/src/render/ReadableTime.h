//
// ReadableTime.h
//
// Library: sfia-evidence (host)
// Package: render
//
// Stored instants as people read them: their language's format, their time zone.
//

#ifndef SFE_HOST_RENDER_READABLETIME_H
#define SFE_HOST_RENDER_READABLETIME_H

#include "sfe/i18n/TimeText.h"

#include <string>

namespace sfe {
namespace host {

/// Turns the UTC times of a plugin response ("2026-03-14T23:30:00.000Z", RFC 3339) into what a
/// person reads through i18n::TimeText, in ui.time_zone ("15.03.2026, 00:30" in Berlin). The
/// response keeps UTC (--json prints it unchanged); only the text output is local.
class ReadableTime
{
public:
    static std::string dateTime(const i18n::TimeText& times, const std::string& utc);
    /// Day and minute in the reader's zone; `utc` itself when it is not an RFC 3339 time
    /// (what the store holds is shown, never dropped).

    static std::string date(const i18n::TimeText& times, const std::string& utc);
    /// The calendar day in the reader's zone; `utc` itself when it is not an RFC 3339 time.
};

}
} // namespace sfe::host

#endif
