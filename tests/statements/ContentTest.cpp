//
// ContentTest.cpp
//
// Project: sfia-evidence, tests/statements
//
// What the emitted statements say: the learner's LMS account (or mbox), the definition's German
// texts, IRIs under the configured base, the hashes and ids that tie a statement to its evidence,
// what the LMS and the assessor reported, and ids fixed when recorded.
//

#include "EveryKind.h"

#include "sfe/xapi/Iri.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace sfe::test;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const std::string kProfile = "https://sfia-evidence.org/xapi/profile/";
const std::string kProfileVersion = kProfile + "v1.0";
const std::string kTypeLevel = kProfile + "activity-types/level";
const std::string kTypeResponsibility = kProfile + "activity-types/responsibility";
const std::string kTypeSkill = kProfile + "activity-types/skill";
const std::string kTypeFramework = kProfile + "activity-types/framework";
const std::string kExtDefinitionVersion = kProfile + "extensions/definition-version";
const std::string kExtLevelTextSha256 = kProfile + "extensions/level-text-sha256";
const std::string kExtEvidenceId = kProfile + "extensions/evidence-id";
const std::string kExtEvidenceUrl = kProfile + "extensions/evidence-url";

using LanguageMap = std::map<std::string, std::string>;

LanguageMap languageMap(const Object::Ptr& o)
{
    LanguageMap map;
    if (!o) return map;
    for (const std::string& key : o->getNames()) map[key] = o->getValue<std::string>(key);
    return map;
}

/// Every Activity in a statement: its object and all context activities.
std::vector<Object::Ptr> activities(const Object::Ptr& statement)
{
    std::vector<Object::Ptr> out;
    const Object::Ptr object = statement->getObject("object");
    if (object->optValue<std::string>("objectType", "Activity") == "Activity") out.push_back(object);
    const Object::Ptr context = statement->getObject("context");
    const Object::Ptr lists = context ? context->getObject("contextActivities") : nullptr;
    for (const char* list : {"parent", "grouping", "category", "other"})
    {
        const Array::Ptr a = lists ? lists->getArray(list) : nullptr;
        for (unsigned i = 0; a && i < a->size(); ++i) out.push_back(a->getObject(i));
    }
    return out;
}

std::string type(const Object::Ptr& activity)
{
    const Object::Ptr d = activity->getObject("definition");
    return d ? d->optValue<std::string>("type", "") : "";
}

Object::Ptr contextActivity(const Object::Ptr& statement, const std::string& list, const std::string& activityType)
{
    const Array::Ptr a = statement->getObject("context")->getObject("contextActivities")->getArray(list);
    for (unsigned i = 0; a && i < a->size(); ++i)
        if (type(a->getObject(i)) == activityType) return a->getObject(i);
    return nullptr;
}

std::string extension(const Object::Ptr& statement, const std::string& iri)
{
    const Object::Ptr e = statement->getObject("context")->getObject("extensions");
    return e && e->has(iri) ? e->getValue<std::string>(iri) : "";
}

/// The canonical JSON of an object (keys sorted), to compare whole members.
std::string canonical(const Object::Ptr& o)
{
    std::ostringstream out;
    Poco::JSON::Parser().parse(Poco::Dynamic::Var(o).toString()).extract<Object::Ptr>()->stringify(out);
    return out.str();
}

std::string canonical(const std::string& json)
{
    std::ostringstream out;
    Poco::JSON::Parser().parse(json).extract<Object::Ptr>()->stringify(out);
    return out.str();
}

/// CSMG as the `show` operation gives it: the definition's own texts.
struct Definition
{
    explicit Definition(TestPlugin& plugin)
    {
        show = plugin.ok("show", R"({"code":"CSMG"})");
        sha256 = plugin.ok("skills")->getArray("skills")->getObject(0)->getValue<std::string>("definition");
    }

    Object::Ptr level(int n) const
    {
        const Array::Ptr levels = show->getArray("levels");
        for (unsigned i = 0; i < levels->size(); ++i)
            if (levels->getObject(i)->getValue<int>("number") == n) return levels->getObject(i);
        throw std::runtime_error("no level " + std::to_string(n));
    }

    std::string responsibilityText(const std::string& id) const
    {
        const Array::Ptr levels = show->getArray("levels");
        for (unsigned i = 0; i < levels->size(); ++i)
        {
            const Array::Ptr list = levels->getObject(i)->getArray("responsibilities");
            for (unsigned j = 0; list && j < list->size(); ++j)
                if (list->getObject(j)->getValue<std::string>("id") == id)
                    return list->getObject(j)->getValue<std::string>("text");
        }
        throw std::runtime_error("no responsibility " + id);
    }

    Object::Ptr show;
    std::string sha256;
};

/// The level number at the end of a level IRI (".../levels/3").
int levelNumber(const std::string& iri)
{
    return std::stoi(iri.substr(iri.rfind('/') + 1));
}

/// EveryKind, by default with the plugin's default settings.
struct Emitted: EveryKind
{
    explicit Emitted(const Mode* mode = nullptr):
        EveryKind(mode)
    {}

    /// Emits every kind and lists the outbox.
    StatementListing emitted()
    {
        emit();
        return listing();
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(content)

BOOST_FIXTURE_TEST_CASE(the_actor_is_the_learners_lms_account_by_default, Emitted)
{
    const StatementListing listing = emitted();
    const std::string learner =
        R"({"objectType":"Agent","account":{"homePage":"https://lms.example.org","name":"u123"}})";
    const std::string assessor =
        R"({"objectType":"Agent","account":{"homePage":"https://lms.example.org","name":"a7"}})";
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            const Object::Ptr actor = s.json->getObject("actor");
            if (s.kind == "voided")
            {
                // Voiding is done by the plugin, on the LMS's behalf; it names no person.
                BOOST_TEST(actor->getObject("account")->getValue<std::string>("homePage") == "https://lms.example.org");
                BOOST_TEST(actor->getObject("account")->getValue<std::string>("name") == "sfia-evidence");
                continue;
            }
            // Exactly the account: no name, no mbox, nothing personal beyond the opaque LMS id.
            BOOST_TEST(canonical(actor) == canonical(learner));
            if (s.kind == "demonstration-attested")
                BOOST_TEST(canonical(s.json->getObject("context")->getObject("instructor")) == canonical(assessor));
            else BOOST_TEST(!s.json->getObject("context")->has("instructor"));
        }
    }
}

BOOST_AUTO_TEST_CASE(with_mbox_actors_learner_and_assessor_are_mailto_addresses)
{
    Emitted plugin(&kModes[2]);
    const StatementListing listing = plugin.emitted();
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            if (s.kind == "voided") continue;
            BOOST_TEST(canonical(s.json->getObject("actor")) ==
                       canonical(R"({"objectType":"Agent","mbox":"mailto:u123@example.org"})"));
            if (s.kind == "demonstration-attested")
                BOOST_TEST(canonical(s.json->getObject("context")->getObject("instructor")) ==
                           canonical(R"({"objectType":"Agent","mbox":"mailto:a7@example.org"})"));
        }
    }
}

BOOST_FIXTURE_TEST_CASE(names_and_descriptions_are_the_definitions_german_texts, Emitted)
{
    const StatementListing listing = emitted();
    const Definition csmg(*this);
    BOOST_REQUIRE(csmg.show->getValue<std::string>("language") == "de-DE");
    BOOST_REQUIRE(csmg.show->getValue<std::string>("name") == "Kundenservice");
    const std::string skillName = csmg.show->getValue<std::string>("name");
    const Object::Ptr framework = csmg.show->getObject("framework");
    const std::map<std::string, std::string> lmsNames = {
        {"https://lms.example.org/activities/course-101", "Servicedesk-Grundlagen"},
        {"https://lms.example.org/activities/module-2", "Anfragen annehmen"},
        {"https://lms.example.org/activities/task-9", "Eskalation im Team üben"},
        {"https://lms.example.org/activities/exam-7", "Prüfung Kundenservice"}};

    int responsibilities = 0, levels = 0;
    for (const auto& s : listing.all())
    {
        if (s.kind == "voided") continue;
        BOOST_TEST(s.json->getObject("context")->getValue<std::string>("language") == "de-DE");
        for (const Object::Ptr& a : activities(s.json))
        {
            const std::string id = a->getValue<std::string>("id");
            BOOST_TEST_CONTEXT(s.kind << " " << s.id << " activity " << id)
            {
                if (id == kProfileVersion) continue;
                const Object::Ptr d = a->getObject("definition");
                BOOST_REQUIRE(d);
                const LanguageMap name = languageMap(d->getObject("name"));
                const LanguageMap description = languageMap(d->getObject("description"));
                const std::string t = type(a);
                if (t == kTypeResponsibility)
                {
                    ++responsibilities;
                    const std::string rid = id.substr(id.rfind('/') + 1);
                    // Named by its sentence, shortened to at most 100 characters at a word
                    // boundary with an ellipsis (issue 10): reports read the sentence, not the id.
                    const std::string sentence = csmg.responsibilityText(rid);
                    BOOST_REQUIRE_EQUAL(name.size(), 1u);
                    const std::string shown = name.at("de-DE");
                    std::size_t characters = 0;
                    for (unsigned char c : shown) characters += (c & 0xC0) != 0x80 ? 1 : 0;
                    BOOST_TEST(characters <= 100u);
                    const std::string ellipsis = "\xE2\x80\xA6";
                    if (shown != sentence) // else the sentence had at most 100 characters
                    {
                        BOOST_REQUIRE(shown.size() > ellipsis.size());
                        BOOST_TEST(shown.substr(shown.size() - ellipsis.size()) == ellipsis);
                        const std::string head = shown.substr(0, shown.size() - ellipsis.size());
                        BOOST_TEST(sentence.compare(0, head.size(), head) == 0);
                        BOOST_TEST(characters >= 60u);
                    }
                    BOOST_TEST((description == LanguageMap{{"de-DE", csmg.responsibilityText(rid)}}));
                }
                else if (t == kTypeLevel)
                {
                    ++levels;
                    const Object::Ptr level = csmg.level(levelNumber(id));
                    BOOST_TEST((name == LanguageMap{{"de-DE", skillName + " " + std::to_string(levelNumber(id)) + ": " +
                                                                  level->getValue<std::string>("guidingPhrase")}}));
                    BOOST_TEST((description == LanguageMap{{"de-DE", level->getValue<std::string>("essence")}}));
                }
                else if (t == kTypeSkill)
                {
                    BOOST_TEST((name == LanguageMap{{"de-DE", skillName}}));
                    BOOST_TEST(
                        (description == LanguageMap{{"de-DE", csmg.show->getValue<std::string>("description")}}));
                }
                else if (t == kTypeFramework)
                {
                    BOOST_TEST((name == LanguageMap{{"de-DE", framework->getValue<std::string>("name") + " " +
                                                                  framework->getValue<std::string>("version")}}));
                }
                else
                {
                    // An LMS activity: the name the admin mapped it with, in the definition's language.
                    BOOST_REQUIRE(lmsNames.count(id));
                    BOOST_TEST((name == LanguageMap{{"de-DE", lmsNames.at(id)}}));
                    BOOST_TEST(!d->has("description"));
                }
            }
        }
    }
    BOOST_TEST(responsibilities > 0);
    BOOST_TEST(levels > 0);

    // A spot check of the German itself: the responsibility attested partially.
    const Object::Ptr attested = listing.byId(partial.statement).json;
    BOOST_TEST(
        languageMap(attested->getObject("object")->getObject("definition")->getObject("description"))["de-DE"].find(
            "Reagiert auf unterschiedliche Serviceanfragen") == 0u);
}

BOOST_FIXTURE_TEST_CASE(verbs_are_displayed_in_german_and_english, Emitted)
{
    const StatementListing listing = emitted();
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            const Object::Ptr verb = s.json->getObject("verb");
            const std::string id = verb->getValue<std::string>("id");
            const LanguageMap display = languageMap(verb->getObject("display"));
            BOOST_TEST(display.size() == 2u);
            BOOST_TEST(!display.at("de-DE").empty());
            // The English display is the verb's own name, as the ADL and our profile define it.
            BOOST_TEST(display.at("en-US") == id.substr(id.rfind('/') + 1));
        }
    }
}

BOOST_FIXTURE_TEST_CASE(skill_iris_sit_under_the_default_base_iri_and_lms_activities_under_the_home_page, Emitted)
{
    const StatementListing listing = emitted();
    const std::string skill = "https://sfia-evidence.org/xapi/frameworks/sfia/9/skills/CSMG";
    const Object::Ptr attested = listing.byId(partial.statement).json;
    BOOST_TEST(attested->getObject("object")->getValue<std::string>("id") == skill + "/responsibilities/CSMG-3.2");
    BOOST_TEST(contextActivity(attested, "parent", kTypeLevel)->getValue<std::string>("id") == skill + "/levels/3");
    BOOST_TEST(contextActivity(attested, "grouping", kTypeSkill)->getValue<std::string>("id") == skill);
    BOOST_TEST(contextActivity(attested, "grouping", kTypeFramework)->getValue<std::string>("id") ==
               "https://sfia-evidence.org/xapi/frameworks/sfia/9");
    const Object::Ptr completed = listing.byId(completion.statement).json;
    BOOST_TEST(completed->getObject("object")->getValue<std::string>("id") ==
               "https://lms.example.org/activities/course-101");
    BOOST_TEST(listing.ofKind("level-achieved").at(0).json->getObject("object")->getValue<std::string>("id") ==
               skill + "/levels/3");
}

BOOST_AUTO_TEST_CASE(a_configured_base_iri_and_home_page_are_used_everywhere)
{
    Emitted plugin;
    const std::string base = "https://kompetenzen.example.de/xapi-vokabular";
    const std::string home = "https://lernen.example.de/moodle";
    plugin.host.settings().setString("xapi.base_iri", base);
    plugin.host.settings().setString("lms.home_page", home);
    const StatementListing listing = plugin.emitted();

    int ours = 0, lms = 0;
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            BOOST_TEST(s.json->getObject("actor")->getObject("account")->getValue<std::string>("homePage") == home);
            for (const Object::Ptr& a : activities(s.json))
            {
                const std::string id = a->getValue<std::string>("id");
                const std::string t = type(a);
                // The profile's own IRIs (its version, types, verbs, extensions) do not move with the base.
                if (id == kProfileVersion) continue;
                if (t == kTypeLevel || t == kTypeResponsibility || t == kTypeSkill || t == kTypeFramework)
                {
                    ++ours;
                    BOOST_TEST(id.rfind(base + "/frameworks/sfia/9", 0) == 0u, id);
                }
                else
                {
                    ++lms;
                    BOOST_TEST(id.rfind(home + "/activities/", 0) == 0u, id);
                }
                BOOST_TEST(id.find("sfia-evidence.org/xapi/frameworks") == std::string::npos, id);
                BOOST_TEST(sfe::xapi::Iri::check(id) == "", id);
            }
            if (s.kind != "voided")
                BOOST_TEST(s.json->getObject("context")->getObject("extensions")->has(kExtDefinitionVersion));
        }
    }
    BOOST_TEST(ours > 0);
    BOOST_TEST(lms > 0);
    BOOST_TEST(listing.byId(plugin.partial.statement).json->getObject("object")->getValue<std::string>("id") ==
               base + "/frameworks/sfia/9/skills/CSMG/responsibilities/CSMG-3.2");
}

BOOST_FIXTURE_TEST_CASE(lms_activity_ids_that_are_not_iris_become_percent_encoded_iris, Emitted)
{
    prepare();
    ok("map", R"({"activity":"Kurs 101/Grundlagen: Übung #2","skill":"CSMG","level":3})");
    ok("map", R"({"activity":"https://lms.example.org/mod/scorm/view.php?id=42","skill":"CSMG","level":3})");
    ok("complete", R"({"learner":"u123","activity":"Kurs 101/Grundlagen: Übung #2"})");
    ok("complete", R"({"learner":"u123","activity":"https://lms.example.org/mod/scorm/view.php?id=42"})");
    const StatementListing listing = this->listing();
    BOOST_REQUIRE_EQUAL(listing.all().size(), 2u);
    const std::string encoded = listing.all()[0].json->getObject("object")->getValue<std::string>("id");
    BOOST_TEST(encoded == "https://lms.example.org/activities/Kurs%20101%2FGrundlagen%3A%20%C3%9Cbung%20%232");
    BOOST_TEST(sfe::xapi::Iri::check(encoded) == "");
    BOOST_TEST(listing.all()[1].json->getObject("object")->getValue<std::string>("id") ==
               "https://lms.example.org/mod/scorm/view.php?id=42");
}

BOOST_FIXTURE_TEST_CASE(extensions_tie_each_statement_to_its_definition_level_text_and_evidence, Emitted)
{
    const StatementListing listing = emitted();
    const Definition csmg(*this);
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            BOOST_REQUIRE(s.json->getObject("context"));
            if (s.kind == "voided")
            {
                BOOST_TEST(!s.json->getObject("context")->has("extensions"));
                continue;
            }
            BOOST_TEST(extension(s.json, kExtDefinitionVersion) == csmg.sha256);
            const Object::Ptr level = s.kind == "level-achieved" ? s.json->getObject("object")
                                                                 : contextActivity(s.json, "parent", kTypeLevel);
            BOOST_REQUIRE(level);
            BOOST_TEST(
                extension(s.json, kExtLevelTextSha256) ==
                csmg.level(levelNumber(level->getValue<std::string>("id")))->getValue<std::string>("textSha256"));
            if (s.kind == "level-achieved") BOOST_TEST(extension(s.json, kExtEvidenceId).empty());
            else BOOST_TEST(extension(s.json, kExtEvidenceId) == s.evidence);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(results_carry_what_the_lms_and_the_assessor_reported, Emitted)
{
    const StatementListing listing = emitted();
    auto result = [&](const std::string& id) { return canonical(listing.byId(id).json->getObject("result")); };

    BOOST_TEST(result(completion.statement) == canonical(R"({"completion":true})"));
    BOOST_TEST(result(passed.statement) ==
               canonical(R"({"score":{"scaled":0.85,"raw":85,"min":0,"max":100},"success":true,"completion":true})"));
    BOOST_TEST(result(failed.statement) ==
               canonical(R"({"score":{"scaled":0.3,"raw":30,"min":0,"max":100},"success":false,"completion":true})"));
    BOOST_TEST(
        result(partial.statement) ==
        canonical(R"({"score":{"scaled":0.5},"success":false,"response":"Freundlich, aber die Eskalation fehlte.",
                             "extensions":{")" +
                  kExtEvidenceUrl + R"(":"https://lms.example.org/files/77"}})"));
    BOOST_TEST(result(notDemonstrated.statement) ==
               canonical(R"({"score":{"scaled":0},"success":false,"response":"Noch nicht beobachtet."})"));
    BOOST_TEST(result(demonstrated[0].statement) ==
               canonical(R"({"score":{"scaled":1},"success":true,"response":"Im Einsatz beobachtet.",
                             "extensions":{")" +
                         kExtEvidenceUrl + R"(":"https://lms.example.org/files/CSMG-3.1"}})"));
    BOOST_TEST(!listing.ofKind("level-achieved").at(0).json->has("result"));

    // Learning parents: the level and the responsibilities mapped; an attestation's: the level only.
    auto parents = [&](const std::string& id) {
        std::vector<std::string> out;
        const Array::Ptr a =
            listing.byId(id).json->getObject("context")->getObject("contextActivities")->getArray("parent");
        for (unsigned i = 0; i < a->size(); ++i)
        {
            const std::string iri = a->getObject(i)->getValue<std::string>("id");
            out.push_back(iri.substr(iri.find("/skills/") + 8));
        }
        return out;
    };
    BOOST_TEST(parents(completion.statement) ==
                   (std::vector<std::string>{"CSMG/levels/3", "CSMG/responsibilities/CSMG-3.1",
                                             "CSMG/responsibilities/CSMG-3.3"}),
               boost::test_tools::per_element());
    BOOST_TEST(parents(partial.statement) == std::vector<std::string>{"CSMG/levels/3"},
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(timestamps_are_when_it_happened_in_utc, Emitted)
{
    const StatementListing listing = emitted();
    BOOST_TEST(listing.byId(completion.statement).json->getValue<std::string>("timestamp") ==
               "2026-11-19T07:30:00.000Z");
    BOOST_TEST(listing.byId(partial.statement).json->getValue<std::string>("timestamp") == "2026-11-19T11:00:00.000Z");
    // Withdrawals and attainment happen when the plugin records them (the host's clock).
    for (const auto& s : listing.ofKind("voided"))
        BOOST_TEST(s.json->getValue<std::string>("timestamp") == "2026-11-20T10:00:00.000Z");
}

BOOST_FIXTURE_TEST_CASE(a_statement_is_fixed_when_recorded, Emitted)
{
    const StatementListing first = emitted();
    // The ids the recording operations answered are the statements' ids.
    BOOST_TEST(first.byId(completion.statement).json->getValue<std::string>("id") == completion.statement);
    BOOST_TEST(withdrawnCompletion->getArray("voidingStatements")->getElement<std::string>(0) ==
               first.ofKind("voided").at(0).id);

    // Listed again, and after more recording and a withdrawal, every statement has the same bytes.
    const StatementListing again = listing();
    host.setNow("2026-11-21T08:00:00Z");
    ok("complete", R"({"learner":"u123","activity":"exam-7","verb":"passed"})");
    ok("withdraw", "{\"evidence\":\"" + passed.evidence + "\",\"reason\":\"doppelt erfasst\"}");
    const StatementListing later = listing();
    BOOST_REQUIRE_EQUAL(again.all().size(), first.all().size());
    BOOST_REQUIRE_EQUAL(later.all().size(), first.all().size() + 2);
    for (std::size_t i = 0; i < first.all().size(); ++i)
    {
        BOOST_TEST(again.all()[i].id == first.all()[i].id);
        BOOST_TEST(again.all()[i].body == first.all()[i].body);
        BOOST_TEST(later.all()[i].body == first.all()[i].body);
    }
    // Each statement has its own id.
    std::set<std::string> ids;
    for (const auto& s : later.all()) ids.insert(s.id);
    BOOST_TEST(ids.size() == later.all().size());
}

BOOST_AUTO_TEST_CASE(in_xapi_2_0_0_the_assessor_is_a_context_agent_and_every_statement_says_2_0_0)
{
    Emitted plugin(&kModes[1]);
    const StatementListing listing = plugin.emitted();
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            BOOST_TEST(s.json->getValue<std::string>("version") == "2.0.0");
            BOOST_REQUIRE(s.json->getObject("context"));
            BOOST_TEST(!s.json->getObject("context")->has("instructor"));
            if (s.kind != "demonstration-attested")
            {
                BOOST_TEST(!s.json->getObject("context")->has("contextAgents"));
                continue;
            }
            const Array::Ptr agents = s.json->getObject("context")->getArray("contextAgents");
            BOOST_REQUIRE(agents);
            BOOST_REQUIRE_EQUAL(agents->size(), 1u);
            BOOST_TEST(canonical(agents->getObject(0)) == canonical(R"({"objectType":"contextAgent",
                                     "agent":{"objectType":"Agent","account":{"homePage":"https://lms.example.org","name":"a7"}},
                                     "relevantTypes":[")" + kProfile +
                                                                    R"(agent-types/assessor"]})"));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
