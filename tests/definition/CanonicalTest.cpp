//
// CanonicalTest.cpp
//
// Definition tests: the canonical text form and its hash are exactly what
// docs/definition-format.md specifies, so stored hashes stay comparable across releases.
//

#include "TestFiles.h"
#include "sfe/definition/Canonical.h"
#include "sfe/definition/DefinitionReader.h"
#include "sfe/definition/TextHash.h"
#include <boost/test/unit_test.hpp>

using namespace sfe::definition;

BOOST_AUTO_TEST_SUITE(canonical)

// The example of docs/definition-format.md: level 3 of tests/data/definition/good/two-languages.xml.
// Its serialization and digest are part of the format; a change here breaks every stored hash.
const char* const kDocumentedLevel = "sfia-evidence level text 1\n"
                                     "number 1:3\n"
                                     "defined 4:true\n"
                                     "guidingPhrase.de-DE 8:Anwenden\n"
                                     "guidingPhrase.en-GB 5:Apply\n"
                                     "essence.de-DE 24:Arbeitet selbstständig.\n"
                                     "responsibility 8:TEST-3.1\n"
                                     "text.de-DE 13:Prüft Dinge.\n"
                                     "text.en-GB 13:Tests things.\n"
                                     "responsibility 8:TEST-3.2\n"
                                     "text.de-DE 27:Berichtet über Prüfungen.\n";
const char* const kDocumentedLevelSha256 = "4ad730796cca7da337348af5d41978d33c93e235899974a83d63e53fb1ed81d4";
const char* const kDocumentedResponsibility = "sfia-evidence responsibility text 1\n"
                                              "text.de-DE 13:Prüft Dinge.\n"
                                              "text.en-GB 13:Tests things.\n";
const char* const kDocumentedResponsibilitySha256 = "428edeceec70f3dc29d275a810f0baa3dedfa15af7162cc5b8b8bd414c1331ff";

BOOST_AUTO_TEST_CASE(documented_example_serializes_and_hashes_as_specified)
{
    const ReadResult result = DefinitionReader().readFile(sfe::test::definitionData("good/two-languages.xml"));
    BOOST_TEST_REQUIRE(result.ok(), result.message());
    const Level& level = *result.definition->skills[0].level(3);
    BOOST_TEST(Canonical::levelText(level) == kDocumentedLevel);
    BOOST_TEST(level.textSha256 == kDocumentedLevelSha256);
    BOOST_TEST(TextHash::sha256Hex(kDocumentedLevel) == kDocumentedLevelSha256);
    BOOST_TEST(Canonical::responsibilityText(level.responsibilities[0]) == kDocumentedResponsibility);
    BOOST_TEST(level.responsibilities[0].textSha256 == kDocumentedResponsibilitySha256);
}

BOOST_AUTO_TEST_CASE(not_defined_levels_serialize_their_guidance_and_steps)
{
    Level level;
    level.number = 7;
    level.defined = false;
    level.notDefined.understanding.set("de-DE", "Nicht definiert.");
    level.notDefined.development.set("de-DE", "Siehe:");
    LocalizedText first, second;
    first.set("de-DE", "Eins");
    second.set("de-DE", "Zwei");
    level.notDefined.developmentSteps = {first, second};
    BOOST_TEST(Canonical::levelText(level) == "sfia-evidence level text 1\n"
                                              "number 1:7\n"
                                              "defined 5:false\n"
                                              "notDefined.understanding.de-DE 16:Nicht definiert.\n"
                                              "notDefined.development.de-DE 6:Siehe:\n"
                                              "notDefined.developmentStep 1:1\n"
                                              "text.de-DE 4:Eins\n"
                                              "notDefined.developmentStep 1:2\n"
                                              "text.de-DE 4:Zwei\n");
}

BOOST_AUTO_TEST_CASE(lengths_keep_fields_apart)
{
    // A text that looks like a record cannot pass for one: its length prefix covers it.
    Responsibility plain, forged;
    plain.text.set("de-DE", "A");
    plain.text.set("en-GB", "B");
    forged.text.set("de-DE", "A\ntext.en-GB 1:B");
    BOOST_TEST(Canonical::responsibilityText(plain) != Canonical::responsibilityText(forged));
}

BOOST_AUTO_TEST_SUITE_END()
