//
// MappingTest.cpp
//
// Admins link activities to levels and responsibilities; coverage; review after a new definition.
//

#include "TestHost.h"

#include "sfe.h"

#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <boost/test/unit_test.hpp>

using sfe::test::TestPlugin;

namespace {

std::string readFile(const std::string& path)
{
    Poco::FileInputStream in(path);
    std::string s;
    Poco::StreamCopier::copyToString(in, s);
    return s;
}

std::vector<std::string> strings(const Poco::JSON::Array::Ptr& arr)
{
    std::vector<std::string> out;
    for (unsigned i = 0; i < arr->size(); ++i) out.push_back(arr->getElement<std::string>(i));
    return out;
}

struct Imported: TestPlugin
{
    Imported() { ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}"); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(mapping)

BOOST_FIXTURE_TEST_CASE(map_links_an_activity_to_a_level_and_its_responsibilities, Imported)
{
    auto r = ok("map", R"({"activity":"course-101","name":"Servicedesk-Grundlagen","type":"course",
                          "skill":"CSMG","level":3,"responsibilities":["CSMG-3.1","CSMG-3.3"]})");
    auto m = r->getObject("mapping");
    BOOST_TEST(m->getValue<std::string>("skill") == "CSMG");
    BOOST_TEST(m->getValue<int>("level") == 3);
    BOOST_TEST(m->getObject("activity")->getValue<std::string>("iri") ==
               "https://lms.example.org/activities/course-101");
    BOOST_TEST(m->getObject("activity")->getValue<std::string>("name") == "Servicedesk-Grundlagen");
    BOOST_TEST((strings(m->getArray("responsibilities")) == std::vector<std::string>{"CSMG-3.1", "CSMG-3.3"}));
    BOOST_TEST(m->getValue<bool>("flagged") == false);

    auto list = ok("mappings", R"({"skill":"CSMG"})")->getArray("mappings");
    BOOST_REQUIRE_EQUAL(list->size(), 1u);
    BOOST_TEST(list->getObject(0)->getValue<std::string>("id") == m->getValue<std::string>("id"));
}

BOOST_FIXTURE_TEST_CASE(an_activity_given_as_iri_keeps_its_iri, Imported)
{
    auto m = ok("map", R"({"activity":"https://lms.example.org/mod/scorm/view.php?id=7","skill":"CSMG","level":2})");
    BOOST_TEST(m->getObject("mapping")->getObject("activity")->getValue<std::string>("iri") ==
               "https://lms.example.org/mod/scorm/view.php?id=7");
}

BOOST_FIXTURE_TEST_CASE(map_refuses_what_the_definition_does_not_hold, Imported)
{
    auto undefined = call("map", R"({"activity":"c","skill":"CSMG","level":7})");
    BOOST_TEST(undefined.status == SFE_INVALID);
    BOOST_TEST(undefined.message == "map: level 7 of CSMG is not defined, so no activity can develop it");

    auto unknownSkill = call("map", R"({"activity":"c","skill":"XXXX","level":3})");
    BOOST_TEST(unknownSkill.status == SFE_NOTFOUND);
    BOOST_TEST(unknownSkill.message == "map: no skill with code 'XXXX' has been imported");

    auto otherLevel = call("map", R"({"activity":"c","skill":"CSMG","level":3,"responsibilities":["CSMG-4.1"]})");
    BOOST_TEST(otherLevel.status == SFE_INVALID);
    BOOST_TEST(otherLevel.message == "map: 'CSMG-4.1' is not a responsibility of CSMG level 3");

    auto badType = call("map", R"({"activity":"c","skill":"CSMG","level":3,"type":"webinar"})");
    BOOST_TEST(badType.status == SFE_INVALID);
    BOOST_TEST(badType.message == "map: type 'webinar' is not one of course, module, assessment, task");

    auto level0 = call("map", R"({"activity":"c","skill":"CSMG","level":0})");
    BOOST_TEST(level0.status == SFE_INVALID);

    BOOST_TEST(ok("mappings")->getArray("mappings")->size() == 0u);
}

BOOST_FIXTURE_TEST_CASE(mapping_again_replaces_and_unmap_removes, Imported)
{
    ok("map", R"({"activity":"c1","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
    ok("map", R"({"activity":"c1","skill":"CSMG","level":3,"responsibilities":["CSMG-3.2"]})");
    auto list = ok("mappings")->getArray("mappings");
    BOOST_REQUIRE_EQUAL(list->size(), 1u);
    BOOST_TEST((strings(list->getObject(0)->getArray("responsibilities")) == std::vector<std::string>{"CSMG-3.2"}));

    ok("map", R"({"activity":"c1","skill":"CSMG","level":4})");
    auto removed = ok("unmap", R"({"activity":"c1","level":3})")->getArray("removed");
    BOOST_TEST(removed->size() == 1u);
    BOOST_TEST(ok("mappings")->getArray("mappings")->size() == 1u);

    auto none = call("unmap", R"({"activity":"c1","level":3})");
    BOOST_TEST(none.status == SFE_NOTFOUND);
}

BOOST_FIXTURE_TEST_CASE(map_names_the_mapping_it_replaced_and_the_activity_it_renamed, Imported)
{
    auto first = ok("map", R"({"activity":"c1","name":"Alt","skill":"CSMG","level":3})");
    BOOST_TEST(first->isNull("replaced"));
    BOOST_TEST(first->isNull("renamed"));
    ok("map", R"({"activity":"c1","skill":"CSMG","level":4})");
    auto again =
        ok("map", R"({"activity":"c1","name":"Neu","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
    BOOST_TEST(again->getObject("replaced")->getValue<std::string>("id") ==
               first->getObject("mapping")->getValue<std::string>("id"));
    auto renamed = again->getObject("renamed");
    BOOST_TEST(renamed->getValue<std::string>("from") == "Alt");
    BOOST_TEST(renamed->getValue<std::string>("to") == "Neu");
    BOOST_TEST(renamed->getValue<int>("mappings") == 2); // the name shows in the level-4 mapping too
}

// The operations the C door offers too: the CSV in the request, every problem located, nothing written.
BOOST_FIXTURE_TEST_CASE(mappings_import_through_the_plugin_locates_every_problem_and_writes_nothing, Imported)
{
    ok("map", R"({"activity":"c1","skill":"CSMG","level":3})");
    const std::string before = ok("mappings.export")->getValue<std::string>("csv");
    BOOST_TEST(before == "activity,name,type,skill,level,responsibilities,review\r\nc1,c1,course,CSMG,3,,\r\n");

    auto bad =
        call("mappings.import", R"({"file":"m.csv","csv":"activity,skill,level\nc2,CSMG,3\nc3,CSMG,8\nc4,XX,3\n"})");
    BOOST_TEST(bad.status == SFE_INVALID);
    BOOST_TEST(bad.message == "m.csv:3:9: level: '8' is not a level from 1 to 7\n"
                              "m.csv:4:4: skill: no skill with code 'XX' has been imported");
    Poco::JSON::Parser parser;
    auto error = parser.parse(bad.json).extract<Poco::JSON::Object::Ptr>();
    auto problems = error->getArray("problems");
    BOOST_REQUIRE_EQUAL(problems->size(), 2u);
    BOOST_TEST(problems->getObject(0)->getValue<int>("line") == 3);
    BOOST_TEST(problems->getObject(0)->getValue<int>("column") == 9);
    BOOST_TEST(ok("mappings.export")->getValue<std::string>("csv") == before);

    auto dry = ok("mappings.import", R"({"csv":"activity,skill,level\r\nc1,CSMG,3\r\nc2,CSMG,3\r\n","dryRun":true})");
    BOOST_TEST(dry->getValue<int>("added") == 1);
    BOOST_TEST(dry->getValue<int>("unchanged") == 1);
    BOOST_TEST(ok("mappings.export")->getValue<std::string>("csv") == before);

    auto misspelt = call("mappings.import", R"({"csv":"activity,skill,level\n","dryrun":true})");
    BOOST_TEST(misspelt.status == SFE_INVALID);
}

BOOST_FIXTURE_TEST_CASE(coverage_names_what_no_activity_develops, Imported)
{
    ok("map", R"({"activity":"c1","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1","CSMG-3.3"]})");
    ok("map", R"({"activity":"c2","skill":"CSMG","level":3,"responsibilities":["CSMG-3.3"]})");
    ok("map", R"({"activity":"c3","skill":"CSMG","level":4})");
    auto c = ok("coverage", R"({"skill":"CSMG"})");
    BOOST_TEST(c->getValue<int>("responsibilities") == 24);
    BOOST_TEST(c->getValue<int>("covered") == 2);
    BOOST_TEST(c->getValue<int>("coveredAsWhole") == 3); // level 4's, by c3 mapped to the whole level
    BOOST_TEST(c->getValue<int>("uncovered") == 19);
    auto levels = c->getArray("levels");
    BOOST_REQUIRE_EQUAL(levels->size(), 6u);
    auto l3 = levels->getObject(2);
    BOOST_TEST(l3->getValue<int>("level") == 3);
    BOOST_TEST((strings(l3->getArray("uncovered")) == std::vector<std::string>{"CSMG-3.2", "CSMG-3.4", "CSMG-3.5"}));
    auto r33 = l3->getArray("responsibilities")->getObject(2);
    BOOST_TEST((strings(r33->getArray("activities")) == std::vector<std::string>{"c1", "c2"}));
    auto l4 = levels->getObject(3);
    BOOST_TEST((strings(l4->getArray("levelWideActivities")) == std::vector<std::string>{"c3"}));
    BOOST_TEST(l4->getArray("uncovered")->size() == 0u);
}

BOOST_FIXTURE_TEST_CASE(a_new_definition_flags_mappings_whose_text_changed, Imported)
{
    ok("map", R"({"activity":"c31","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
    ok("map", R"({"activity":"c32","skill":"CSMG","level":3,"responsibilities":["CSMG-3.2"]})");
    ok("map", R"({"activity":"c3","skill":"CSMG","level":3})");
    ok("map", R"({"activity":"c4","skill":"CSMG","level":4})");

    std::string xml = readFile(sfe::test::csmgPath());
    const std::string before = "Fungiert als routinemäßige Anlaufstelle";
    BOOST_REQUIRE(xml.find(before) != std::string::npos);
    Poco::replaceInPlace(xml, before, std::string("Fungiert als erste Anlaufstelle"));
    Poco::JSON::Object request;
    request.set("xml", xml);
    request.set("name", "csmg-v2.xml");
    std::ostringstream json;
    request.stringify(json);
    auto imported = ok("import", json.str());
    BOOST_TEST(imported->getValue<std::string>("result") == "imported");
    const std::string newVersion = imported->getValue<std::string>("definition");

    std::map<std::string, Poco::JSON::Object::Ptr> byActivity;
    auto list = ok("mappings")->getArray("mappings");
    for (unsigned i = 0; i < list->size(); ++i)
        byActivity[list->getObject(i)->getObject("activity")->getValue<std::string>("id")] = list->getObject(i);

    BOOST_TEST(byActivity["c31"]->getValue<bool>("flagged"));
    BOOST_TEST(byActivity["c31"]->getValue<std::string>("flagReason").find("CSMG-3.1 changed its text") !=
               std::string::npos);
    BOOST_TEST(byActivity["c3"]->getValue<bool>("flagged"));
    BOOST_TEST(!byActivity["c32"]->getValue<bool>("flagged"));
    BOOST_TEST(byActivity["c32"]->getValue<std::string>("definition") == newVersion);
    BOOST_TEST(!byActivity["c4"]->getValue<bool>("flagged"));
    BOOST_TEST(byActivity["c31"]->getValue<std::string>("definition") != newVersion);

    auto flagged = strings(imported->getArray("flaggedMappings"));
    BOOST_TEST(flagged.size() == 2u);

    // Mapping again clears the flag.
    ok("map", R"({"activity":"c31","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
    auto again = ok("mappings")->getArray("mappings");
    for (unsigned i = 0; i < again->size(); ++i)
        if (again->getObject(i)->getObject("activity")->getValue<std::string>("id") == "c31")
            BOOST_TEST(!again->getObject(i)->getValue<bool>("flagged"));
}

BOOST_AUTO_TEST_SUITE_END()
