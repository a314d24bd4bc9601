//
// PrivacyTest.cpp
//
// Export everything held about a person; erase them; the audit still verifies and nothing of
// theirs is left in the store file.
//

#include "TestHost.h"

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

struct People : TestPlugin
{
    People()
    {
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"c1","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
        ok("complete", R"({"learner":"jane.doe","activity":"c1","score":0.9})");
        ok("attest", R"({"learner":"jane.doe","assessor":"max.mustermann","responsibility":"CSMG-3.2",
                         "note":"Jane erklärte den Ablauf sehr klar."})");
        ok("attest", R"({"learner":"erika","assessor":"jane.doe","responsibility":"CSMG-1.1","note":"ok"})");
        ok("attest", R"({"learner":"erika","assessor":"max.mustermann","responsibility":"CSMG-1.2"})");
    }

    /// Every byte of the store (WAL checkpointed first by stopping the plugin).
    /// Everything the store holds: on SQLite the file's bytes (with its -wal, where erased pages
    /// could linger), on PostgreSQL every row of every table as text.
    std::string storeBytes()
    {
        runtime.reset();
        std::string s;
        if (onPostgreSQL())
        {
            Poco::Data::Session session = storeSession();
            std::vector<std::string> tables;
            session << "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                       " AND table_type = 'BASE TABLE'", into(tables), now;
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
    BOOST_TEST(e->getArray("evidence")->size() == 2u);       // one completion, one attestation
    BOOST_TEST(e->getArray("attested")->size() == 1u);       // she attested erika
    BOOST_TEST(e->getArray("statements")->size() == 2u);
    auto unknown = call("privacy.export", R"({"person":"nobody"})");
    BOOST_TEST(unknown.status == SFE_NOTFOUND);
}

BOOST_FIXTURE_TEST_CASE(erasure_pseudonymises_and_the_audit_still_verifies, People)
{
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));
    auto r = ok("privacy.erase", R"({"person":"jane.doe"})");
    const std::string pseudonym = r->getValue<std::string>("pseudonym");
    BOOST_TEST(pseudonym.rfind("erased-", 0) == 0u);
    BOOST_TEST(r->getValue<int>("evidence") == 2);
    BOOST_TEST(r->getValue<int>("attested") == 1);

    auto audit = ok("audit.verify");
    BOOST_TEST(audit->getValue<bool>("ok"), (audit->isNull("firstProblem") ? "" :
                                             audit->getObject("firstProblem")->getValue<std::string>("message")));
    BOOST_TEST(ok("evidence", "{\"learner\":\"" + pseudonym + "\"}")->getArray("evidence")->size() == 2u);
    BOOST_TEST(call("privacy.export", R"({"person":"jane.doe"})").status == SFE_NOTFOUND);

    // Others' evidence is untouched.
    BOOST_TEST(ok("evidence", R"({"learner":"erika"})")->getArray("evidence")->size() == 2u);

    const std::string bytes = storeBytes();
    BOOST_TEST(bytes.find("jane.doe") == std::string::npos);
    BOOST_TEST(bytes.find("Jane erklärte") == std::string::npos);
    BOOST_TEST(bytes.find("max.mustermann") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
