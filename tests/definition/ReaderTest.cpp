//
// ReaderTest.cpp
//
// Definition tests: DefinitionReader on good documents — the shipped CSMG definition, the model it
// builds, locations, languages, hashes and limits.
//

#include "TestFiles.h"
#include "sfe/definition/DefinitionReader.h"
#include "sfe/definition/TextHash.h"
#include <boost/test/unit_test.hpp>
#include <algorithm>

using namespace sfe::definition;
using sfe::test::definitionData;
using sfe::test::readBytes;
using sfe::test::replaceOnce;

namespace {

Definition readOk(const std::string& bytes, const std::string& name = "test.xml", ReadOptions options = {})
{
    const ReadResult result = DefinitionReader(options).readBuffer(bytes, name);
    BOOST_TEST_REQUIRE(result.ok(), "unexpected problems:\n" << result.message());
    return *result.definition;
}

/// The 1-based line and column of the first occurrence of `needle` in `bytes` (ASCII lines only).
SourceLocation find(const std::string& bytes, const std::string& needle)
{
    const std::size_t at = bytes.find(needle);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    const int line =
        1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    const std::size_t lineStart = bytes.rfind('\n', at) == std::string::npos ? 0 : bytes.rfind('\n', at) + 1;
    return SourceLocation{line, static_cast<int>(at - lineStart) + 1};
}

} // namespace

BOOST_AUTO_TEST_SUITE(reader)

BOOST_AUTO_TEST_CASE(csmg_reads_with_six_defined_levels_and_level_seven_not_defined)
{
    const std::string path = sfe::test::shippedCsmg();
    const ReadResult result = DefinitionReader().readFile(path);
    BOOST_TEST_REQUIRE(result.ok(), result.message());
    BOOST_TEST(result.problems.empty());
    BOOST_TEST(result.message() == "");
    const Definition& definition = *result.definition;

    BOOST_TEST(definition.framework.name == "SFIA");
    BOOST_TEST(definition.framework.version == "9");
    BOOST_TEST(definition.framework.language == "de-DE");
    BOOST_TEST(definition.framework.sourceUrl == "https://sfia-online.org/de");
    BOOST_TEST(definition.framework.copyright == "© SFIA Foundation");
    BOOST_TEST(definition.framework.licence.find("SFIA Foundation") != std::string::npos);
    BOOST_TEST(!definition.framework.title.get("de-DE").empty());

    BOOST_TEST_REQUIRE(definition.skills.size() == 1u);
    const Skill& csmg = definition.skills.front();
    BOOST_TEST(csmg.code == "CSMG");
    BOOST_TEST(csmg.name.get("de-DE") == "Kundenservice");
    BOOST_TEST(csmg.activities.size() == 6u);
    BOOST_TEST_REQUIRE(csmg.lowerLevelsNotDefined.has_value());
    BOOST_TEST(csmg.lowerLevelsNotDefined->developmentSteps.size() == 3u);

    BOOST_TEST_REQUIRE(csmg.levels.size() == 7u);
    for (int number = 1; number <= 7; ++number)
    {
        BOOST_TEST_CONTEXT("level " << number)
        {
            const Level& level = csmg.levels[static_cast<std::size_t>(number - 1)];
            BOOST_TEST(level.number == number);
            BOOST_TEST(level.defined == (number <= 6));
            BOOST_TEST(level.textSha256.size() == 64u);
            if (level.defined)
            {
                BOOST_TEST(!level.guidingPhrase.get("de-DE").empty());
                BOOST_TEST(!level.essence.get("de-DE").empty());
                BOOST_TEST(!level.responsibilities.empty());
                BOOST_TEST(level.notDefined.understanding.empty());
            }
            else
            {
                BOOST_TEST(level.responsibilities.empty());
                BOOST_TEST(!level.notDefined.understanding.get("de-DE").empty());
                BOOST_TEST(!level.notDefined.development.get("de-DE").empty());
                // The seed gives no generic text for level 7; the file invents none.
                BOOST_TEST(level.guidingPhrase.empty());
                BOOST_TEST(level.essence.empty());
            }
        }
    }
    BOOST_TEST(definition.sourceName == path);
    BOOST_TEST(definition.xml == readBytes(path));
}

BOOST_AUTO_TEST_CASE(csmg_level_three_has_identified_ordered_responsibilities)
{
    const std::string path = sfe::test::shippedCsmg();
    const std::string bytes = readBytes(path);
    const Definition definition = readOk(bytes, path);
    const Skill& csmg = *definition.skill("CSMG");
    const Level& three = *csmg.level(3);
    BOOST_TEST(three.guidingPhrase.get("de-DE") == "Anwenden");
    BOOST_TEST(three.essence.get("de-DE").rfind("Führt ", 0) == 0u);
    const std::string& essence = three.essence.get("de-DE");
    const std::string end = "Arbeitsplatz.";
    BOOST_TEST((essence.size() > end.size() && essence.compare(essence.size() - end.size(), end.size(), end) == 0));

    BOOST_TEST_REQUIRE(three.responsibilities.size() == 5u);
    std::vector<std::string> hashes;
    for (std::size_t i = 0; i < three.responsibilities.size(); ++i)
    {
        const Responsibility& r = three.responsibilities[i];
        const std::string id = "CSMG-3." + std::to_string(i + 1);
        BOOST_TEST_CONTEXT(id)
        {
            BOOST_TEST(r.id == id);
            BOOST_TEST(r.position == static_cast<int>(i + 1));
            BOOST_TEST(csmg.responsibility(id) == &r);
            // One sentence: ends with a full stop, and has none before.
            const std::string& text = r.text.get("de-DE");
            BOOST_TEST(text.back() == '.');
            BOOST_TEST(text.find(". ") == std::string::npos);
            BOOST_TEST(r.text.all().size() == 1u);
            BOOST_TEST(r.textSha256.size() == 64u);
            hashes.push_back(r.textSha256);
            // Located at its start tag.
            const SourceLocation expected = find(bytes, "<responsibility id=\"" + id + "\"");
            BOOST_TEST(r.where.line == expected.line);
            BOOST_TEST(r.where.column == expected.column);
        }
    }
    std::sort(hashes.begin(), hashes.end());
    BOOST_TEST((std::unique(hashes.begin(), hashes.end()) == hashes.end()));
    const SourceLocation levelStart = find(bytes, "<level number=\"3\"");
    BOOST_TEST(three.where.line == levelStart.line);
    BOOST_TEST(three.where.column == levelStart.column);
    const SourceLocation skillStart = find(bytes, "<skill ");
    BOOST_TEST(csmg.where.line == skillStart.line);
    BOOST_TEST(csmg.where.column == skillStart.column);
}

BOOST_AUTO_TEST_CASE(content_hash_is_the_sha256_of_the_bytes)
{
    // FIPS 180-2 test vector: the digest is computed right.
    BOOST_TEST(TextHash::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const std::string bytes = readBytes(definitionData("good/minimal.xml"));
    const Definition definition = readOk(bytes);
    BOOST_TEST(definition.contentSha256 == TextHash::sha256Hex(bytes));
    BOOST_TEST(readOk(bytes + "\n").contentSha256 != definition.contentSha256);
}

BOOST_AUTO_TEST_CASE(text_hashes_are_stable_across_reads_and_entry_points)
{
    const std::string path = sfe::test::shippedCsmg();
    const Definition fromFile = *DefinitionReader().readFile(path).definition;
    const Definition fromBuffer = readOk(readBytes(path), "other-name.xml");
    BOOST_TEST(fromFile.contentSha256 == fromBuffer.contentSha256);
    for (std::size_t l = 0; l < fromFile.skills[0].levels.size(); ++l)
    {
        const Level& a = fromFile.skills[0].levels[l];
        const Level& b = fromBuffer.skills[0].levels[l];
        BOOST_TEST(a.textSha256 == b.textSha256);
        for (std::size_t r = 0; r < a.responsibilities.size(); ++r)
            BOOST_TEST(a.responsibilities[r].textSha256 == b.responsibilities[r].textSha256);
    }
}

BOOST_AUTO_TEST_CASE(text_hashes_follow_text_changes_only)
{
    const std::string original = readBytes(definitionData("good/minimal.xml"));
    const Definition before = readOk(original);
    const Level& before2 = *before.skills[0].level(2);
    const Level& before3 = *before.skills[0].level(3);

    // One word of TEST-3.1 changes: its hash and its level's change, nothing else's.
    const Definition edited = readOk(replaceOnce(original, "Prüft Dinge.", "Prüft Sachen."));
    const Level& edited3 = *edited.skills[0].level(3);
    BOOST_TEST(edited.contentSha256 != before.contentSha256);
    BOOST_TEST(edited3.responsibilities[0].textSha256 != before3.responsibilities[0].textSha256);
    BOOST_TEST(edited3.responsibilities[1].textSha256 == before3.responsibilities[1].textSha256);
    BOOST_TEST(edited3.textSha256 != before3.textSha256);
    BOOST_TEST(edited.skills[0].level(2)->textSha256 == before2.textSha256);
    BOOST_TEST(edited.skills[0].level(4)->textSha256 == before.skills[0].level(4)->textSha256);

    // A changed essence changes the level's hash, not the responsibilities'.
    const Definition essence = readOk(replaceOnce(original, "Arbeitet selbstständig.", "Arbeitet allein."));
    BOOST_TEST(essence.skills[0].level(3)->textSha256 != before3.textSha256);
    BOOST_TEST(essence.skills[0].level(3)->responsibilities[0].textSha256 == before3.responsibilities[0].textSha256);

    // Sentences trading places: each keeps its hash wherever it stands; the level's changes.
    std::string swapped = replaceOnce(original, "Prüft Dinge.", "@");
    swapped = replaceOnce(swapped, "Berichtet über Prüfungen.", "Prüft Dinge.");
    swapped = replaceOnce(swapped, "@", "Berichtet über Prüfungen.");
    const Definition swappedDefinition = readOk(swapped);
    const Level& swapped3 = *swappedDefinition.skills[0].level(3);
    BOOST_TEST(swapped3.responsibilities[0].text.get("de-DE") == "Berichtet über Prüfungen.");
    BOOST_TEST(swapped3.responsibilities[0].textSha256 == before3.responsibilities[1].textSha256);
    BOOST_TEST(swapped3.responsibilities[1].textSha256 == before3.responsibilities[0].textSha256);
    BOOST_TEST(swapped3.textSha256 != before3.textSha256);

    // Ids are part of a level's text, not of a sentence's: another skill code changes the former only.
    std::string recoded = original;
    for (std::size_t at = recoded.find("TEST"); at != std::string::npos; at = recoded.find("TEST", at + 5))
        recoded.replace(at, 4, "TEST2");
    const Definition recodedDefinition = readOk(recoded);
    const Level& recoded3 = *recodedDefinition.skills[0].level(3);
    BOOST_TEST(recoded3.responsibilities[0].id == "TEST2-3.1");
    BOOST_TEST(recoded3.responsibilities[0].textSha256 == before3.responsibilities[0].textSha256);
    BOOST_TEST(recoded3.textSha256 != before3.textSha256);

    // Layout is not text: whitespace inside a text and between elements leaves every text hash alone.
    std::string reformatted = replaceOnce(original, ">Prüft Dinge.<", ">\n        Prüft\n\t  Dinge.   \n      <");
    reformatted = replaceOnce(reformatted, "<level number=\"3\">", "<level   number=\"3\"  >\n\n");
    const Definition layout = readOk(reformatted);
    BOOST_TEST(layout.contentSha256 != before.contentSha256);
    BOOST_TEST(layout.skills[0].level(3)->responsibilities[0].text.get("de-DE") == "Prüft Dinge.");
    BOOST_TEST(layout.skills[0].level(3)->textSha256 == before3.textSha256);
    BOOST_TEST(layout.skills[0].level(3)->responsibilities[0].textSha256 == before3.responsibilities[0].textSha256);
}

BOOST_AUTO_TEST_CASE(texts_stand_side_by_side_in_several_languages)
{
    const Definition german = readOk(readBytes(definitionData("good/minimal.xml")));
    const Definition both = readOk(readBytes(definitionData("good/two-languages.xml")));
    const Skill& skill = both.skills[0];
    BOOST_TEST(skill.name.get("de-DE") == "Prüfen");
    BOOST_TEST(skill.name.get("en-GB") == "Testing");
    BOOST_TEST(skill.name.get("en") == "Testing");
    BOOST_TEST(skill.description.get("en-GB") == "Das Prüfen von Dingen."); // no English: the first there is
    const Responsibility& r = skill.level(3)->responsibilities[0];
    BOOST_TEST(r.text.all().size() == 2u);
    BOOST_TEST(r.text.get("de-DE") == "Prüft Dinge.");
    BOOST_TEST(r.text.get("en-GB") == "Tests things.");
    BOOST_TEST(skill.level(3)->guidingPhrase.get("en-GB") == "Apply");

    // Every language counts in the hashes: an added English text changes them.
    BOOST_TEST(r.textSha256 != german.skills[0].level(3)->responsibilities[0].textSha256);
    BOOST_TEST(skill.level(3)->responsibilities[1].textSha256 ==
               german.skills[0].level(3)->responsibilities[1].textSha256);
    BOOST_TEST(skill.level(3)->textSha256 != german.skills[0].level(3)->textSha256);
    BOOST_TEST(skill.level(4)->textSha256 == german.skills[0].level(4)->textSha256);
}

BOOST_AUTO_TEST_CASE(the_order_of_languages_in_the_file_does_not_matter)
{
    const std::string both = readBytes(definitionData("good/two-languages.xml"));
    const std::string reordered =
        replaceOnce(both, "<text xml:lang=\"de-DE\">Prüft Dinge.</text><text xml:lang=\"en-GB\">Tests things.</text>",
                    "<text xml:lang=\"en-GB\">Tests things.</text><text xml:lang=\"de-DE\">Prüft Dinge.</text>");
    const Definition a = readOk(both);
    const Definition b = readOk(reordered);
    BOOST_TEST(a.skills[0].level(3)->responsibilities[0].textSha256 ==
               b.skills[0].level(3)->responsibilities[0].textSha256);
    BOOST_TEST(a.skills[0].level(3)->textSha256 == b.skills[0].level(3)->textSha256);
}

BOOST_AUTO_TEST_CASE(a_namespace_prefix_reads_the_same)
{
    const Definition plain = readOk(readBytes(definitionData("good/minimal.xml")));
    const Definition prefixed = readOk(readBytes(definitionData("good/prefixed.xml")));
    BOOST_TEST_REQUIRE(prefixed.skills.size() == 1u);
    BOOST_TEST(prefixed.skills[0].code == "TEST");
    BOOST_TEST_REQUIRE(prefixed.skills[0].levels.size() == plain.skills[0].levels.size());
    for (std::size_t l = 0; l < plain.skills[0].levels.size(); ++l)
        BOOST_TEST(prefixed.skills[0].levels[l].textSha256 == plain.skills[0].levels[l].textSha256);
    BOOST_TEST(prefixed.framework.licence == plain.framework.licence);
}

BOOST_AUTO_TEST_CASE(size_limit_is_applied_before_reading)
{
    const std::string path = definitionData("good/minimal.xml");
    const std::size_t size = readBytes(path).size();

    ReadOptions exact;
    exact.maxBytes = size;
    BOOST_TEST(DefinitionReader(exact).readFile(path).ok());

    ReadOptions smaller;
    smaller.maxBytes = size - 1;
    const std::string expected = path + ":1:1: file is " + std::to_string(size) + " bytes, over the limit of " +
                                 std::to_string(size - 1) + " bytes";
    const ReadResult fromFile = DefinitionReader(smaller).readFile(path);
    BOOST_TEST(!fromFile.ok());
    BOOST_TEST(!fromFile.definition.has_value());
    BOOST_TEST(fromFile.message() == expected);
    const ReadResult fromBuffer = DefinitionReader(smaller).readBuffer(readBytes(path), path);
    BOOST_TEST(fromBuffer.message() == expected);
}

BOOST_AUTO_TEST_CASE(unreadable_paths_are_problems_not_exceptions)
{
    const std::string missing = definitionData("good/no-such-file.xml");
    const ReadResult absent = DefinitionReader().readFile(missing);
    BOOST_TEST(!absent.ok());
    BOOST_TEST(absent.message() == missing + ":1:1: cannot read the file: No such file or directory");

    const std::string folder = definitionData("good");
    const ReadResult directory = DefinitionReader().readFile(folder);
    BOOST_TEST(directory.message() == folder + ":1:1: cannot read the file: it is a directory");
}

BOOST_AUTO_TEST_SUITE_END()
