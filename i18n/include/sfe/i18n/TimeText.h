//
// TimeText.h
//
// Library: sfe_i18n
// Package: i18n
//
// Instants as people read them: in their language's date and time format and their time zone.
//

#ifndef SFE_I18N_TIMETEXT_H
#define SFE_I18N_TIMETEXT_H

#include <Poco/Timestamp.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace sfe {
namespace i18n {

/// Formats instants with ICU's locale formats in an IANA time zone: "30.11.2026" and
/// "30.11.2026, 13:05" in German, "Nov 30, 2026" and "Nov 30, 2026, 1:05 PM" in English.
/// Statements and the store keep UTC; this is only for what people read.
/// One instance per thread (ICU formatters are not shared across threads).
class TimeText
{
public:
    class Error: public std::runtime_error
    {
    public:
        using std::runtime_error::runtime_error;
    };

    /// Throws Error for a time zone ICU does not know, naming it.
    TimeText(const std::string& language, const std::string& timeZone);
    ~TimeText();
    TimeText(TimeText&&) noexcept;
    TimeText& operator=(TimeText&&) noexcept;

    std::string date(const Poco::Timestamp& at) const;     ///< the calendar day in the zone
    std::string dateTime(const Poco::Timestamp& at) const; ///< day and minute in the zone
    const std::string& timeZone() const { return _timeZone; }

    /// Whether ICU knows `timeZone` ("Europe/Berlin", "UTC"), for checking settings.
    static bool knownZone(const std::string& timeZone);

private:
    struct Formats; ///< ICU's formatters, kept out of this header
    std::string _timeZone;
    std::unique_ptr<Formats> _formats;
};

}
} // namespace sfe::i18n

#endif
