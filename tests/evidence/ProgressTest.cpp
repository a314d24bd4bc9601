//
// ProgressTest.cpp
//
// Learners' progress by level, the attainment rules, and the "achieved" statement: made once,
// voided when withdrawn evidence breaks the attainment.
//

#include "TestHost.h"

#include "sfe.h"

#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <regex>

using sfe::test::TestPlugin;

namespace {

const std::vector<std::string> kLevel3 = {"CSMG-3.1", "CSMG-3.2", "CSMG-3.3", "CSMG-3.4", "CSMG-3.5"};

struct Learner: TestPlugin
{
    explicit Learner(const std::string& rule = "")
    {
        if (!rule.empty()) host.settings().setString("progress.rule", rule);
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"c-a","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1","CSMG-3.2"]})");
        ok("map",
           R"({"activity":"c-b","skill":"CSMG","level":3,"responsibilities":["CSMG-3.3","CSMG-3.4","CSMG-3.5"]})");
    }

    std::string attest(const std::string& responsibility, const std::string& outcome = "demonstrated")
    {
        auto r = ok("attest", "{\"learner\":\"u1\",\"assessor\":\"a1\",\"responsibility\":\"" + responsibility +
                                  "\",\"outcome\":\"" + outcome + "\"}");
        return r->getArray("evidence")->getElement<std::string>(0);
    }

    /// Level n of u1's progress, explained (the records' ids and the rule's reasons as "why").
    Poco::JSON::Object::Ptr level(int n)
    {
        auto p = ok("progress", "{\"learner\":\"u1\",\"skill\":\"CSMG\",\"explain\":true}");
        lastProgress = p;
        auto levels = p->getArray("skills")->getObject(0)->getArray("levels");
        for (unsigned i = 0; i < levels->size(); ++i)
            if (levels->getObject(i)->getValue<int>("level") == n) return levels->getObject(i);
        return nullptr;
    }

    std::vector<Poco::JSON::Object::Ptr> statementsOfKind(const std::string& kind)
    {
        std::vector<Poco::JSON::Object::Ptr> out;
        auto list = ok("statements", R"({"learner":"u1"})")->getArray("statements");
        for (unsigned i = 0; i < list->size(); ++i)
            if (list->getObject(i)->getValue<std::string>("kind") == kind) out.push_back(list->getObject(i));
        return out;
    }

    Poco::JSON::Object::Ptr lastProgress;
};

struct VerifiedRule: Learner
{
    VerifiedRule():
        Learner("all-verified")
    {}
};

const std::regex kUuid("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

const std::string kSentence31 =
    "Fungiert als routinemäßige Anlaufstelle, die Unterstützungsanfragen empfängt und bearbeitet.";
const std::string kSentence22 = "Weist ungelöste Probleme rasch entsprechend zu.";

/// A learner's view: named activities at levels 2 and 3, and attestations at given times.
struct View: TestPlugin
{
    View()
    {
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map",
           R"({"activity":"k-21","skill":"CSMG","level":2,"responsibilities":["CSMG-2.1"],"name":"Anfragen beantworten","type":"course"})");
        ok("map",
           R"({"activity":"k-22","skill":"CSMG","level":2,"responsibilities":["CSMG-2.2"],"name":"Eskalation üben","type":"module"})");
        ok("map",
           R"({"activity":"k-23","skill":"CSMG","level":2,"responsibilities":["CSMG-2.3"],"name":"Datensätze pflegen","type":"task"})");
        ok("map", R"({"activity":"k-2","skill":"CSMG","level":2,"name":"Servicedesk-Grundlagen","type":"course"})");
        ok("map",
           R"({"activity":"k-31","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"],"name":"Erstdiagnose","type":"course"})");
    }

    void attest(const std::string& responsibility, const std::string& at, const std::string& assessor = "julia.becker",
                const std::string& outcome = "demonstrated")
    {
        ok("attest", "{\"learner\":\"anna\",\"assessor\":\"" + assessor + "\",\"responsibility\":\"" + responsibility +
                         "\",\"outcome\":\"" + outcome + "\",\"at\":\"" + at + "\"}");
    }

    /// The whole response of `progress` for anna in CSMG, as text, in `lang`.
    std::string text(const std::string& lang, const std::string& more = "")
    {
        auto r = call("progress", "{\"learner\":\"anna\",\"skill\":\"CSMG\",\"lang\":\"" + lang + "\"" + more + "}");
        if (!r.ok()) throw std::runtime_error("progress failed: " + r.message);
        return r.json;
    }

    Poco::JSON::Object::Ptr skill(const std::string& lang = "de")
    {
        return ok("progress", "{\"learner\":\"anna\",\"skill\":\"CSMG\",\"lang\":\"" + lang + "\"}")
            ->getArray("skills")
            ->getObject(0);
    }

    static Poco::JSON::Object::Ptr levelOf(const Poco::JSON::Object::Ptr& skill, int n)
    {
        auto levels = skill->getArray("levels");
        for (unsigned i = 0; i < levels->size(); ++i)
            if (levels->getObject(i)->getValue<int>("level") == n) return levels->getObject(i);
        return nullptr;
    }

    static Poco::JSON::Object::Ptr responsibility(const Poco::JSON::Object::Ptr& level, const std::string& id)
    {
        auto list = level->getArray("responsibilities");
        for (unsigned i = 0; i < list->size(); ++i)
            if (list->getObject(i)->getValue<std::string>("id") == id) return list->getObject(i);
        return nullptr;
    }
};
struct LearningRule: Learner
{
    LearningRule():
        Learner("all-demonstrated-and-learning")
    {}
};

} // namespace

BOOST_AUTO_TEST_SUITE(progress)

BOOST_FIXTURE_TEST_CASE(a_level_is_attained_when_every_responsibility_is_demonstrated, Learner)
{
    for (std::size_t i = 0; i + 1 < kLevel3.size(); ++i) attest(kLevel3[i]);
    auto l3 = level(3);
    BOOST_TEST(!l3->getValue<bool>("attained"));
    BOOST_TEST(l3->getValue<int>("responsibilitiesDemonstrated") == 4);
    BOOST_TEST(l3->getArray("why")->getElement<std::string>(0) ==
               "CSMG-3.5: no assessor has attested it as demonstrated");
    BOOST_TEST(statementsOfKind("level-achieved").empty());

    attest("CSMG-3.5");
    l3 = level(3);
    BOOST_TEST(l3->getValue<bool>("attained"));
    auto achieved = statementsOfKind("level-achieved");
    BOOST_REQUIRE_EQUAL(achieved.size(), 1u);
    BOOST_TEST(l3->getObject("attainment")->getValue<std::string>("statement") ==
               achieved[0]->getValue<std::string>("id"));
    auto body = achieved[0]->getObject("statement");
    BOOST_TEST(body->getObject("verb")->getValue<std::string>("id") ==
               "https://sfia-evidence.org/xapi/profile/verbs/achieved");
    BOOST_TEST(body->getObject("object")->getValue<std::string>("id") ==
               "https://sfia-evidence.org/xapi/frameworks/sfia/9/skills/CSMG/levels/3");

    // More evidence for an attained level makes no second "achieved" statement.
    attest("CSMG-3.2");
    BOOST_TEST(statementsOfKind("level-achieved").size() == 1u);
    BOOST_TEST(!level(4)->getValue<bool>("attained"));
}

BOOST_FIXTURE_TEST_CASE(learning_alone_never_attains_a_level, Learner)
{
    ok("complete", R"({"learner":"u1","activity":"c-a","verb":"passed"})");
    ok("complete", R"({"learner":"u1","activity":"c-b"})");
    auto l3 = level(3);
    BOOST_TEST(!l3->getValue<bool>("attained"));
    BOOST_TEST(l3->getObject("activities")->getValue<int>("done") == 2);
    BOOST_TEST(l3->getObject("activities")->getValue<int>("total") == 2);
    auto r = l3->getArray("responsibilities")->getObject(0);
    BOOST_TEST(r->getArray("learning")->size() == 1u);
    BOOST_TEST(l3->getArray("why")->getElement<std::string>(0) ==
               "CSMG-3.1: no assessor has attested it as demonstrated (learning alone does not attain a level)");
    BOOST_TEST(statementsOfKind("level-achieved").empty());
}

BOOST_FIXTURE_TEST_CASE(partial_demonstrations_do_not_count, Learner)
{
    for (const auto& id : kLevel3) attest(id, id == "CSMG-3.4" ? "partial" : "demonstrated");
    auto l3 = level(3);
    BOOST_TEST(!l3->getValue<bool>("attained"));
    BOOST_TEST(l3->getArray("responsibilities")->getObject(3)->getArray("otherAttestations")->size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(withdrawn_evidence_voids_the_attainment_statement, Learner)
{
    std::vector<std::string> evidence;
    for (const auto& id : kLevel3) evidence.push_back(attest(id));
    const std::string achievedId = statementsOfKind("level-achieved").at(0)->getValue<std::string>("id");

    ok("withdraw", "{\"evidence\":\"" + evidence[1] + "\",\"reason\":\"assessor error\"}");
    BOOST_TEST(!level(3)->getValue<bool>("attained"));
    BOOST_TEST(level(3)->isNull("attainment"));
    bool voidedAchievement = false;
    for (const auto& v : statementsOfKind("voided"))
        if (v->getValue<std::string>("voids") == achievedId) voidedAchievement = true;
    BOOST_TEST(voidedAchievement);

    // Demonstrated again: attained again, with a new statement.
    attest("CSMG-3.2");
    BOOST_TEST(level(3)->getValue<bool>("attained"));
    BOOST_TEST(statementsOfKind("level-achieved").size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(explain_lists_the_deciding_evidence_with_statements, Learner)
{
    const std::string e = attest("CSMG-3.1");
    level(3);
    auto records = lastProgress->getObject("evidence");
    BOOST_REQUIRE(records->has(e));
    BOOST_TEST(records->getObject(e)->getArray("statements")->size() == 1u);
    BOOST_TEST(records->getObject(e)->getValue<std::string>("kind") == "demonstrated");
}

BOOST_FIXTURE_TEST_CASE(under_all_verified_an_auditor_must_verify_each_attestation, VerifiedRule)
{
    std::vector<std::string> evidence;
    for (const auto& id : kLevel3) evidence.push_back(attest(id));
    BOOST_TEST(!level(3)->getValue<bool>("attained"));
    for (std::size_t i = 0; i < evidence.size(); ++i)
    {
        BOOST_TEST(!level(3)->getValue<bool>("attained"));
        ok("verify", "{\"evidence\":\"" + evidence[i] + "\",\"auditor\":\"aud1\"}");
    }
    BOOST_TEST(level(3)->getValue<bool>("attained"));
    BOOST_TEST(level(3)->getObject("attainment")->getValue<std::string>("rule") == "all-verified");
    BOOST_TEST(statementsOfKind("level-achieved").size() == 1u);

    auto twice = call("verify", "{\"evidence\":\"" + evidence[0] + "\",\"auditor\":\"aud1\"}");
    BOOST_TEST(twice.status == SFE_CONFLICT);
    auto byAssessor = call("verify", "{\"evidence\":\"" + evidence[0] + "\",\"auditor\":\"a1\"}");
    BOOST_TEST(byAssessor.status == SFE_INVALID);
    BOOST_TEST(byAssessor.message == "verify: the auditor must be neither the learner nor the assessor");
}

BOOST_FIXTURE_TEST_CASE(under_demonstrated_and_learning_the_mapped_activities_count_too, LearningRule)
{
    for (const auto& id : kLevel3) attest(id);
    auto l3 = level(3);
    BOOST_TEST(!l3->getValue<bool>("attained"));
    BOOST_TEST(l3->getArray("why")->getElement<std::string>(0) == "2 of 2 mapped activities not completed");
    ok("complete", R"({"learner":"u1","activity":"c-a"})");
    ok("complete", R"({"learner":"u1","activity":"c-b","verb":"failed"})");
    BOOST_TEST(!level(3)->getValue<bool>("attained"));
    ok("complete", R"({"learner":"u1","activity":"c-b","verb":"passed"})");
    BOOST_TEST(level(3)->getValue<bool>("attained"));
    BOOST_TEST(statementsOfKind("level-achieved").size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(an_unknown_rule_is_a_configuration_error, TestPlugin)
{
    host.settings().setString("progress.rule", "most-demonstrated");
    BOOST_CHECK_EXCEPTION(start(), sfe::runtime::Error, [](const sfe::runtime::Error& e) {
        return e.status() == SFE_CONFIG &&
               e.message() == "progress.rule: 'most-demonstrated' is not one of all-demonstrated, all-verified, "
                              "all-demonstrated-and-learning";
    });
}

BOOST_FIXTURE_TEST_CASE(the_view_gives_each_sentence_its_state_with_the_deciding_attestation, View)
{
    attest("CSMG-3.1", "2026-11-03T09:00:00.000Z");
    attest("CSMG-3.1", "2026-11-10T09:00:00.000Z", "other.assessor"); // later: not the deciding one
    attest("CSMG-3.2", "2026-11-04T09:00:00.000Z", "julia.becker", "partial");
    auto l3 = levelOf(skill("de"), 3);
    BOOST_TEST(l3->getValue<std::string>("heading") == "Stufe 3: Anwenden");
    auto r31 = responsibility(l3, "CSMG-3.1");
    BOOST_TEST(r31->getValue<std::string>("sentence") == kSentence31);
    BOOST_TEST(r31->getValue<std::string>("state") == "demonstrated");
    // 09:00 UTC is 10:00 in Berlin: the date is the reader's calendar day.
    BOOST_TEST(r31->getValue<std::string>("stateText") == "nachgewiesen am 03.11.2026 von julia.becker");
    BOOST_TEST(r31->getValue<std::string>("demonstratedAt") == "2026-11-03T09:00:00.000Z");
    auto r32 = responsibility(l3, "CSMG-3.2");
    BOOST_TEST(r32->getValue<std::string>("state") == "partial");
    BOOST_TEST(r32->getValue<std::string>("stateText") == "teilweise nachgewiesen am 04.11.2026 von julia.becker");
    BOOST_TEST(!r32->getValue<bool>("counts"));
    BOOST_TEST(responsibility(l3, "CSMG-3.3")->getValue<std::string>("stateText") == "noch nicht");
    BOOST_TEST(l3->getValue<std::string>("countText") == "1/5 nachgewiesen");
    auto activity = l3->getObject("activities")->getArray("list")->getObject(0);
    BOOST_TEST(activity->getValue<std::string>("name") == "Erstdiagnose");
    BOOST_TEST(activity->getValue<std::string>("stateText") == "noch nicht erledigt");

    auto en = responsibility(levelOf(skill("en"), 3), "CSMG-3.1");
    BOOST_TEST(en->getValue<std::string>("stateText") == "demonstrated on Nov 3, 2026 by julia.becker");
    // The learner's view names people and dates, never records: no evidence or statement ids.
    BOOST_TEST(!std::regex_search(text("de"), kUuid));
    BOOST_TEST(!std::regex_search(text("en"), kUuid));
    BOOST_TEST(std::regex_search(text("de", ",\"explain\":true"), kUuid)); // explain adds them
}

BOOST_FIXTURE_TEST_CASE(the_attained_date_is_that_of_the_deciding_evidence_in_view_and_statement, View)
{
    // Recorded in this order on 2026-11-20 (the host's clock); the deciding evidence is the last
    // first-demonstration in time: CSMG-1.2 on 2026-10-07, though recorded before CSMG-1.3.
    attest("CSMG-1.1", "2026-10-01T08:00:00.000Z");
    attest("CSMG-1.2", "2026-10-09T08:00:00.000Z");
    attest("CSMG-1.2", "2026-10-07T08:00:00.000Z"); // reported late: the earlier one decides 1.2
    attest("CSMG-1.3", "2026-10-05T08:00:00.000Z");
    auto l1 = levelOf(skill("de"), 1);
    BOOST_REQUIRE(l1->getValue<bool>("attained"));
    BOOST_TEST(l1->getValue<std::string>("attainedAt") == "2026-10-07T08:00:00.000Z");
    BOOST_TEST(l1->getValue<std::string>("stateText") == "erreicht am 07.10.2026");
    BOOST_TEST(l1->getObject("attainment")->getValue<std::string>("attainedAt") == "2026-10-07T08:00:00.000Z");

    auto list = ok("statements", R"({"learner":"anna"})")->getArray("statements");
    std::vector<std::string> achieved;
    for (unsigned i = 0; i < list->size(); ++i)
        if (list->getObject(i)->getValue<std::string>("kind") == "level-achieved")
            achieved.push_back(list->getObject(i)->getObject("statement")->getValue<std::string>("timestamp"));
    BOOST_REQUIRE_EQUAL(achieved.size(), 1u);
    BOOST_TEST(achieved[0] == "2026-10-07T08:00:00.000Z");
}

BOOST_FIXTURE_TEST_CASE(evidence_judged_against_an_earlier_wording_is_marked_and_still_counts, View)
{
    for (const char* r : {"CSMG-3.1", "CSMG-3.2", "CSMG-3.3", "CSMG-3.4", "CSMG-3.5"})
        attest(r, "2026-10-01T08:00:00.000Z");
    // A new definition version rewords CSMG-3.1 only.
    std::string xml;
    {
        Poco::FileInputStream in(sfe::test::csmgPath());
        Poco::StreamCopier::copyToString(in, xml);
    }
    const std::string reworded = "Fungiert als erste Anlaufstelle für alle Unterstützungsanfragen.";
    const auto at = xml.find(kSentence31);
    BOOST_REQUIRE(at != std::string::npos);
    xml.replace(at, kSentence31.size(), reworded);
    const std::string path = dir() + "/csmg-v2.xml";
    {
        Poco::FileOutputStream out(path);
        out << xml;
    }
    ok("import", "{\"path\":\"" + path + "\"}");

    auto l3 = levelOf(skill("de"), 3);
    auto r31 = responsibility(l3, "CSMG-3.1");
    BOOST_TEST(r31->getValue<std::string>("sentence") == reworded);
    BOOST_TEST(r31->getValue<bool>("earlierWording"));
    BOOST_TEST(r31->getValue<std::string>("earlierWordingText") ==
               "anhand einer früheren Fassung dieses Satzes beurteilt");
    BOOST_TEST(r31->getValue<std::string>("earlierSentence") == "damals: „" + kSentence31 + "“");
    BOOST_TEST(r31->getValue<bool>("counts")); // it still counts (documented in ProgressView.h)
    BOOST_TEST(l3->getValue<bool>("attained"));
    BOOST_TEST(!responsibility(l3, "CSMG-3.2")->getValue<bool>("earlierWording")); // its text is unchanged

    // Attested again against the current wording: no mark.
    attest("CSMG-3.1", "2026-11-15T08:00:00.000Z");
    BOOST_TEST(!responsibility(levelOf(skill("de"), 3), "CSMG-3.1")->getValue<bool>("earlierWording"));
}

BOOST_FIXTURE_TEST_CASE(next_steps_are_the_activities_not_done_that_cover_what_the_next_level_lacks, View)
{
    for (const char* r : {"CSMG-1.1", "CSMG-1.2", "CSMG-1.3", "CSMG-2.3"}) attest(r, "2026-10-01T08:00:00.000Z");
    ok("complete", R"({"learner":"anna","activity":"k-21","at":"2026-10-02T08:00:00.000Z"})");
    auto s = skill("de");
    BOOST_TEST(s->getValue<int>("nextLevel") == 2);
    BOOST_TEST(s->getValue<std::string>("nextLevelText") == "Als Nächstes: Stufe 2 (Mitwirken)");
    // k-21 is done, k-23 covers CSMG-2.3 (demonstrated), k-31 is level 3: none is a step.
    auto steps = s->getArray("nextSteps");
    BOOST_REQUIRE_EQUAL(steps->size(), 2u);
    BOOST_TEST(steps->getObject(0)->getValue<std::string>("activity") == "Servicedesk-Grundlagen");
    BOOST_TEST(steps->getObject(0)->getValue<std::string>("coversText") == "deckt die Stufe als Ganzes ab");
    BOOST_TEST(steps->getObject(1)->getValue<std::string>("activity") == "Eskalation üben");
    BOOST_TEST(steps->getObject(1)->getArray("covers")->getElement<std::string>(0) == kSentence22);
    BOOST_TEST(steps->getObject(1)->getValue<std::string>("typeText") == "Modul");
    auto activities = levelOf(s, 2)->getObject("activities")->getArray("list"); // by LMS id: k-2, k-21, ...
    BOOST_REQUIRE_EQUAL(activities->size(), 4u);
    auto k21 = activities->getObject(1);
    BOOST_TEST(k21->getValue<std::string>("name") == "Anfragen beantworten");
    BOOST_TEST(k21->getValue<std::string>("stateText") == "erledigt am 02.10.2026");
}

BOOST_FIXTURE_TEST_CASE(an_unknown_learner_has_no_progress_to_show, View)
{
    attest("CSMG-3.1", "2026-11-03T09:00:00.000Z");
    auto de = call("progress", R"({"learner":"anna.schmitt","skill":"CSMG","lang":"de"})");
    BOOST_TEST(de.status == SFE_NOTFOUND);
    BOOST_TEST(de.message == "keine Nachweise für anna.schmitt vorhanden");
    auto en = call("progress", R"({"learner":"anna.schmitt","lang":"en"})");
    BOOST_TEST(en.status == SFE_NOTFOUND);
    BOOST_TEST(en.message == "no evidence held for anna.schmitt");
}

BOOST_FIXTURE_TEST_CASE(the_html_page_is_in_the_readers_language_with_the_sentences_and_no_ids, View)
{
    attest("CSMG-3.1", "2026-11-03T09:00:00.000Z");
    const std::string html = ok("progress", R"({"learner":"anna","skill":"CSMG","lang":"de","format":"html"})")
                                 ->getValue<std::string>("html");
    BOOST_TEST(html.find("<html lang=\"de\">") != std::string::npos);
    BOOST_TEST(html.find(kSentence31) != std::string::npos);
    BOOST_TEST(html.find("nachgewiesen am 03.11.2026 von julia.becker") != std::string::npos);
    BOOST_TEST(html.find("Nächste Schritte") != std::string::npos);
    BOOST_TEST(!std::regex_search(html, kUuid));
    const std::string en = ok("progress", R"({"learner":"anna","skill":"CSMG","lang":"en","format":"html"})")
                               ->getValue<std::string>("html");
    BOOST_TEST(en.find("<html lang=\"en\">") != std::string::npos);
    BOOST_TEST(en.find("Next steps") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(the_html_page_charts_each_defined_level_with_its_numbers_in_words, View)
{
    for (const char* r : {"CSMG-1.1", "CSMG-1.2", "CSMG-1.3", "CSMG-3.1"}) attest(r, "2026-11-03T09:00:00.000Z");
    const std::string html = ok("progress", R"({"learner":"anna","skill":"CSMG","lang":"de","format":"html"})")
                                 ->getValue<std::string>("html");
    // One bar per defined level (CSMG defines 1-6, not 7), inline SVG (no script, no style attribute).
    const std::regex bar("<text[^>]*>(Stufe \\d)</text>\\s*<rect[^>]*/>\\s*<rect x=\"80\" y=\"\\d+\" width=\"(\\d+)\"");
    std::vector<std::pair<std::string, std::string>> bars;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), bar); it != std::sregex_iterator(); ++it)
        bars.emplace_back((*it)[1], (*it)[2]);
    BOOST_REQUIRE_EQUAL(bars.size(), 6u);
    BOOST_TEST(bars[0].first == "Stufe 1");
    BOOST_TEST(bars[0].second == "240"); // 3 of 3: the whole track
    BOOST_TEST(bars[1].second == "0");   // level 2: nothing yet
    BOOST_TEST(bars[2].first == "Stufe 3");
    BOOST_TEST(bars[2].second == "48"); // 1 of 5: 20 % of 240
    // The numbers and the attained mark as text, not colour alone, and in the accessible name.
    BOOST_TEST(html.find(">3/3 nachgewiesen · ✓ erreicht</text>") != std::string::npos);
    BOOST_TEST(html.find(">1/5 nachgewiesen</text>") != std::string::npos);
    BOOST_TEST(html.find("role=\"img\"") != std::string::npos);
    BOOST_TEST(html.find("<title>Kundenservice: Verantwortlichkeiten je Stufe</title>") != std::string::npos);
    std::smatch label;
    BOOST_REQUIRE(std::regex_search(html, label, std::regex("aria-label=\"([^\"]*)\"")));
    BOOST_TEST(label[1].str().find("Stufe 1: 3/3 nachgewiesen (100 %), erreicht.") != std::string::npos);
    BOOST_TEST(label[1].str().find("Stufe 3: 1/5 nachgewiesen (20 %).") != std::string::npos);
    BOOST_TEST(html.find("style=") == std::string::npos);

    const std::string en = ok("progress", R"({"learner":"anna","skill":"CSMG","lang":"en","format":"html"})")
                               ->getValue<std::string>("html");
    BOOST_TEST(en.find("Level 3: 1/5 demonstrated (20 %).") != std::string::npos);
    BOOST_TEST(en.find(">3/3 demonstrated · ✓ attained</text>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
