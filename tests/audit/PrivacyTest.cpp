//
// PrivacyTest.cpp
//
// Export everything held about a person; erase them; the audit still verifies and nothing of
// theirs is left in the store file.
//

#include "TestHost.h"

#include "sfe/store/Database.h"

#include "sfe.h"

#include <Poco/Data/Session.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <vector>

using namespace Poco::Data::Keywords;

using sfe::test::TestPlugin;

namespace {

struct People: TestPlugin
{
    People()
    {
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"c1","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
        ok("complete", R"({"learner":"jane.doe","activity":"c1","score":0.9})");
        ok("attest", R"({"learner":"jane.doe","assessor":"max.mustermann","responsibility":"CSMG-3.2",
                         "note":"Jane erklärte den Ablauf sehr klar."})");
        ok("attest", R"({"learner":"erika","assessor":"jane.doe","responsibility":"CSMG-1.1","note":"ok"})");
        const std::string erikas = ok("attest", R"({"learner":"erika","assessor":"max.mustermann",
                                                    "responsibility":"CSMG-1.2"})")
                                       ->getArray("evidence")
                                       ->getElement<std::string>(0);
        // Free texts about Jane written by others, and one she wrote as auditor.
        const std::string withdrawn = ok("attest", R"({"learner":"jane.doe","assessor":"max.mustermann",
                                                       "responsibility":"CSMG-3.3"})")
                                          ->getArray("evidence")
                                          ->getElement<std::string>(0);
        ok("withdraw", "{\"evidence\":\"" + withdrawn + "\",\"reason\":\"Jane zog die Aufgabe zurück\"}");
        const std::string attested = ok("evidence", R"({"learner":"jane.doe","kind":"demonstrated"})")
                                         ->getArray("evidence")
                                         ->getObject(0)
                                         ->getValue<std::string>("id");
        ok("verify", "{\"evidence\":\"" + attested + "\",\"auditor\":\"aud1\",\"note\":\"Janes Nachweis geprüft\"}");
        ok("verify", "{\"evidence\":\"" + erikas + "\",\"auditor\":\"jane.doe\",\"note\":\"von Jane geprüft\"}");
    }

    /// Everything the store holds, read while the plugin keeps it open (as an LMS does): on SQLite
    /// the file's bytes and its -wal's, where erased pages could linger; on PostgreSQL every row of
    /// every table as text.
    std::string storeBytes()
    {
        std::string s;
        if (onPostgreSQL())
        {
            Poco::Data::Session session = storeSession();
            std::vector<std::string> tables;
            session << "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                       " AND table_type = 'BASE TABLE'",
                into(tables), now;
            for (const auto& table : tables)
            {
                std::vector<std::string> rows;
                session << "SELECT CAST(t AS TEXT) FROM \"" + table + "\" t", into(rows), now;
                for (const auto& row : rows) s += row + "\n";
            }
            return s;
        }
        for (const std::string& file : {dbPath(), dbPath() + "-wal"})
        {
            if (!Poco::File(file).exists()) continue;
            Poco::FileInputStream in(file);
            std::string bytes;
            Poco::StreamCopier::copyToString(in, bytes);
            s += bytes;
        }
        return s;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(privacy)

BOOST_FIXTURE_TEST_CASE(export_holds_everything_about_a_person, People)
{
    auto e = ok("privacy.export", R"({"person":"jane.doe"})");
    BOOST_TEST(e->getValue<std::string>("ref").size() == 64u);
    BOOST_TEST(e->getArray("evidence")->size() == 3u);   // one completion, two attestations (one withdrawn)
    BOOST_TEST(e->getArray("attested")->size() == 1u);   // she attested erika
    BOOST_TEST(e->getArray("statements")->size() == 4u); // and the withdrawn one's voiding statement
    auto unknown = call("privacy.export", R"({"person":"nobody"})");
    BOOST_TEST(unknown.status == SFE_NOTFOUND);
}

BOOST_FIXTURE_TEST_CASE(erasure_pseudonymises_and_the_audit_still_verifies, People)
{
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));
    auto r = ok("privacy.erase", R"({"person":"jane.doe"})");
    const std::string pseudonym = r->getValue<std::string>("pseudonym");
    BOOST_TEST(pseudonym.rfind("erased-", 0) == 0u);
    BOOST_TEST(r->getValue<int>("evidence") == 3);
    BOOST_TEST(r->getValue<int>("attested") == 1);
    BOOST_TEST(r->getValue<bool>("writeAheadLogCleared"));

    auto audit = ok("audit.verify");
    BOOST_TEST(
        audit->getValue<bool>("ok"),
        (audit->isNull("firstProblem") ? "" : audit->getObject("firstProblem")->getValue<std::string>("message")));
    auto withdrawn = ok("evidence", "{\"learner\":\"" + pseudonym + "\"}")->getArray("evidence");
    BOOST_TEST(withdrawn->size() == 3u);
    for (std::size_t i = 0; i < withdrawn->size(); ++i) BOOST_TEST(withdrawn->getObject(i)->isNull("withdrawnReason"));
    BOOST_TEST(call("privacy.export", R"({"person":"jane.doe"})").status == SFE_NOTFOUND);

    // Others' evidence is untouched.
    BOOST_TEST(ok("evidence", R"({"learner":"erika"})")->getArray("evidence")->size() == 2u);

    const std::string bytes = storeBytes();
    BOOST_TEST(bytes.find("jane.doe") == std::string::npos);
    for (const char* text : {"Jane erklärte", "Jane zog die Aufgabe", "Janes Nachweis geprüft", "von Jane geprüft"})
        BOOST_TEST(bytes.find(text) == std::string::npos, text);
    BOOST_TEST(bytes.find("max.mustermann") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(erasure_names_the_statements_the_lrs_still_holds, People)
{
    // Jane's completion reached the LRS; her attestation is still pending.
    auto completed = ok("statements", R"({"learner":"jane.doe"})")->getArray("statements");
    std::string delivered;
    for (std::size_t i = 0; i < completed->size(); ++i)
        if (completed->getObject(i)->getValue<std::string>("kind") == "learning-completed")
            delivered = completed->getObject(i)->getValue<std::string>("id");
    BOOST_REQUIRE(!delivered.empty());
    {
        Poco::Data::Session session = storeSession();
        session << sql(
            "UPDATE statements SET state = 'delivered', delivered_at = '2026-01-01T00:00:00.000Z' WHERE id = ?"),
            use(delivered), now;
    }
    auto r = ok("privacy.erase", R"({"person":"jane.doe"})");
    auto held = r->getObject("heldByLrs");
    BOOST_REQUIRE(held);
    BOOST_TEST(held->getValue<int>("count") == 1);
    BOOST_TEST(held->getArray("statements")->size() == 1u);
    BOOST_TEST(held->getArray("statements")->getElement<std::string>(0) == delivered);
    BOOST_TEST(held->isNull("url")); // no lrs.url configured here
}

BOOST_FIXTURE_TEST_CASE(the_store_zeroes_what_it_deletes, People)
{
    // Whatever SQLite's build default, freed space is overwritten, so an erased value does not
    // stay readable in the file's free pages (nor come back into the -wal with them).
    if (onPostgreSQL()) return;
    sfe::store::Database::Options options;
    options.target = dbPath();
    sfe::store::Database db(options);
    int secureDelete = 0;
    db.session() << "PRAGMA secure_delete", into(secureDelete), now;
    BOOST_TEST(secureDelete == 1);
}

BOOST_AUTO_TEST_SUITE_END()
