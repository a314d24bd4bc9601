//
// ModelTest.cpp
//
// Definition tests: the model's lookups (LocalizedText, Skill, Definition).
//

#include "sfe/definition/Model.h"
#include <boost/test/unit_test.hpp>

using namespace sfe::definition;

BOOST_AUTO_TEST_SUITE(model)

BOOST_AUTO_TEST_CASE(localized_text_prefers_exact_then_primary_language_then_first)
{
    LocalizedText text;
    BOOST_TEST(text.empty());
    BOOST_TEST(text.get("de-DE") == "");
    text.set("en-GB", "Apply");
    text.set("de-DE", "Anwenden");
    BOOST_TEST(!text.empty());
    BOOST_TEST(text.get("de-DE") == "Anwenden");
    BOOST_TEST(text.get("en-GB") == "Apply");
    BOOST_TEST(text.get("de-CH") == "Anwenden"); // same primary language
    BOOST_TEST(text.get("en") == "Apply");
    BOOST_TEST(text.get("fr-FR") == "Anwenden"); // none: the first by tag order
    BOOST_TEST(text.all().size() == 2u);
    text.set("de-DE", "Anwenden (neu)");
    BOOST_TEST(text.get("de-DE") == "Anwenden (neu)");
    BOOST_TEST(text.all().size() == 2u);
}

BOOST_AUTO_TEST_CASE(skill_finds_levels_and_responsibilities)
{
    Skill skill;
    skill.code = "CSMG";
    Level three;
    three.number = 3;
    three.defined = true;
    Responsibility r;
    r.id = "CSMG-3.2";
    r.position = 2;
    three.responsibilities.push_back(r);
    Level seven;
    seven.number = 7;
    skill.levels = {three, seven};

    BOOST_REQUIRE(skill.level(3) != nullptr);
    BOOST_TEST(skill.level(3)->defined);
    BOOST_REQUIRE(skill.level(7) != nullptr);
    BOOST_TEST(!skill.level(7)->defined);
    BOOST_TEST(skill.level(1) == nullptr);
    BOOST_REQUIRE(skill.responsibility("CSMG-3.2") != nullptr);
    BOOST_TEST(skill.responsibility("CSMG-3.2")->position == 2);
    BOOST_TEST(skill.responsibility("CSMG-3.1") == nullptr);

    Definition definition;
    definition.skills.push_back(skill);
    BOOST_REQUIRE(definition.skill("CSMG") != nullptr);
    BOOST_TEST(definition.skill("CSMG")->code == "CSMG");
    BOOST_TEST(definition.skill("ITSP") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
