//
// AuditorViewTest.cpp
//
// What an auditor reads (issue 10): the evidence searched by learner, assessor, skill, level,
// state and period, each filter applied in the store's query; one record with its proof
// (evidence.show: its log entries and their hashes, the checkpoint covering them, its
// statements); withdraw naming the levels a learner lost; and responsibility activities named in
// statements by their sentence, shortened, in each language of the definition.
//

#include "PlainText.h"
#include "TestHost.h"

#include "sfe.h"
#include "sfe/service/ShortText.h"
#include "sfe/store/Database.h"
#include "sfe/store/EvidenceLog.h"

#include <Poco/Data/Session.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <set>

using namespace Poco::Data::Keywords;
using sfe::test::TestPlugin;

namespace {

std::string quoted(const std::string& text)
{
    return "\"" + text + "\"";
}

std::string first(const Poco::JSON::Object::Ptr& response, const std::string& key)
{
    return response->getArray(key)->getElement<std::string>(0);
}

/// Characters (code points) of UTF-8 text.
std::size_t characters(const std::string& utf8)
{
    std::size_t n = 0;
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

const std::string kEllipsis = "\xE2\x80\xA6";

/// The checks a shortened name must pass against its sentence: the sentence itself when it has at
/// most 100 characters; else at most 100 characters ending in "…", the text before it a start of
/// the sentence that ends at a word boundary (the sentence goes on with a space there, or with
/// punctuation and a space).
void checkShortName(const std::string& name, const std::string& sentence)
{
    BOOST_TEST_CONTEXT("name '" << name << "' of '" << sentence << "'")
    {
        if (characters(sentence) <= 100)
        {
            BOOST_TEST(name == sentence);
            return;
        }
        BOOST_TEST(characters(name) <= 100u);
        BOOST_TEST(characters(name) >= 60u); // shortened, not cut to a stub
        BOOST_REQUIRE(name.size() > kEllipsis.size());
        BOOST_TEST(name.compare(name.size() - kEllipsis.size(), kEllipsis.size(), kEllipsis) == 0);
        const std::string head = name.substr(0, name.size() - kEllipsis.size());
        BOOST_TEST(sentence.compare(0, head.size(), head) == 0);
        const std::string rest = sentence.substr(head.size());
        BOOST_TEST((rest.find(' ') == 0 || rest.find(", ") == 0 || rest.find("; ") == 0));
        BOOST_TEST(head.back() != ' ');
    }
}

/// CSMG with two activities and five records of two learners (dates in November 2026):
///   0 anna  learning   level 3 (course-101)   11-10 08:00Z   active
///   1 anna  learning   level 2 (course-102)   11-10 08:00Z   active
///   2 anna  CSMG-3.2   by mueller             11-12 09:00Z   verified (by pruefer)
///   3 ben   learning   level 4 (exam-7)       11-15 10:00Z   withdrawn
///   4 ben   CSMG-3.1   by schulz              11-18 12:00Z   active
struct Searchable: TestPlugin
{
    std::vector<std::string> ids;

    Searchable()
    {
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"course-101","name":"Servicedesk-Grundlagen","skill":"CSMG","level":3})");
        ok("map", R"({"activity":"course-102","skill":"CSMG","level":2})");
        ok("map", R"({"activity":"exam-7","type":"assessment","skill":"CSMG","level":4})");
        ids.push_back(first(ok("complete", R"({"learner":"anna","activity":"course-101",
                                              "at":"2026-11-10T09:00:00+01:00"})"),
                            "evidence"));
        ids.push_back(first(ok("complete", R"({"learner":"anna","activity":"course-102",
                                              "at":"2026-11-10T09:00:00+01:00"})"),
                            "evidence"));
        ids.push_back(first(ok("attest", R"({"learner":"anna","assessor":"mueller","responsibility":"CSMG-3.2",
                                            "at":"2026-11-12T09:00:00Z"})"),
                            "evidence"));
        ids.push_back(first(ok("complete", R"({"learner":"ben","activity":"exam-7","verb":"passed",
                                              "at":"2026-11-15T10:00:00Z"})"),
                            "evidence"));
        ids.push_back(first(ok("attest", R"({"learner":"ben","assessor":"schulz","responsibility":"CSMG-3.1",
                                            "at":"2026-11-18T13:00:00+01:00"})"),
                            "evidence"));
        ok("verify", "{\"evidence\":" + quoted(ids[2]) + ",\"auditor\":\"pruefer\"}");
        ok("withdraw", "{\"evidence\":" + quoted(ids[3]) + ",\"reason\":\"wrong learner\"}");
    }

    /// The record numbers (as in the table above) the filters select, in the order returned.
    std::vector<int> search(const std::string& filters)
    {
        auto records = ok("evidence", filters)->getArray("evidence");
        std::vector<int> out;
        for (unsigned i = 0; i < records->size(); ++i)
        {
            const std::string id = records->getObject(i)->getValue<std::string>("id");
            out.push_back(static_cast<int>(std::find(ids.begin(), ids.end(), id) - ids.begin()));
        }
        return out;
    }
};

struct Filter
{
    const char* name;
    const char* request;
    std::vector<int> expected;
};

/// A store with a signing key, checkpoints made only when asked for (audit.checkpoint).
struct Signed: TestPlugin
{
    Signed()
    {
        const std::string keys = Poco::Path(dir(), "keys").toString();
        ok("keys.generate", "{\"dir\":\"" + keys + "\",\"commonName\":\"test auditor\"}");
        runtime.reset();
        host.settings().setString("audit.signing_key", Poco::Path(keys, "signing-key.pem").toString());
        host.settings().setString("audit.signing_cert", Poco::Path(keys, "signing-cert.pem").toString());
        host.settings().setString("audit.checkpoint_every", "1000");
        host.settings().setString("audit.checkpoint_seconds", "86400");
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"exam-7","type":"assessment","skill":"CSMG","level":4})");
    }

    std::string attest(const std::string& learner, const std::string& responsibility)
    {
        return first(ok("attest", "{\"learner\":" + quoted(learner) +
                                      ",\"assessor\":\"mueller\",\"responsibility\":" + quoted(responsibility) + "}"),
                     "evidence");
    }

    Poco::JSON::Object::Ptr show(const std::string& id)
    {
        return ok("evidence.show", "{\"evidence\":" + quoted(id) + "}");
    }

    /// A column of one row, read beside the plugin.
    std::string column(const std::string& sql, const std::string& key)
    {
        auto session = storeSession();
        std::string k = key, value;
        session << this->sql(sql), use(k), into(value), now;
        return value;
    }
};

/// CSMG level 3 for u1 under the default rule: every responsibility demonstrated.
struct Attaining: TestPlugin
{
    const std::vector<std::string> level3 = {"CSMG-3.1", "CSMG-3.2", "CSMG-3.3", "CSMG-3.4", "CSMG-3.5"};

    Attaining()
    {
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"course-101","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
    }

    std::string attest(const std::string& responsibility)
    {
        return first(ok("attest", "{\"learner\":\"anna.schmidt\",\"assessor\":\"mueller\",\"responsibility\":" +
                                      quoted(responsibility) + "}"),
                     "evidence");
    }

    bool attained(int level)
    {
        auto levels = ok("progress", R"({"learner":"anna.schmidt","skill":"CSMG"})")
                          ->getArray("skills")
                          ->getObject(0)
                          ->getArray("levels");
        for (unsigned i = 0; i < levels->size(); ++i)
            if (levels->getObject(i)->getValue<int>("level") == level)
                return levels->getObject(i)->getValue<bool>("attained");
        return false;
    }
};

/// The body of a statement, from the outbox.
Poco::JSON::Object::Ptr statementBody(TestPlugin& plugin, const std::string& statementId)
{
    auto list = plugin.ok("statements")->getArray("statements");
    for (unsigned i = 0; i < list->size(); ++i)
        if (list->getObject(i)->getValue<std::string>("id") == statementId)
            return list->getObject(i)->getObject("statement");
    return nullptr;
}

} // namespace

BOOST_AUTO_TEST_SUITE(auditor_views)

BOOST_FIXTURE_TEST_CASE(each_evidence_filter_and_their_combinations_select_in_the_query, Searchable)
{
    const Filter filters[] = {
        {"no filter", "{}", {0, 1, 2, 3, 4}},
        {"learner", R"({"learner":"anna"})", {0, 1, 2}},
        {"other learner", R"({"learner":"ben"})", {3, 4}},
        {"unknown learner", R"({"learner":"carla"})", {}},
        {"assessor", R"({"assessor":"mueller"})", {2}},
        {"skill", R"({"skill":"CSMG"})", {0, 1, 2, 3, 4}},
        {"other skill", R"({"skill":"PROG"})", {}},
        {"level", R"({"level":3})", {0, 2, 4}},
        {"level 4", R"({"level":4})", {3}},
        {"from a date", R"({"from":"2026-11-12"})", {2, 3, 4}},
        {"to a date", R"({"to":"2026-11-15"})", {0, 1, 2}},
        {"from an instant", R"({"from":"2026-11-12T10:00:00+01:00"})", {2, 3, 4}},
        {"from just after", R"({"from":"2026-11-12T09:00:00.001Z"})", {3, 4}},
        {"to an instant with a zone", R"({"to":"2026-11-18T13:00:00+01:00"})", {0, 1, 2, 3}},
        {"period", R"({"from":"2026-11-11","to":"2026-11-16"})", {2, 3}},
        {"state active", R"({"state":"active"})", {0, 1, 4}},
        {"state verified", R"({"state":"verified"})", {2}},
        {"state withdrawn", R"({"state":"withdrawn"})", {3}},
        {"learner and level", R"({"learner":"anna","level":3})", {0, 2}},
        {"learner and state", R"({"learner":"ben","state":"active"})", {4}},
        {"assessor and period", R"({"assessor":"schulz","from":"2026-11-18","to":"2026-11-19"})", {4}},
        {"assessor outside the period", R"({"assessor":"schulz","to":"2026-11-18"})", {}},
        {"skill, level, state and kind", R"({"skill":"CSMG","level":3,"state":"active","kind":"demonstrated"})", {4}},
        {"everything",
         R"({"learner":"anna","assessor":"mueller","skill":"CSMG","level":3,"state":"verified",
                           "from":"2026-11-12","to":"2026-11-13"})",
         {2}},
    };
    for (const Filter& f : filters) BOOST_TEST_CONTEXT(f.name)
        {
            BOOST_TEST(search(f.request) == f.expected);
        }

    // Each record says its state.
    auto records = ok("evidence")->getArray("evidence");
    std::vector<std::string> states;
    for (unsigned i = 0; i < records->size(); ++i)
        states.push_back(records->getObject(i)->getValue<std::string>("state"));
    BOOST_TEST((states == std::vector<std::string>{"active", "active", "verified", "withdrawn", "active"}));
}

BOOST_FIXTURE_TEST_CASE(a_bad_filter_value_is_refused_naming_the_field, Searchable)
{
    const std::pair<const char*, const char*> bad[] = {
        {R"({"level":9})", "evidence: 'level' must be from 1 to 7"},
        {R"({"state":"open"})", "evidence: 'state' must be active, verified or withdrawn, not 'open'"},
        {R"({"state":3})", "evidence: 'state' must be a string"},
        {R"({"kind":"taught"})", "evidence: 'kind' must be learning or demonstrated, not 'taught'"},
        {R"({"from":"yesterday"})",
         "evidence: 'from' is neither a date (2026-11-19) nor an RFC 3339 date-time with a zone: 'yesterday'"},
        {R"({"to":"2026-11-12T09:00:00"})",
         "evidence: 'to' is neither a date (2026-11-19) nor an RFC 3339 date-time with a zone: '2026-11-12T09:00:00'"},
        {R"({"from":"2026-11-15","to":"2026-11-12"})", "evidence: 'to' must be later than 'from'"},
        {R"({"learner":""})", nullptr},
        {R"({"asessor":"mueller"})", "evidence: unknown field 'asessor'"},
    };
    for (const auto& [request, message] : bad) BOOST_TEST_CONTEXT(request)
        {
            auto r = call("evidence", request);
            BOOST_TEST(r.status == SFE_INVALID);
            if (message) BOOST_TEST(r.message == message);
            else BOOST_TEST(r.message.find("'learner'") != std::string::npos);
        }
}

BOOST_FIXTURE_TEST_CASE(evidence_show_gives_the_record_its_log_entry_hashes_and_statement, Signed)
{
    auto recorded = ok("attest", R"({"learner":"anna","assessor":"mueller","responsibility":"CSMG-3.2",
                                    "note":"Ruhig und freundlich."})");
    const std::string id = first(recorded, "evidence");
    const std::string statementId = first(recorded, "statements");

    auto view = show(id);
    BOOST_TEST(view->getValue<std::string>("lang") == "de");
    auto record = view->getObject("evidence");
    BOOST_TEST(record->getValue<std::string>("id") == id);
    BOOST_TEST(record->getValue<std::string>("learner") == "anna");
    BOOST_TEST(record->getValue<std::string>("state") == "active");
    BOOST_TEST(view->getValue<bool>("checkpointsEnabled"));

    // The log entry: as stored, and checked as audit verify checks it.
    auto log = view->getArray("log");
    BOOST_REQUIRE_EQUAL(log->size(), 1u);
    auto entry = log->getObject(0);
    const std::string seq = std::to_string(entry->getValue<long long>("seq"));
    BOOST_TEST(entry->getValue<std::string>("action") == "record");
    const std::string content = entry->getValue<std::string>("content");
    sfe::test::storeAsPlainText(storeSession(),
                                [this](const std::string& s) { return sql(s); }); // the stored texts, readable by SQL
    BOOST_TEST(content == column("SELECT content FROM evidence_log WHERE evidence_id = ?", id));
    BOOST_TEST(entry->getValue<std::string>("contentSha256") == sfe::store::EvidenceLog::sha256(content));
    BOOST_TEST(entry->getValue<std::string>("contentSha256") ==
               column("SELECT " + hexOf("content_sha256") + " FROM evidence_log WHERE evidence_id = ?", id));
    BOOST_TEST(entry->getValue<std::string>("chainHash") ==
               sfe::store::EvidenceLog::link(entry->getValue<std::string>("prevHash"),
                                             entry->getValue<std::string>("contentSha256")));
    BOOST_TEST(entry->getValue<std::string>("chainHash") ==
               column("SELECT " + hexOf("chain_hash") + " FROM evidence_log WHERE evidence_id = ?", id));
    BOOST_TEST(entry->getValue<bool>("contentIntact"));
    BOOST_TEST(entry->getValue<bool>("linkIntact"));
    BOOST_TEST(entry->getValue<bool>("followsPrevious"));
    BOOST_TEST(entry->getValue<bool>("matchesRecord"));
    BOOST_TEST(entry->isNull("checkpoint")); // none made yet
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));

    // The statement made for it: its body's hash is the one its log entry binds.
    auto statements = view->getArray("statements");
    BOOST_REQUIRE_EQUAL(statements->size(), 1u);
    auto statement = statements->getObject(0);
    BOOST_TEST(statement->getValue<std::string>("id") == statementId);
    BOOST_TEST(statement->getValue<std::string>("kind") == "demonstration-attested");
    BOOST_TEST(statement->getValue<std::string>("state") == "pending");
    const std::string body = column("SELECT body FROM statements WHERE id = ?", statementId);
    BOOST_TEST(statement->getValue<std::string>("bodySha256") == sfe::store::EvidenceLog::sha256(body));
    BOOST_TEST(content.find("\"bodySha256\":\"" + sfe::store::EvidenceLog::sha256(body) + "\"") != std::string::npos);
    BOOST_TEST(statement->getValue<bool>("matchesLog"));
    BOOST_TEST(statement->getObject("statement")->getValue<std::string>("id") == statementId);

    // After audit.checkpoint, the checkpoint that covers it; a later entry is not covered yet.
    auto checkpoint = ok("audit.checkpoint");
    auto covered = show(id)->getArray("log")->getObject(0)->getObject("checkpoint");
    BOOST_REQUIRE(covered);
    BOOST_TEST(covered->getValue<long long>("fromSeq") == 1);
    BOOST_TEST(covered->getValue<long long>("seq") >= entry->getValue<long long>("seq"));
    BOOST_TEST(std::to_string(covered->getValue<long long>("seq")) ==
               column("SELECT CAST(seq AS VARCHAR(20)) FROM checkpoints WHERE chain_hash = ?",
                      covered->getValue<std::string>("chainHash")));
    BOOST_TEST(covered->getValue<std::string>("jws") ==
               column("SELECT jws FROM checkpoints WHERE chain_hash = ?", covered->getValue<std::string>("chainHash")));
    const std::string later = attest("ben", "CSMG-3.1");
    BOOST_TEST(show(later)->getArray("log")->getObject(0)->isNull("checkpoint"));
    ok("audit.checkpoint");
    auto second = show(later)->getArray("log")->getObject(0)->getObject("checkpoint");
    BOOST_REQUIRE(second);
    BOOST_TEST(second->getValue<long long>("fromSeq") == covered->getValue<long long>("seq") + 1);

    // Withdrawn: a second entry, and the voiding statement with it.
    ok("withdraw", "{\"evidence\":" + quoted(id) + ",\"reason\":\"falsch zugeordnet\"}");
    auto withdrawn = show(id);
    BOOST_TEST(withdrawn->getObject("evidence")->getValue<std::string>("state") == "withdrawn");
    BOOST_REQUIRE_EQUAL(withdrawn->getArray("log")->size(), 2u);
    BOOST_TEST(withdrawn->getArray("log")->getObject(1)->getValue<std::string>("action") == "withdraw");
    BOOST_TEST(withdrawn->getArray("log")->getObject(1)->isNull("matchesRecord"));
    BOOST_REQUIRE_EQUAL(withdrawn->getArray("statements")->size(), 2u);
    BOOST_TEST(withdrawn->getArray("statements")->getObject(1)->getValue<std::string>("kind") == "voided");
    BOOST_TEST(withdrawn->getArray("statements")->getObject(1)->getValue<std::string>("voids") == statementId);
    (void)seq;
    (void)checkpoint;
}

BOOST_FIXTURE_TEST_CASE(evidence_show_marks_an_edited_log_entry_and_statement, Signed)
{
    auto recorded = ok("attest", R"({"learner":"anna","assessor":"mueller","responsibility":"CSMG-3.2"})");
    const std::string id = first(recorded, "evidence");
    const std::string statementId = first(recorded, "statements");
    {
        sfe::test::storeAsPlainText(storeSession(), [this](const std::string& s) { return sql(s); });
        auto session = storeSession();
        std::string key = id;
        session << sql("UPDATE evidence_log SET content = REPLACE(content, 'demonstrated', 'partial')"
                       " WHERE evidence_id = ?"),
            use(key), now;
        std::string sid = statementId;
        session << sql("UPDATE statements SET body = REPLACE(body, '\"success\":true', '\"success\":false')"
                       " WHERE id = ?"),
            use(sid), now;
    }
    auto view = show(id);
    auto entry = view->getArray("log")->getObject(0);
    BOOST_TEST(!entry->getValue<bool>("contentIntact"));
    BOOST_TEST(!entry->getValue<bool>("matchesRecord"));
    BOOST_TEST(entry->getValue<bool>("linkIntact")); // the stored hashes themselves still link
    auto statement = view->getArray("statements")->getObject(0);
    BOOST_TEST(!statement->getValue<bool>("matchesLog"));
    BOOST_TEST(!statement->getValue<std::string>("mismatch").empty());
    BOOST_TEST(!ok("audit.verify")->getValue<bool>("ok"));
}

BOOST_FIXTURE_TEST_CASE(evidence_show_of_an_unknown_id_is_not_found_naming_it, Signed)
{
    auto r = call("evidence.show", R"({"evidence":"4f1c0000-0000-4000-8000-000000000000"})");
    BOOST_TEST(r.status == SFE_NOTFOUND);
    BOOST_TEST(r.message == "evidence.show: no evidence with id '4f1c0000-0000-4000-8000-000000000000'");
    BOOST_TEST(call("evidence.show", "{}").status == SFE_INVALID);
}

BOOST_FIXTURE_TEST_CASE(withdraw_says_which_levels_the_learner_no_longer_attains, Attaining)
{
    std::vector<std::string> evidence;
    for (const auto& id : level3) evidence.push_back(attest(id));
    const std::string extra = attest("CSMG-3.1"); // a second demonstration of 3.1
    BOOST_REQUIRE(attained(3));

    // Withdrawing the second demonstration of 3.1 leaves the level attained.
    auto kept = ok("withdraw", "{\"evidence\":" + quoted(extra) + ",\"reason\":\"doppelt\"}");
    BOOST_TEST(kept->getArray("levelsLost")->size() == 0u);
    BOOST_TEST(kept->getValue<std::string>("learner") == "anna.schmidt");
    BOOST_TEST(attained(3));

    // Withdrawing the only demonstration of 3.4 loses it.
    auto lost = ok("withdraw", "{\"evidence\":" + quoted(evidence[3]) + ",\"reason\":\"Bewertung irrtümlich\"}");
    BOOST_REQUIRE_EQUAL(lost->getArray("levelsLost")->size(), 1u);
    BOOST_TEST(lost->getArray("levelsLost")->getElement<int>(0) == 3);
    BOOST_TEST(lost->getValue<std::string>("learner") == "anna.schmidt");
    BOOST_TEST(lost->getValue<std::string>("skill") == "CSMG");
    BOOST_TEST(!attained(3));
    // The record's statement is voided, and so is the level's "achieved" statement.
    BOOST_TEST(lost->getArray("voidingStatements")->size() == 1u);
    auto outbox = ok("statements", R"({"learner":"anna.schmidt"})")->getArray("statements");
    std::set<std::string> achieved, voided;
    for (unsigned i = 0; i < outbox->size(); ++i)
    {
        auto s = outbox->getObject(i);
        if (s->getValue<std::string>("kind") == "level-achieved") achieved.insert(s->getValue<std::string>("id"));
        if (s->getValue<std::string>("kind") == "voided") voided.insert(s->getValue<std::string>("voids"));
    }
    BOOST_REQUIRE_EQUAL(achieved.size(), 1u);
    BOOST_TEST(voided.count(*achieved.begin()) == 1u);

    // A learning record withdrawn never attained anything here.
    const std::string learning =
        first(ok("complete", R"({"learner":"anna.schmidt","activity":"course-101"})"), "evidence");
    BOOST_TEST(
        ok("withdraw", "{\"evidence\":" + quoted(learning) + ",\"reason\":\"x\"}")->getArray("levelsLost")->size() ==
        0u);
}

BOOST_FIXTURE_TEST_CASE(a_responsibility_activity_is_named_by_its_shortened_sentence, Attaining)
{
    auto definition = ok("show", R"({"code":"CSMG","level":3})");
    std::map<std::string, std::string> sentences;
    auto levels = definition->getArray("levels");
    for (unsigned i = 0; i < levels->size(); ++i)
    {
        auto responsibilities = levels->getObject(i)->getArray("responsibilities");
        for (unsigned j = 0; responsibilities && j < responsibilities->size(); ++j)
            sentences[responsibilities->getObject(j)->getValue<std::string>("id")] =
                responsibilities->getObject(j)->getValue<std::string>("text");
    }
    BOOST_REQUIRE(characters(sentences.at("CSMG-3.2")) > 100);
    BOOST_REQUIRE(characters(sentences.at("CSMG-3.1")) <= 100);
    for (const char* id : {"CSMG-3.2", "CSMG-3.1", "CSMG-3.4"})
    {
        // The attestation was valid xAPI (the plugin validates each statement before it is stored).
        auto r = ok("attest",
                    "{\"learner\":\"julia.becker\",\"assessor\":\"mueller\",\"responsibility\":" + quoted(id) + "}");
        auto object = statementBody(*this, first(r, "statements"))->getObject("object")->getObject("definition");
        const std::string name = object->getObject("name")->getValue<std::string>("de-DE");
        BOOST_TEST(name != id);
        checkShortName(name, sentences.at(id));
        BOOST_TEST(object->getObject("description")->getValue<std::string>("de-DE") == sentences.at(id));
    }
    // In a learning statement's context, a mapped responsibility is named the same way.
    auto learning = statementBody(
        *this, first(ok("complete", R"({"learner":"julia.becker","activity":"course-101"})"), "statements"));
    auto parents = learning->getObject("context")->getObject("contextActivities")->getArray("parent");
    bool named = false;
    for (unsigned i = 0; i < parents->size(); ++i)
        if (parents->getObject(i)->getValue<std::string>("id").find("/responsibilities/CSMG-3.1") != std::string::npos)
        {
            checkShortName(
                parents->getObject(i)->getObject("definition")->getObject("name")->getValue<std::string>("de-DE"),
                sentences.at("CSMG-3.1"));
            named = true;
        }
    BOOST_TEST(named);
}

BOOST_FIXTURE_TEST_CASE(a_responsibility_activity_is_named_in_every_language_of_the_definition, TestPlugin)
{
    // The two-language test definition, with a responsibility long enough to be shortened.
    std::string xml;
    {
        Poco::FileInputStream in(std::string(SFE_SOURCE_DIR) + "/tests/data/definition/good/two-languages.xml");
        Poco::StreamCopier::copyToString(in, xml);
    }
    const std::string de = "Prüft Dinge gründlich, dokumentiert jede Abweichung nachvollziehbar und bespricht die "
                           "Ergebnisse mit den Verantwortlichen des Teams.";
    const std::string en = "Tests things thoroughly, records every deviation so that others can follow it, and "
                           "discusses the results with the people responsible in the team.";
    const std::string from =
        "<text xml:lang=\"de-DE\">Prüft Dinge.</text><text xml:lang=\"en-GB\">Tests things.</text>";
    BOOST_REQUIRE(xml.find(from) != std::string::npos);
    xml.replace(xml.find(from), from.size(),
                "<text xml:lang=\"de-DE\">" + de + "</text><text xml:lang=\"en-GB\">" + en + "</text>");
    const std::string path = Poco::Path(dir(), "two-languages.xml").toString();
    std::ofstream(path) << xml;
    ok("import", "{\"path\":" + quoted(path) + "}");

    auto r = ok("attest", R"({"learner":"julia.becker","assessor":"mueller","responsibility":"TEST-3.1"})");
    auto name =
        statementBody(*this, first(r, "statements"))->getObject("object")->getObject("definition")->getObject("name");
    BOOST_REQUIRE(name);
    BOOST_TEST(name->size() == 2u);
    checkShortName(name->getValue<std::string>("de-DE"), de);
    checkShortName(name->getValue<std::string>("en-GB"), en);

    // A sentence the definition has in German only is named in German only.
    auto german = ok("attest", R"({"learner":"julia.becker","assessor":"mueller","responsibility":"TEST-3.2"})");
    auto germanName = statementBody(*this, first(german, "statements"))
                          ->getObject("object")
                          ->getObject("definition")
                          ->getObject("name");
    BOOST_TEST(germanName->size() == 1u);
    BOOST_TEST(germanName->getValue<std::string>("de-DE") == "Berichtet über Prüfungen.");
}

BOOST_AUTO_TEST_CASE(short_text_counts_characters_and_cuts_at_a_word_boundary)
{
    using sfe::service::ShortText;
    // 100 characters, 150 bytes (each "ä" is two): unchanged.
    std::string hundred;
    for (int i = 0; i < 50; ++i) hundred += "\xC3\xA4 ";
    hundred.pop_back();
    hundred += "\xC3\xA4";
    BOOST_REQUIRE_EQUAL(characters(hundred), 100u);
    BOOST_TEST(ShortText::of(hundred) == hundred);
    // One more word: cut at the last space before the 100th character (before its last word, "ää"),
    // with the ellipsis.
    BOOST_TEST(ShortText::of(hundred + " b") == hundred.substr(0, hundred.size() - 5) + kEllipsis);
    BOOST_TEST(characters(ShortText::of(hundred + " b")) <= 100u);
    // Punctuation before the cut goes; the sentence's words stay whole.
    BOOST_TEST(ShortText::of("Plant, steuert und berichtet.", 20) == "Plant, steuert und" + kEllipsis);
    BOOST_TEST(ShortText::of("Plant, steuert und berichtet.", 10) == "Plant" + kEllipsis);
    // A first word longer than the limit is cut inside it.
    BOOST_TEST(ShortText::of(std::string(150, 'x')) == std::string(99, 'x') + kEllipsis);
    BOOST_TEST(ShortText::of("") == "");
}

BOOST_AUTO_TEST_SUITE_END()
