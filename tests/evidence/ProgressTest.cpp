//
// ProgressTest.cpp
//
// Learners' progress by level, the attainment rules, and the "achieved" statement: made once,
// voided when withdrawn evidence breaks the attainment.
//

#include "TestHost.h"

#include "sfe.h"

#include <boost/test/unit_test.hpp>

using sfe::test::TestPlugin;

namespace {

const std::vector<std::string> kLevel3 = {"CSMG-3.1", "CSMG-3.2", "CSMG-3.3", "CSMG-3.4", "CSMG-3.5"};

struct Learner : TestPlugin
{
    explicit Learner(const std::string& rule = "")
    {
        if (!rule.empty()) host.settings().setString("progress.rule", rule);
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"c-a","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1","CSMG-3.2"]})");
        ok("map", R"({"activity":"c-b","skill":"CSMG","level":3,"responsibilities":["CSMG-3.3","CSMG-3.4","CSMG-3.5"]})");
    }

    std::string attest(const std::string& responsibility, const std::string& outcome = "demonstrated")
    {
        auto r = ok("attest", "{\"learner\":\"u1\",\"assessor\":\"a1\",\"responsibility\":\"" + responsibility +
                                  "\",\"outcome\":\"" + outcome + "\"}");
        return r->getArray("evidence")->getElement<std::string>(0);
    }

    Poco::JSON::Object::Ptr level(int n, bool explain = false)
    {
        auto p = ok("progress", std::string("{\"learner\":\"u1\",\"skill\":\"CSMG\"") +
                                    (explain ? ",\"explain\":true}" : "}"));
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

struct VerifiedRule : Learner { VerifiedRule(): Learner("all-verified") {} };
struct LearningRule : Learner { LearningRule(): Learner("all-demonstrated-and-learning") {} };

} // namespace

BOOST_AUTO_TEST_SUITE(progress)

BOOST_FIXTURE_TEST_CASE(a_level_is_attained_when_every_responsibility_is_demonstrated, Learner)
{
    for (std::size_t i = 0; i + 1 < kLevel3.size(); ++i) attest(kLevel3[i]);
    auto l3 = level(3);
    BOOST_TEST(!l3->getValue<bool>("attained"));
    BOOST_TEST(l3->getValue<int>("responsibilitiesDemonstrated") == 4);
    BOOST_TEST(l3->getArray("why")->getElement<std::string>(0) == "CSMG-3.5: no assessor has attested it as demonstrated");
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
    level(3, true);
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

BOOST_AUTO_TEST_SUITE_END()
