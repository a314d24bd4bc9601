//
// ScreeningTest.cpp
//
// Definition tests: the stages before any XML parser — LineMap, Utf8Validator, PrologScanner.
//

#include "sfe/definition/LineMap.h"
#include "sfe/definition/PrologScanner.h"
#include "sfe/definition/Utf8Validator.h"
#include <boost/test/unit_test.hpp>

using namespace sfe::definition;

namespace {

std::vector<Problem> utf8(const std::string& bytes)
{
    const LineMap lines(bytes);
    return Utf8Validator::check(bytes, "f", lines);
}

std::vector<Problem> prolog(const std::string& bytes)
{
    const LineMap lines(bytes);
    return PrologScanner::check(bytes, "f", lines);
}

} // namespace

BOOST_AUTO_TEST_SUITE(screening)

BOOST_AUTO_TEST_CASE(line_map_counts_lines_and_characters)
{
    const std::string text = "ab\nÜber\n\n€x";
    const LineMap lines(text);
    BOOST_TEST(lines.locate(0).line == 1);
    BOOST_TEST(lines.locate(0).column == 1);
    BOOST_TEST(lines.locate(2).column == 3); // the '\n' ends line 1
    BOOST_TEST(lines.locate(3).line == 2);
    BOOST_TEST(lines.locate(text.find("ber")).column == 2); // Ü is two bytes, one character
    BOOST_TEST(lines.locate(text.find("\n\n") + 1).line == 3);
    BOOST_TEST(lines.locate(text.find('x')).line == 4);
    BOOST_TEST(lines.locate(text.find('x')).column == 2); // € is three bytes, one character
    BOOST_TEST(lines.locate(text.size() + 10).line == 4); // past the end: the end
}

BOOST_AUTO_TEST_CASE(well_formed_utf8_passes)
{
    BOOST_TEST(utf8("").empty());
    BOOST_TEST(utf8("plain ASCII\n").empty());
    BOOST_TEST(utf8("Ä ß € 𝄞 \xEF\xBB\xBF").empty()); // two, three and four bytes; a BOM
    BOOST_TEST(utf8("\xF4\x8F\xBF\xBF").empty());     // U+10FFFF
}

BOOST_AUTO_TEST_CASE(ill_formed_utf8_is_located_sequence_by_sequence)
{
    const auto latin1 = utf8("ok\nGr\xFC\xDF"
                             "e");
    BOOST_TEST_REQUIRE(latin1.size() == 2u);
    BOOST_TEST(latin1[0].line == 2);
    BOOST_TEST(latin1[0].column == 3);
    BOOST_TEST(latin1[0].message.find("0xFC") != std::string::npos);
    BOOST_TEST(latin1[1].column == 4);
    BOOST_TEST(latin1[1].message.find("0xDF") != std::string::npos);

    BOOST_TEST(utf8("\xC0\x80").size() == 2u);         // overlong NUL: bad lead, stray continuation
    BOOST_TEST(utf8("\xE0\x80\x80").size() == 3u);     // overlong three-byte form
    BOOST_TEST(utf8("\xED\xA0\x80").size() == 3u);     // a UTF-16 surrogate
    BOOST_TEST(utf8("\xF4\x90\x80\x80").size() == 4u); // above U+10FFFF
    BOOST_TEST(utf8("\xF5\x80\x80\x80").size() == 4u);
    BOOST_TEST(utf8("ab\xE2\x82").size() == 2u); // cut short at the end
    BOOST_TEST(utf8("\xE2\x82"
                    "a")
                   .front()
                   .column == 1);
}

BOOST_AUTO_TEST_CASE(utf8_problems_are_capped_but_counted)
{
    const auto many = utf8(std::string(25, '\xFF'));
    BOOST_TEST_REQUIRE(many.size() == Utf8Validator::kMaxReported + 1);
    BOOST_TEST(many.back().message == "5 more invalid UTF-8 bytes after this one are not listed");
}

BOOST_AUTO_TEST_CASE(utf16_and_utf32_are_named)
{
    const auto utf16 = utf8(std::string("\xFF\xFE<\0d\0", 6));
    BOOST_TEST_REQUIRE(utf16.size() == 1u);
    BOOST_TEST(utf16[0].message == "the file is encoded in UTF-16 (little endian); definition files must be UTF-8");
    BOOST_TEST(utf8(std::string("\xFE\xFF\0<", 4)).front().message.find("UTF-16 (big endian)") != std::string::npos);
    BOOST_TEST(utf8(std::string("\0\0\xFE\xFF", 4)).front().message.find("UTF-32 (big endian)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(prolog_accepts_what_definitions_use)
{
    BOOST_TEST(prolog("<definition/>").empty());
    BOOST_TEST(prolog("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<definition/>").empty());
    BOOST_TEST(prolog("<?xml version='1.0' encoding = 'utf-8' standalone='yes'?><definition/>").empty());
    BOOST_TEST(prolog("<?xml version=\"1.0\"?><!-- <!DOCTYPE in a comment> --><?pi <!DOCTYPE?><definition/>").empty());
    // Past the root element the scanner does not look; the XML parser refuses what follows.
    BOOST_TEST(prolog("<definition><!DOCTYPE x></definition>").empty());
    // Not XML at all: left for the parser to report.
    BOOST_TEST(prolog("hello").empty());
}

BOOST_AUTO_TEST_CASE(prolog_refuses_doctype_where_it_stands)
{
    const auto found = prolog("<?xml version=\"1.0\"?>\n<!-- c -->\n<?pi x?>  <!DOCTYPE d SYSTEM \"x.dtd\"><d/>");
    BOOST_TEST_REQUIRE(found.size() == 1u);
    BOOST_TEST(found[0].line == 3);
    BOOST_TEST(found[0].column == 11);
    BOOST_TEST(found[0].message.find("DOCTYPE") != std::string::npos);
    BOOST_TEST(prolog("<!doctype d><d/>").size() == 1u);
}

BOOST_AUTO_TEST_CASE(prolog_refuses_other_declared_encodings)
{
    const auto found = prolog("<?xml version=\"1.0\" encoding=\"windows-1252\"?><d/>");
    BOOST_TEST_REQUIRE(found.size() == 1u);
    BOOST_TEST(found[0].column == 31);
    BOOST_TEST(found[0].message ==
               "the XML declaration names the encoding \"windows-1252\"; definition files must be UTF-8");
}

BOOST_AUTO_TEST_SUITE_END()
