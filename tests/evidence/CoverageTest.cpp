//
// CoverageTest.cpp
//
// The admin's coverage view: every responsibility sentence and what covers it; a mapping flagged
// for review covers nothing and is marked; a whole-level mapping is stated; import says what a
// new version changed and which mappings it flagged (issue 10).
//

#include "TestHost.h"

#include "sfe.h"

#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <boost/test/unit_test.hpp>

using sfe::test::TestPlugin;

namespace {

const std::string kSentence31 =
    "Fungiert als routinemäßige Anlaufstelle, die Unterstützungsanfragen empfängt und bearbeitet.";

struct Imported: TestPlugin
{
    Imported() { ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}"); }

    /// Imports CSMG again with the sentence of CSMG-3.1 reworded: a new version.
    Poco::JSON::Object::Ptr importReworded()
    {
        Poco::FileInputStream in(sfe::test::csmgPath());
        std::string xml;
        Poco::StreamCopier::copyToString(in, xml);
        BOOST_REQUIRE(xml.find("Fungiert als routinemäßige Anlaufstelle") != std::string::npos);
        Poco::replaceInPlace(xml, std::string("Fungiert als routinemäßige Anlaufstelle"),
                             std::string("Fungiert als erste Anlaufstelle"));
        Poco::JSON::Object request;
        request.set("xml", xml);
        request.set("name", "csmg-v2.xml");
        std::ostringstream json;
        request.stringify(json);
        return ok("import", json.str());
    }

    Poco::JSON::Object::Ptr level(const Poco::JSON::Object::Ptr& coverage, int number)
    {
        auto levels = coverage->getArray("levels");
        for (unsigned i = 0; i < levels->size(); ++i)
            if (levels->getObject(i)->getValue<int>("level") == number) return levels->getObject(i);
        BOOST_FAIL("no level " << number);
        return nullptr;
    }

    Poco::JSON::Object::Ptr sentence(const Poco::JSON::Object::Ptr& level, const std::string& id)
    {
        auto list = level->getArray("responsibilities");
        for (unsigned i = 0; i < list->size(); ++i)
            if (list->getObject(i)->getValue<std::string>("id") == id) return list->getObject(i);
        BOOST_FAIL("no responsibility " << id);
        return nullptr;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(coverage)

BOOST_FIXTURE_TEST_CASE(coverage_lists_every_sentence_with_the_activities_by_name, Imported)
{
    ok("map", R"({"activity":"c1","name":"Servicedesk-Grundlagen","skill":"CSMG","level":3,
                  "responsibilities":["CSMG-3.1"]})");
    auto c = ok("coverage", R"({"skill":"CSMG","lang":"de"})");
    BOOST_TEST(c->getValue<std::string>("lang") == "de");
    BOOST_TEST(c->getValue<int>("responsibilities") == 24);
    auto l3 = level(c, 3);
    BOOST_TEST(l3->getArray("responsibilities")->size() == 5u);
    auto r31 = sentence(l3, "CSMG-3.1");
    BOOST_TEST(r31->getValue<std::string>("text") == kSentence31);
    BOOST_TEST(r31->getValue<std::string>("state") == "covered");
    BOOST_TEST(r31->getValue<std::string>("stateText") == "abgedeckt durch Servicedesk-Grundlagen (Kurs)");
    auto m = r31->getArray("mappings")->getObject(0);
    BOOST_TEST(m->getValue<std::string>("name") == "Servicedesk-Grundlagen");
    BOOST_TEST(m->getValue<std::string>("type") == "course");
    BOOST_TEST(!m->getValue<bool>("flagged"));
    BOOST_TEST(sentence(l3, "CSMG-3.2")->getValue<std::string>("state") == "uncovered");
    BOOST_TEST(sentence(l3, "CSMG-3.2")->getValue<std::string>("stateText") == "NICHT ABGEDECKT");
    BOOST_TEST(c->getValue<int>("covered") == 1);
    BOOST_TEST(c->getValue<int>("uncovered") == 23);
    BOOST_TEST(c->getValue<std::string>("summary") ==
               "CSMG: 1 von 24 Verantwortlichkeiten abgedeckt, 0 nur als Ganzes, 23 NICHT ABGEDECKT");
}

BOOST_FIXTURE_TEST_CASE(a_whole_level_mapping_covers_its_sentences_only_as_a_whole, Imported)
{
    ok("map", R"({"activity":"week","name":"Servicewoche","skill":"CSMG","level":4})");
    ok("map", R"({"activity":"c41","name":"Monitoring","skill":"CSMG","level":4,"responsibilities":["CSMG-4.1"]})");
    auto c = ok("coverage", R"({"skill":"CSMG","lang":"en"})");
    auto l4 = level(c, 4);
    BOOST_TEST(sentence(l4, "CSMG-4.1")->getValue<std::string>("state") == "covered");
    BOOST_TEST(sentence(l4, "CSMG-4.2")->getValue<std::string>("state") == "covered-as-whole");
    BOOST_TEST(sentence(l4, "CSMG-4.2")->getValue<std::string>("stateText") ==
               "covered only as a whole by Servicewoche (course)");
    BOOST_TEST(l4->getArray("uncovered")->size() == 0u); // not gaps: the week develops the level
    BOOST_TEST(l4->getArray("levelWideActivities")->getElement<std::string>(0) == "week");
    BOOST_TEST(l4->getValue<std::string>("wholeLevelText").find("Level 4 as a whole: Servicewoche (course).") == 0u);
    BOOST_TEST(level(c, 3)->getValue<std::string>("wholeLevelText") == "No activity develops level 3 as a whole.");
    BOOST_TEST(c->getValue<int>("covered") == 1);
    BOOST_TEST(c->getValue<int>("coveredAsWhole") == 2);
    BOOST_TEST(c->getValue<int>("uncovered") == 21);
}

BOOST_FIXTURE_TEST_CASE(a_mapping_flagged_for_review_covers_nothing_and_is_marked, Imported)
{
    ok("map", R"({"activity":"c31","name":"Telefonie","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
    ok("map", R"({"activity":"c3","name":"Servicewoche","skill":"CSMG","level":3})");
    importReworded();
    auto c = ok("coverage", R"({"skill":"CSMG","lang":"de"})");
    BOOST_TEST(c->getValue<int>("flagged") == 2);
    auto l3 = level(c, 3);
    auto r31 = sentence(l3, "CSMG-3.1");
    BOOST_TEST(r31->getValue<std::string>("text") == "Fungiert als erste Anlaufstelle, die Unterstützungsanfragen "
                                                     "empfängt und bearbeitet.");
    BOOST_TEST(r31->getValue<std::string>("state") == "uncovered"); // the whole-level mapping is flagged too
    BOOST_TEST(r31->getArray("activities")->size() == 0u);
    auto m = r31->getArray("mappings")->getObject(0);
    BOOST_TEST(m->getValue<std::string>("activity") == "c31");
    BOOST_TEST(m->getValue<bool>("flagged"));
    auto review = m->getObject("review");
    BOOST_TEST(review->getValue<std::string>("mark") == "ZU PRÜFEN");
    auto reason = review->getArray("reasons")->getObject(0);
    BOOST_TEST(reason->getValue<std::string>("kind") == "changed");
    BOOST_TEST(reason->getValue<std::string>("responsibility") == "CSMG-3.1");
    BOOST_TEST(reason->getValue<std::string>("text") == "der Wortlaut von CSMG-3.1 hat sich geändert");
    auto whole = l3->getArray("wholeLevel")->getObject(0);
    BOOST_TEST(whole->getValue<bool>("flagged"));
    BOOST_TEST(whole->getObject("review")->getArray("reasons")->getObject(0)->getValue<std::string>("kind") ==
               "level-changed");
    BOOST_TEST(l3->getArray("levelWideActivities")->size() == 0u);
    BOOST_TEST(l3->getArray("uncovered")->size() == 5u);

    // Mapped again against the new wording, it covers again.
    ok("map", R"({"activity":"c31","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
    auto again = ok("coverage", R"({"skill":"CSMG"})");
    BOOST_TEST(sentence(level(again, 3), "CSMG-3.1")->getValue<std::string>("state") == "covered");
    BOOST_TEST(again->getValue<int>("flagged") == 1);
}

BOOST_FIXTURE_TEST_CASE(coverage_as_html_is_a_page_in_the_readers_language, Imported)
{
    ok("map", R"({"activity":"c31","name":"Telefonie","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
    importReworded();
    auto page = ok("coverage", R"({"skill":"CSMG","lang":"de","format":"html"})");
    const std::string html = page->getValue<std::string>("html");
    BOOST_TEST(html.find("<html lang=\"de\">") != std::string::npos);
    BOOST_TEST(html.find("<h1>Abdeckung von CSMG Kundenservice</h1>") != std::string::npos);
    BOOST_TEST(html.find("<th scope=\"col\">Verantwortlichkeit</th>") != std::string::npos);
    BOOST_TEST(html.find("Fungiert als erste Anlaufstelle") != std::string::npos);
    BOOST_TEST(html.find("<span class=\"mark\">ZU PRÜFEN</span>") != std::string::npos);
    BOOST_TEST(html.find("NICHT ABGEDECKT") != std::string::npos);
    BOOST_TEST(call("coverage", R"({"skill":"CSMG","format":"pdf"})").status == SFE_INVALID);
}

BOOST_FIXTURE_TEST_CASE(import_of_a_new_version_details_changes_and_flagged_mappings, Imported)
{
    ok("map", R"({"activity":"c31","name":"Telefonie","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
    ok("map", R"({"activity":"c32","skill":"CSMG","level":3,"responsibilities":["CSMG-3.2"]})");
    auto imported = importReworded();
    auto flagged = imported->getArray("flagged");
    BOOST_REQUIRE_EQUAL(flagged->size(), 1u);
    BOOST_TEST(flagged->getObject(0)->getObject("activity")->getValue<std::string>("name") == "Telefonie");
    auto reason = flagged->getObject(0)->getArray("reasons")->getObject(0);
    BOOST_TEST(reason->getValue<std::string>("kind") == "changed");
    BOOST_TEST(reason->getValue<std::string>("responsibility") == "CSMG-3.1");
    auto changes = imported->getArray("changes");
    BOOST_REQUIRE_EQUAL(changes->size(), 1u);
    auto csmg = changes->getObject(0);
    BOOST_TEST(csmg->getValue<std::string>("skill") == "CSMG");
    BOOST_TEST(csmg->getValue<int>("fromVersion") == 1);
    BOOST_TEST(csmg->getValue<int>("toVersion") == 2);
    auto levels = csmg->getArray("levels");
    BOOST_REQUIRE_EQUAL(levels->size(), 1u);
    auto changed = levels->getObject(0)->getArray("changed");
    BOOST_REQUIRE_EQUAL(changed->size(), 1u);
    BOOST_TEST(changed->getObject(0)->getValue<std::string>("id") == "CSMG-3.1");
    BOOST_TEST(changed->getObject(0)->getValue<std::string>("before") == kSentence31);

    // Re-importing a stored version writes nothing, so it changes nothing.
    BOOST_TEST(ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}")->getArray("changes")->size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
