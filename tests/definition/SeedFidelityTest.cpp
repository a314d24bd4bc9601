//
// SeedFidelityTest.cpp
//
// Definition tests: definitions/csmg.de.xml is a faithful transcription of the SFIA page it was
// made from (tests/data/definition/seed-csmg.txt). The seed is taken apart here, at test time, by
// its page structure; every skill-specific sentence must appear in the model exactly once, in
// its place, and the model must hold no sentence the seed does not have.
//

#include "TestFiles.h"
#include "sfe/definition/DefinitionReader.h"
#include <boost/test/unit_test.hpp>
#include <map>
#include <regex>
#include <sstream>

using namespace sfe::definition;

namespace {

const std::string kLanguage = "de-DE";
// Headings of the SFIA page layout (the same on every skill's page).
const std::string kGuidanceHeading = "Leitfaden";
const std::string kLevelsHeading = "Ebenen der Verantwortung für diese Fähigkeit";
const std::string kUnderstandingHeading = "Verständnis der Verantwortungsebenen dieser Fähigkeit";
const std::string kDevelopmentHeading =
    "Entwicklung von Fähigkeiten und Nachweis von Verantwortlichkeiten im Zusammenhang mit dieser Fähigkeit";
const std::string kLowerHeading = "Wo niedrigere Ebenen nicht definiert sind...";
const std::string kHigherHeading = "Wo höhere Ebenen nicht definiert sind...";
const std::string kToggle = "Ein-/Ausblenden zusätzlicher Beschreibungen und Levels.";
const std::string kBullet = "\xE2\x80\xA2"; // •

std::string trim(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool isBullet(const std::string& line)
{
    return trim(line).rfind(kBullet, 0) == 0;
}

std::string bulletText(const std::string& line)
{
    return trim(trim(line).substr(kBullet.size()));
}

/// Sentences end with '.', '!' or '?' followed by white space, or at the end of the text.
std::vector<std::string> sentences(const std::string& text)
{
    std::vector<std::string> result;
    std::string current;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        current += text[i];
        const char c = text[i];
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n'))
        {
            if (!trim(current).empty()) result.push_back(trim(current));
            current.clear();
        }
    }
    if (!trim(current).empty()) result.push_back(trim(current));
    return result;
}

/// The seed page, taken apart by its headings.
struct Seed
{
    struct Level
    {
        int number = 0;
        std::string guidingPhrase;
        std::string essence;
        std::string description;
    };
    struct NotDefined
    {
        std::vector<std::string> understanding; // the bullets under the heading
        std::string developmentIntro;           // a paragraph before the bullets, if any
        std::vector<std::string> development;   // the bullets
    };

    std::string title, name, code, description;
    std::vector<int> definedLevels;
    std::vector<std::string> guidance;
    std::string activitiesIntro;
    std::vector<std::string> activities;
    std::string developmentIntro;
    NotDefined lower, higher;
    std::vector<Level> levels;

    /// Every skill-specific sentence (not headings, not the level labels), in page order.
    std::vector<std::string> allSentences() const
    {
        std::vector<std::string> all;
        auto add = [&](const std::string& text) {
            for (auto& s : sentences(text)) all.push_back(s);
        };
        add(description);
        for (const auto& p : guidance) add(p);
        add(activitiesIntro);
        for (const auto& a : activities) add(a);
        for (const NotDefined* n : {&lower, &higher})
            for (const auto& u : n->understanding) add(u);
        add(developmentIntro);
        for (const NotDefined* n : {&lower, &higher})
        {
            add(n->developmentIntro);
            for (const auto& d : n->development) add(d);
        }
        for (const auto& level : levels)
        {
            add(level.essence);
            add(level.description);
        }
        return all;
    }
};

Seed readSeed(const std::string& path)
{
    std::vector<std::string> lines;
    {
        std::istringstream stream(sfe::test::readBytes(path));
        std::string line;
        while (std::getline(stream, line)) lines.push_back(line);
    }
    std::vector<std::string> content; // non-empty lines, trimmed on the right
    for (auto& line : lines)
        if (!trim(line).empty()) content.push_back(line);

    Seed seed;
    const std::regex skillLine("^(.+) ([A-Z0-9]{2,8})$");
    // "Ebene<nbsp>3<nbsp>– Anwenden: Wesentliche Merkmale der Ebene: Führt ..." (the label varies).
    const std::regex levelLine(
        "^Ebene(?: |\xC2\xA0)+([1-7])(?: |\xC2\xA0)+\xE2\x80\x93 (.+?): Wesentliche Merkmale [^:]+: (.+)$");
    enum class Section
    {
        Top,
        Levels,
        Guidance,
        Understanding,
        Development,
        Descriptions
    } section = Section::Top;
    Seed::NotDefined* current = nullptr;
    std::smatch match;
    for (std::size_t i = 0; i < content.size(); ++i)
    {
        const std::string line = trim(content[i]);
        if (line == kLevelsHeading)
        {
            section = Section::Levels;
            continue;
        }
        if (line == kGuidanceHeading)
        {
            section = Section::Guidance;
            continue;
        }
        if (line == kUnderstandingHeading)
        {
            section = Section::Understanding;
            current = nullptr;
            continue;
        }
        if (line == kDevelopmentHeading)
        {
            section = Section::Development;
            current = nullptr;
            continue;
        }
        if (line == kToggle)
        {
            section = Section::Descriptions;
            continue;
        }
        if (line == kLowerHeading)
        {
            current = &seed.lower;
            continue;
        }
        if (line == kHigherHeading)
        {
            current = &seed.higher;
            continue;
        }

        switch (section)
        {
            case Section::Top:
                if (seed.title.empty()) seed.title = line;
                else if (seed.code.empty() && std::regex_match(line, match, skillLine))
                {
                    seed.name = match[1];
                    seed.code = match[2];
                }
                else if (seed.description.empty()) seed.description = line;
                else BOOST_FAIL("seed: unexpected line before the levels: " << line);
                break;
            case Section::Levels:
            {
                std::istringstream numbers(line);
                int number = 0;
                while (numbers >> number) seed.definedLevels.push_back(number);
                break;
            }
            case Section::Guidance:
                if (isBullet(line)) seed.activities.push_back(bulletText(line));
                else if (line.back() == ':') seed.activitiesIntro = line;
                else seed.guidance.push_back(line);
                break;
            case Section::Understanding:
                BOOST_TEST_REQUIRE(current != nullptr);
                BOOST_TEST_REQUIRE(isBullet(line), "seed: expected a bullet: " << line);
                current->understanding.push_back(bulletText(line));
                break;
            case Section::Development:
                if (current == nullptr) seed.developmentIntro = line;
                else if (isBullet(line)) current->development.push_back(bulletText(line));
                else current->developmentIntro = line;
                break;
            case Section::Descriptions:
                if (std::regex_match(line, match, levelLine))
                {
                    Seed::Level level;
                    level.number = std::stoi(match[1]);
                    level.guidingPhrase = match[2];
                    level.essence = match[3];
                    BOOST_TEST_REQUIRE(i + 1 < content.size());
                    level.description = trim(content[++i]);
                    seed.levels.push_back(level);
                }
                else
                    BOOST_TEST_REQUIRE(line == seed.name + ": Ebene " + std::to_string(seed.levels.size() + 1),
                                       "seed: unexpected line: " << line);
                break;
        }
    }
    return seed;
}

/// Every sentence of every German text of the skill (guiding phrases and the name aside).
std::vector<std::string> modelSentences(const Skill& skill)
{
    std::vector<std::string> all;
    auto add = [&](const LocalizedText& text) {
        for (auto& s : sentences(text.get(kLanguage))) all.push_back(s);
    };
    auto addGuidance = [&](const NotDefinedGuidance& guidance) {
        add(guidance.understanding);
        add(guidance.development);
        for (const auto& step : guidance.developmentSteps) add(step);
    };
    add(skill.description);
    add(skill.guidanceNotes);
    add(skill.activitiesIntro);
    for (const auto& a : skill.activities) add(a);
    add(skill.developmentIntro);
    if (skill.lowerLevelsNotDefined) addGuidance(*skill.lowerLevelsNotDefined);
    for (const auto& level : skill.levels)
    {
        add(level.essence);
        for (const auto& r : level.responsibilities) add(r.text);
        add(level.developmentGuidance);
        addGuidance(level.notDefined);
    }
    return all;
}

std::map<std::string, int> counts(const std::vector<std::string>& items)
{
    std::map<std::string, int> result;
    for (const auto& item : items) ++result[item];
    return result;
}

struct Fixture
{
    Fixture():
        seed(readSeed(sfe::test::definitionData("seed-csmg.txt")))
    {
        const ReadResult result = DefinitionReader().readFile(sfe::test::shippedCsmg());
        BOOST_TEST_REQUIRE(result.ok(), result.message());
        definition = *result.definition;
        BOOST_TEST_REQUIRE(definition.skill(seed.code) != nullptr, "no skill " << seed.code);
        skill = definition.skill(seed.code);
    }

    Seed seed;
    Definition definition;
    const Skill* skill = nullptr;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(seed_fidelity, Fixture)

BOOST_AUTO_TEST_CASE(the_seed_is_understood)
{
    // Guards the seed reader itself: it found every part of the page.
    BOOST_TEST(seed.code == "CSMG");
    BOOST_TEST(!seed.description.empty());
    BOOST_TEST(!seed.guidance.empty());
    BOOST_TEST(!seed.activitiesIntro.empty());
    BOOST_TEST(!seed.activities.empty());
    BOOST_TEST(!seed.lower.understanding.empty());
    BOOST_TEST(!seed.higher.understanding.empty());
    BOOST_TEST(!seed.developmentIntro.empty());
    BOOST_TEST(!seed.lower.development.empty());
    BOOST_TEST(!seed.higher.development.empty());
    BOOST_TEST(!seed.definedLevels.empty());
    BOOST_TEST_REQUIRE(seed.levels.size() == seed.definedLevels.size());
    for (std::size_t i = 0; i < seed.levels.size(); ++i) BOOST_TEST(seed.levels[i].number == seed.definedLevels[i]);
    const auto all = seed.allSentences();
    BOOST_TEST(all.size() > 40u);
    for (const auto& [sentence, count] : counts(all)) BOOST_TEST(count == 1, "the seed repeats: " << sentence);
}

BOOST_AUTO_TEST_CASE(skill_and_framework_texts_are_the_seeds)
{
    BOOST_TEST(definition.framework.title.get(kLanguage) == seed.title);
    BOOST_TEST(skill->name.get(kLanguage) == seed.name);
    BOOST_TEST(skill->description.get(kLanguage) == seed.description);
    std::string guidance;
    for (const auto& paragraph : seed.guidance) guidance += (guidance.empty() ? "" : " ") + paragraph;
    BOOST_TEST(skill->guidanceNotes.get(kLanguage) == guidance);
    BOOST_TEST(skill->activitiesIntro.get(kLanguage) == seed.activitiesIntro);
    BOOST_TEST_REQUIRE(skill->activities.size() == seed.activities.size());
    for (std::size_t i = 0; i < seed.activities.size(); ++i)
        BOOST_TEST(skill->activities[i].get(kLanguage) == seed.activities[i]);
    BOOST_TEST(skill->developmentIntro.get(kLanguage) == seed.developmentIntro);
}

BOOST_AUTO_TEST_CASE(levels_are_defined_exactly_where_the_seed_defines_them)
{
    for (int number = 1; number <= 7; ++number)
    {
        BOOST_TEST_CONTEXT("level " << number)
        {
            const bool defined =
                std::find(seed.definedLevels.begin(), seed.definedLevels.end(), number) != seed.definedLevels.end();
            const Level* level = skill->level(number);
            if (defined)
            {
                BOOST_TEST_REQUIRE(level != nullptr);
                BOOST_TEST(level->defined);
            }
            else if (level != nullptr) BOOST_TEST(!level->defined);
        }
    }
}

BOOST_AUTO_TEST_CASE(each_defined_level_is_the_seeds_level_sentence_by_sentence)
{
    for (const auto& seedLevel : seed.levels)
    {
        BOOST_TEST_CONTEXT("level " << seedLevel.number)
        {
            const Level* level = skill->level(seedLevel.number);
            BOOST_TEST_REQUIRE(level != nullptr);
            BOOST_TEST(level->guidingPhrase.get(kLanguage) == seedLevel.guidingPhrase);
            BOOST_TEST(level->essence.get(kLanguage) == seedLevel.essence);
            // Every responsibility is exactly one sentence of the seed's description, in order.
            const std::vector<std::string> expected = sentences(seedLevel.description);
            BOOST_TEST_REQUIRE(level->responsibilities.size() == expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i)
            {
                const Responsibility& r = level->responsibilities[i];
                BOOST_TEST(r.id == seed.code + "-" + std::to_string(seedLevel.number) + "." + std::to_string(i + 1));
                BOOST_TEST(r.text.get(kLanguage) == expected[i]);
                BOOST_TEST(sentences(r.text.get(kLanguage)).size() == 1u);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(guidance_for_undefined_levels_is_the_seeds)
{
    // Below the lowest defined level: at skill level.
    BOOST_TEST_REQUIRE(skill->lowerLevelsNotDefined.has_value());
    const NotDefinedGuidance& lower = *skill->lowerLevelsNotDefined;
    BOOST_TEST_REQUIRE(seed.lower.understanding.size() == 1u);
    BOOST_TEST(lower.understanding.get(kLanguage) == seed.lower.understanding[0]);
    BOOST_TEST(lower.development.get(kLanguage) == seed.lower.developmentIntro);
    BOOST_TEST_REQUIRE(lower.developmentSteps.size() == seed.lower.development.size());
    for (std::size_t i = 0; i < seed.lower.development.size(); ++i)
        BOOST_TEST(lower.developmentSteps[i].get(kLanguage) == seed.lower.development[i]);

    // Above the highest defined level: on each level that is not defined.
    const int highest = seed.definedLevels.back();
    BOOST_TEST_REQUIRE(seed.higher.understanding.size() == 1u);
    BOOST_TEST_REQUIRE(seed.higher.development.size() == 1u);
    for (int number = highest + 1; number <= 7; ++number)
    {
        BOOST_TEST_CONTEXT("level " << number)
        {
            const Level* level = skill->level(number);
            BOOST_TEST_REQUIRE(level != nullptr);
            BOOST_TEST(level->notDefined.understanding.get(kLanguage) == seed.higher.understanding[0]);
            BOOST_TEST(level->notDefined.development.get(kLanguage) == seed.higher.development[0]);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_seed_sentence_appears_exactly_once_and_nothing_else)
{
    const auto expected = counts(seed.allSentences());
    const auto actual = counts(modelSentences(*skill));
    for (const auto& [sentence, count] : expected)
    {
        const auto found = actual.find(sentence);
        const int times = found == actual.end() ? 0 : found->second;
        BOOST_TEST(times == count, "seed sentence found " << times << " times in the model: " << sentence);
    }
    for (const auto& [sentence, count] : actual)
        BOOST_TEST(expected.count(sentence) == 1u, "model sentence not in the seed: " << sentence);
}

BOOST_AUTO_TEST_SUITE_END()
