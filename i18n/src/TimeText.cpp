//
// TimeText.cpp
//
// Library: sfe_i18n
// Package: i18n
//

#include "sfe/i18n/TimeText.h"

#include <unicode/datefmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace sfe {
namespace i18n {

namespace {

icu::TimeZone* zone(const std::string& id)
{
    std::unique_ptr<icu::TimeZone> z(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(id)));
    // ICU answers an unknown id with "Etc/Unknown" (behaving as GMT) rather than failing.
    if (!z || *z == icu::TimeZone::getUnknown()) return nullptr;
    return z.release();
}

std::unique_ptr<icu::DateFormat> formatter(icu::DateFormat* made, const std::string& timeZone)
{
    std::unique_ptr<icu::DateFormat> f(made);
    if (!f) throw TimeText::Error("time formats: ICU has no date format here");
    icu::TimeZone* z = zone(timeZone);
    if (!z)
        throw TimeText::Error("unknown time zone '" + timeZone + "' (use an IANA name such as Europe/Berlin or UTC)");
    f->adoptTimeZone(z);
    return f;
}

std::string format(const icu::DateFormat& f, const Poco::Timestamp& at)
{
    icu::UnicodeString out;
    f.format(static_cast<UDate>(at.epochMicroseconds() / 1000), out);
    std::string text;
    out.toUTF8String(text);
    return text;
}

} // namespace

struct TimeText::Formats
{
    std::unique_ptr<icu::DateFormat> date;
    std::unique_ptr<icu::DateFormat> dateTime;
};

TimeText::TimeText(const std::string& language, const std::string& timeZone):
    _timeZone(timeZone),
    _formats(std::make_unique<Formats>())
{
    const icu::Locale locale(language.c_str());
    _formats->date = formatter(icu::DateFormat::createDateInstance(icu::DateFormat::kMedium, locale), timeZone);
    _formats->dateTime = formatter(
        icu::DateFormat::createDateTimeInstance(icu::DateFormat::kMedium, icu::DateFormat::kShort, locale), timeZone);
}

TimeText::~TimeText() = default;
TimeText::TimeText(TimeText&&) noexcept = default;
TimeText& TimeText::operator=(TimeText&&) noexcept = default;

std::string TimeText::date(const Poco::Timestamp& at) const
{
    return format(*_formats->date, at);
}

std::string TimeText::dateTime(const Poco::Timestamp& at) const
{
    return format(*_formats->dateTime, at);
}

bool TimeText::knownZone(const std::string& timeZone)
{
    std::unique_ptr<icu::TimeZone> z(zone(timeZone));
    return z != nullptr;
}

}
} // namespace sfe::i18n
