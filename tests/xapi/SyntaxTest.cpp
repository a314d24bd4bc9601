//
// SyntaxTest.cpp
//
// Project: sfia-evidence, tests/xapi
//
// IRI (RFC 3987), language tag (RFC 5646), UUID, timestamp and duration checks.
//

#define BOOST_TEST_MODULE xapi_syntax
#include "sfe/xapi/Duration.h"
#include "sfe/xapi/Iri.h"
#include "sfe/xapi/LanguageTag.h"
#include "sfe/xapi/Timestamp.h"
#include "sfe/xapi/Utf8.h"
#include "sfe/xapi/Uuid.h"
#include <Poco/Exception.h>
#include <boost/test/unit_test.hpp>
#include <set>

using namespace sfe::xapi;

namespace {

/// Asserts `why` is a refusal that mentions `expected`.
void refused(const std::string& input, const std::string& why, const std::string& expected)
{
    BOOST_TEST_CONTEXT("input " << input << " -> " << why)
    {
        BOOST_TEST(!why.empty());
        BOOST_TEST(why.find(expected) != std::string::npos);
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(iri)

BOOST_AUTO_TEST_CASE(accepts_absolute_iris)
{
    for (const char* ok :
         {"https://example.org", "https://example.org/a/b?c=d&e=f#g", "http://adlnet.gov/expapi/verbs/completed",
          "urn:uuid:3b0b6e3c-4a5f-4d8e-9c1a-2f3e4d5c6b7a", "mailto:a.b@example.org", "http://[::1]:8080/x",
          "http://[2001:db8::7]/c", "http://192.168.0.1/", "http://user:pw@host.example:443/p",
          "https://例え.jp/パス?q=ä", "https://example.org/%C3%A4", "tag:example.org,2024:x",
          "https://example.org/a?\xEE\x80\x80"}) // iprivate U+E000 is allowed in the query
        BOOST_TEST(Iri::check(ok) == "", ok);
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_an_absolute_iri)
{
    refused("", Iri::check(""), "is empty");
    refused("/courses/12", Iri::check("/courses/12"), "has no scheme");
    refused("courses/12", Iri::check("courses/12"), "has no scheme");
    refused(":x", Iri::check(":x"), "scheme before ':' is empty");
    refused("1http://x", Iri::check("1http://x"), "does not start with a letter");
    refused("ab=c://should.fail.com", Iri::check("ab=c://should.fail.com"), "'=' in its scheme");
    refused("space", Iri::check("http://example.com/a b"), "contains a space at byte 20");
    refused("space in host", Iri::check("http://exa mple.com/"), "a space at byte 10");
    refused("control", Iri::check("http://example.com/\x01"), "control character U+0001");
    refused("tab", Iri::check("http://example.com/\t"), "control character U+0009");
    refused("quote", Iri::check("http://example.com/\"x\""), "'\"' at byte 19");
    refused("brace", Iri::check("http://example.com/{x}"), "'{'");
    refused("backslash", Iri::check("http://example.com\\x"), "'\\'");
    refused("bad escape", Iri::check("http://example.com/a%zz"), "invalid percent-escape at byte 20");
    refused("short escape", Iri::check("http://example.com/a%4"), "invalid percent-escape");
    refused("two fragments", Iri::check("http://example.com/#a#b"), "'#'");
    refused("iprivate in path", Iri::check("http://example.com/\xEE\x80\x80"), "U+E000");
    refused("invalid utf-8", Iri::check("http://example.com/\xC3"), "not valid UTF-8 at byte 19");
    refused("overlong utf-8", Iri::check("http://example.com/\xC0\xAF"), "not valid UTF-8");
    refused("bad port", Iri::check("http://example.com:80a/"), "port that is not a number");
    refused("empty http host", Iri::check("http:///path"), "empty host");
    refused("bad ipv6", Iri::check("http://[::1::2]/"), "invalid IP literal");
    refused("unclosed ipv6", Iri::check("http://[::1/"), "without its closing ']'");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(utf8)

BOOST_AUTO_TEST_CASE(accepts_utf8_and_decodes_code_points)
{
    BOOST_TEST(Utf8::check("ascii, äöü, €, 😀") == "");
    std::size_t offset = 0;
    std::uint32_t c = 0;
    const std::string euro = "\xE2\x82\xAC!";
    BOOST_TEST(Utf8::decode(euro, offset, c));
    BOOST_TEST(c == 0x20ACu);
    BOOST_TEST(offset == 3u);
}

BOOST_AUTO_TEST_CASE(refuses_invalid_sequences)
{
    refused("latin-1", Utf8::check("best\xE4tigt"), "at byte 4");
    refused("truncated", Utf8::check("ab\xE2\x82"), "at byte 2");
    refused("overlong", Utf8::check("\xC0\xAF"), "at byte 0");
    refused("overlong 3", Utf8::check("x\xE0\x80\xAF"), "at byte 1");
    refused("surrogate", Utf8::check("\xED\xA0\x80"), "at byte 0");
    refused("above U+10FFFF", Utf8::check("\xF4\x90\x80\x80"), "at byte 0");
    refused("stray continuation", Utf8::check("a\x80"), "at byte 1");
    std::size_t offset = 0;
    std::uint32_t c = 0;
    BOOST_TEST(!Utf8::decode("\xFF", offset, c));
    BOOST_TEST(offset == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(language_tag)

BOOST_AUTO_TEST_CASE(accepts_well_formed_tags)
{
    for (const char* ok : {"en", "de-DE", "en-US", "DE-de", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1901", "es-419",
                           "en-US-x-twain", "x-whatever", "i-klingon", "zh-min-nan", "de-DE-u-co-phonebk",
                           "sl-rozaj-biske", "zh-yue-HK", "english", "qq-ZZ"})
        BOOST_TEST(LanguageTag::check(ok) == "", ok);
}

BOOST_AUTO_TEST_CASE(refuses_malformed_tags)
{
    refused("empty", LanguageTag::check(""), "is empty");
    refused("a12345678", LanguageTag::check("a12345678"), "subtag 'a12345678' longer than 8 characters");
    refused("en_US", LanguageTag::check("en_US"), "other than ASCII letters and digits");
    refused("de-", LanguageTag::check("de-"), "empty subtag");
    refused("-de", LanguageTag::check("-de"), "empty subtag");
    refused("de--DE", LanguageTag::check("de--DE"), "empty subtag");
    refused("1de", LanguageTag::check("1de"), "primary language subtag '1de'");
    refused("e", LanguageTag::check("e"), "primary language subtag 'e'");
    refused("en-US-x", LanguageTag::check("en-US-x"), "private-use 'x' with no subtag");
    refused("de-a", LanguageTag::check("de-a"), "singleton 'a' with no 2-8 character subtag");
    refused("de-1996-1996", LanguageTag::check("de-1996-1996"), "repeats variant subtag '1996'");
    refused("en-a-bbb-a-ccc", LanguageTag::check("en-a-bbb-a-ccc"), "repeats extension singleton 'a'");
    refused("de-DE-DE", LanguageTag::check("de-DE-DE"), "subtag 'DE' where it is not allowed");
    refused("en-US-ab", LanguageTag::check("en-US-ab"), "subtag 'ab' where it is not allowed");
    refused("ä", LanguageTag::check("d\xC3\xA4"), "other than ASCII letters and digits");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(uuid)

BOOST_AUTO_TEST_CASE(random_ids_are_valid_version_4_and_distinct)
{
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i)
    {
        const std::string id = Uuid::random();
        BOOST_TEST(Uuid::check(id) == "");
        BOOST_TEST(id[14] == '4');
        BOOST_TEST(std::string("89ab").find(id[19]) != std::string::npos, id); // the RFC 4122 variant
        seen.insert(id);
    }
    BOOST_TEST(seen.size() == 100u);
}

BOOST_AUTO_TEST_CASE(time_ordered_ids_are_valid_version_7_and_sort_by_time)
{
    std::set<std::string> seen;
    std::string before;
    for (long long ms = 1764547200000LL; ms < 1764547200000LL + 100; ++ms)
    {
        const std::string id = Uuid::timeOrdered(ms);
        BOOST_TEST(Uuid::check(id) == "");
        BOOST_TEST(id[14] == '7');
        BOOST_TEST(std::string("89ab").find(id[19]) != std::string::npos, id);
        BOOST_TEST(id > before, id << " after " << before);
        before = id;
        seen.insert(id);
    }
    BOOST_TEST(seen.size() == 100u);
}

// An id that sorted before the one made just before it would land in the middle of the store's
// indexes on evidence and statement ids: past the 4,096 ids the counter has per millisecond, and
// when the host's clock steps back, the ids still go up.
BOOST_AUTO_TEST_CASE(time_ordered_ids_keep_going_up_past_the_counter_and_when_the_clock_steps_back)
{
    const long long ms = 4102444800000LL; // 2100-01-01: after every id made before in this process
    std::string before = Uuid::timeOrdered(ms);
    for (int i = 0; i < 10000; ++i)
    {
        const std::string id = Uuid::timeOrdered(i < 5000 ? ms : ms - 60000); // a minute back halfway
        BOOST_TEST(Uuid::check(id) == "");
        if (!(id > before)) BOOST_FAIL(id << " made after " << before << " sorts before it (id " << i << ")");
        before = id;
    }
    // 10,001 ids from one millisecond and one before it: the last is in the third millisecond after.
    BOOST_TEST(before.substr(0, 13) == Uuid::timeOrdered(ms + 2).substr(0, 13), before);
}

BOOST_AUTO_TEST_CASE(name_based_ids_are_deterministic_version_5)
{
    const std::string ns = "6ba7b811-9dad-11d1-80b4-00c04fd430c8"; // RFC 4122 URL namespace
    const std::string a = Uuid::nameBased(ns, "https://lms.example.org/event/1");
    BOOST_TEST(a == Uuid::nameBased(ns, "https://lms.example.org/event/1"));
    BOOST_TEST(a != Uuid::nameBased(ns, "https://lms.example.org/event/2"));
    BOOST_TEST(Uuid::check(a) == "");
    BOOST_TEST(a[14] == '5');
    // The value Python gives for uuid.uuid5(uuid.NAMESPACE_URL, "http://www.example.com/")
    BOOST_TEST(Uuid::nameBased(ns, "http://www.example.com/") == "fcde3c85-2270-590f-9e7c-ee003d65e0e2");
    BOOST_CHECK_THROW(Uuid::nameBased("not-a-uuid", "x"), Poco::SyntaxException);
}

BOOST_AUTO_TEST_CASE(refuses_malformed_ids)
{
    refused("too long", Uuid::check("AA97B177-9383-4934-8543-0F91A7A028368"), "has 37 characters, expected 36");
    refused("not hex", Uuid::check("MA97B177-9383-4934-8543-0F91A7A02836"), "'M' at position 1 is not a hex digit");
    refused("uppercase", Uuid::check("AA97B177-9383-4934-8543-0F91A7A02836"), "uppercase hex digits");
    refused("variant", Uuid::check("aa97b177-9383-4934-c543-0f91a7a02836"),
            "does not have the RFC 4122 variant: character 20 is 'c'");
    refused("nil", Uuid::check("00000000-0000-0000-0000-000000000000"), "RFC 4122 variant");
    refused("version 0", Uuid::check("aa97b177-9383-0934-8543-0f91a7a02836"), "has version '0'");
    refused("hyphen", Uuid::check("aa97b177x9383-4934-8543-0f91a7a02836"), "expected '-' at position 9");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(timestamp)

BOOST_AUTO_TEST_CASE(formats_utc_with_milliseconds)
{
    BOOST_TEST(Timestamp::format(Poco::Timestamp(123456)) == "1970-01-01T00:00:00.123Z");
    BOOST_TEST(Timestamp::format(Poco::Timestamp(Poco::Timestamp::TimeVal(1714557600) * 1000000 + 5000)) ==
               "2024-05-01T10:00:00.005Z");
    BOOST_TEST(Timestamp::check(Timestamp::now()) == "");
}

BOOST_AUTO_TEST_CASE(accepts_exact_form)
{
    for (const char* ok : {"2024-05-01T10:00:00.000Z", "2024-02-29T23:59:59.999Z", "1999-12-31T00:00:00.001Z"})
        BOOST_TEST(Timestamp::check(ok) == "", ok);
}

BOOST_AUTO_TEST_CASE(refuses_other_forms)
{
    refused("no millis", Timestamp::check("2024-05-01T10:00:00Z"), "has no milliseconds");
    refused("offset", Timestamp::check("2024-05-01T10:00:00.000+01:00"), "has the UTC offset +01:00");
    refused("-00:00", Timestamp::check("2024-05-01T10:00:00.000-00:00"), "-00:00 (unknown local offset)");
    refused("-0000", Timestamp::check("2024-05-01T10:00:00.000-0000"), "-0000 (unknown local offset)");
    refused("no zone", Timestamp::check("2024-05-01T10:00:00.000"), "has no time zone");
    refused("lower z", Timestamp::check("2024-05-01T10:00:00.000z"), "lowercase 'z'");
    refused("space", Timestamp::check("2024-05-01 10:00:00.000Z"), "uppercase 'T'");
    refused("date only", Timestamp::check("2024-05-01"), "date without a time");
    refused("us format", Timestamp::check("01/011/2015"), "does not start with a date");
    refused("micros", Timestamp::check("2024-05-01T10:00:00.000000Z"), "has 6 fractional digits; exactly 3");
    refused("Feb 29", Timestamp::check("2023-02-29T10:00:00.000Z"), "has day 29");
    refused("month 13", Timestamp::check("2024-13-01T10:00:00.000Z"), "has month 13");
    refused("hour 24", Timestamp::check("2024-05-01T24:00:00.000Z"), "has hour 24");
    refused("second 60", Timestamp::check("2024-05-01T10:00:60.000Z"), "has second 60");
    refused("dot only", Timestamp::check("2024-05-01T10:00:00.Z"), "'.' without fractional digits");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(duration)

BOOST_AUTO_TEST_CASE(accepts_iso_8601_durations)
{
    for (const char* ok : {"PT1H30M", "P4W", "P3Y", "PT16559.14S", "P1Y2M3DT4H5M6.7S", "P0D", "PT0S", "P1M", "PT1M"})
        BOOST_TEST(Duration::check(ok) == "", ok);
}

BOOST_AUTO_TEST_CASE(refuses_malformed_durations)
{
    refused("PA1H0M0S", Duration::check("PA1H0M0S"), "'A' where a number was expected");
    refused("P4W1D", Duration::check("P4W1D"), "combines weeks");
    refused("P1D4W", Duration::check("P1D4W"), "combines weeks");
    refused("-PT5S", Duration::check("-PT5S"), "is negative");
    refused("P", Duration::check("P"), "no components");
    refused("PT", Duration::check("PT"), "'T' with no time component");
    refused("1H", Duration::check("1H"), "does not start with 'P'");
    refused("P1H", Duration::check("P1H"), "designator 'H', which is not allowed in the date part");
    refused("PT1D", Duration::check("PT1D"), "designator 'D', which is not allowed in the time part");
    refused("PT1S1M", Duration::check("PT1S1M"), "'M' out of order or twice");
    refused("PT1.5M3S", Duration::check("PT1.5M3S"), "decimal fraction on a component that is not the last");
    refused("PT5", Duration::check("PT5"), "without a designator");
}

BOOST_AUTO_TEST_SUITE_END()
