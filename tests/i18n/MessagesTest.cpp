//
// MessagesTest.cpp
//
// The message catalogs and time formats people read.
//

#define BOOST_TEST_MODULE i18n
#include <boost/test/unit_test.hpp>

#include "sfe/i18n/Messages.h"
#include "sfe/i18n/TimeText.h"

#include <Poco/DateTimeParser.h>
#include <Poco/DateTimeFormat.h>

using sfe::i18n::MessageArgs;
using sfe::i18n::Messages;
using sfe::i18n::TimeText;

namespace {

Poco::Timestamp utc(const std::string& iso)
{
    int tz = 0;
    return Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, iso, tz).timestamp();
}

} // namespace

BOOST_AUTO_TEST_SUITE(CatalogTest)

BOOST_AUTO_TEST_CASE(every_language_has_every_key)
{
    // A key one language lacks would fail only when a reader of that language reaches it.
    const auto german = Messages::of("de").keys();
    const auto english = Messages::of("en").keys();
    BOOST_TEST(german.size() > 1u);
    for (const auto& key : german) BOOST_TEST(Messages::of("en").has(key), "en lacks " << key);
    for (const auto& key : english) BOOST_TEST(Messages::of("de").has(key), "de lacks " << key);
}

BOOST_AUTO_TEST_CASE(a_region_picks_its_language_and_an_unknown_one_is_refused)
{
    BOOST_TEST(&Messages::of("de-DE") == &Messages::of("de"));
    BOOST_TEST(&Messages::of("en_GB") == &Messages::of("en"));
    BOOST_TEST(Messages::speaks("DE"));
    BOOST_TEST(!Messages::speaks("fr"));
    BOOST_CHECK_EXCEPTION(Messages::of("fr"), Messages::Error, [](const Messages::Error& e) {
        return std::string(e.what()).find("'fr'") != std::string::npos;
    });
}

BOOST_AUTO_TEST_CASE(a_pattern_formats_its_arguments)
{
    BOOST_TEST(Messages::of("de").format("common.level", MessageArgs().set("level", 3)) == "Stufe 3");
    BOOST_TEST(Messages::of("en").format("common.level", MessageArgs().set("level", 3)) == "Level 3");
}

BOOST_AUTO_TEST_CASE(a_missing_key_is_an_error_not_an_empty_text)
{
    BOOST_CHECK_THROW(Messages::of("en").format("no.such.key"), Messages::Error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(TimeTextTest)

BOOST_AUTO_TEST_CASE(an_instant_reads_in_the_readers_zone_and_language)
{
    // 23:30 UTC on 30 November is already 1 December in Berlin.
    const auto at = utc("2026-11-30T23:30:00Z");
    TimeText berlin("de", "Europe/Berlin");
    BOOST_TEST(berlin.date(at) == "01.12.2026");
    BOOST_TEST(berlin.dateTime(at) == "01.12.2026, 00:30");
    TimeText utcEnglish("en", "UTC");
    BOOST_TEST(utcEnglish.date(at) == "Nov 30, 2026");
}

BOOST_AUTO_TEST_CASE(an_unknown_zone_is_refused_by_name)
{
    BOOST_TEST(TimeText::knownZone("Europe/Berlin"));
    BOOST_TEST(!TimeText::knownZone("Mars/Olympus"));
    BOOST_CHECK_EXCEPTION(TimeText("de", "Mars/Olympus"), TimeText::Error, [](const TimeText::Error& e) {
        return std::string(e.what()).find("Mars/Olympus") != std::string::npos;
    });
}

BOOST_AUTO_TEST_SUITE_END()
