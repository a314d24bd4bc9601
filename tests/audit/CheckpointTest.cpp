//
// CheckpointTest.cpp
//
// Signed checkpoints: made every N entries with the configured key, verified by audit.verify, and
// what catches an attacker who rewrites the whole chain after changing a record.
//

#include "TestHost.h"

#include "sfe/service/LogContent.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/HashColumn.h"
#include "sfe/store/EvidenceRepository.h"

#include <Poco/Data/Session.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <boost/test/unit_test.hpp>

using namespace Poco::Data::Keywords;
using sfe::test::TestPlugin;

namespace {

struct Signed: TestPlugin
{
    std::vector<std::string> evidence;

    Signed()
    {
        // Make a key pair through the plugin itself, then restart configured with it.
        const std::string keys = Poco::Path(dir(), "keys").toString();
        ok("keys.generate", "{\"dir\":\"" + keys + "\",\"commonName\":\"test auditor\"}");
        runtime.reset();
        host.settings().setString("audit.signing_key", Poco::Path(keys, "signing-key.pem").toString());
        host.settings().setString("audit.signing_cert", Poco::Path(keys, "signing-cert.pem").toString());
        host.settings().setString("audit.checkpoint_every", "3");
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        for (int i = 0; i < 7; ++i)
        {
            auto r = ok("attest", "{\"learner\":\"u" + std::to_string(i) +
                                      "\",\"assessor\":\"a1\",\"responsibility\":\"CSMG-2.1\"}");
            evidence.push_back(r->getArray("evidence")->getElement<std::string>(0));
        }
    }

    /// What an attacker with the file and this project's source could do: change a record and
    /// recompute every log entry from it onward, so the chain itself is consistent again.
    void rewriteChainAfterChanging(const std::string& evidenceId)
    {
        auto& db = runtime->database();
        auto& s = db.session();
        std::string id = evidenceId;
        s << db.sql("UPDATE evidence SET outcome = 'not-demonstrated' WHERE id = ?"), use(id), now;
        sfe::store::EvidenceLog log(db);
        sfe::store::EvidenceRepository repo(db);
        std::string prev = sfe::store::EvidenceLog::kGenesis;
        for (auto& e : log.entries(0, 1000))
        {
            // The rewritten entry keeps the statements it bound: only the record is forged.
            std::string content = sfe::service::LogContent::record(*repo.find(e.evidenceId),
                                                                   sfe::service::StatementBinding::read(e.content));
            std::string contentHash = sfe::store::EvidenceLog::sha256(content);
            std::string chain = sfe::store::EvidenceLog::link(prev, contentHash);
            Poco::Int64 seq = e.seq;
            Poco::Data::BLOB hashBytes = sfe::store::HashColumn::bytes(contentHash),
                             chainBytes = sfe::store::HashColumn::bytes(chain);
            s << db.sql("UPDATE evidence_log SET content = ?, content_z = NULL, content_sha256 = ?, chain_hash = ?"
                        " WHERE seq = ?"),
                use(content), use(hashBytes), use(chainBytes), use(seq), now;
            prev = chain;
        }
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(checkpoints)

BOOST_FIXTURE_TEST_CASE(checkpoints_are_signed_every_n_entries_and_verify, Signed)
{
    auto r = ok("audit.verify");
    BOOST_TEST(r->getValue<bool>("ok"));
    BOOST_TEST(r->getValue<int>("entries") == 7);
    BOOST_TEST(r->getValue<int>("checkpoints") == 2); // at entries 3 and 6
    BOOST_TEST(r->getValue<int>("checkpointsVerified") == 2);

    auto forced = ok("audit.checkpoint");
    BOOST_TEST(forced->getValue<int>("seq") == 7);
    BOOST_TEST(ok("audit.verify")->getValue<int>("checkpointsVerified") == 3);
}

BOOST_FIXTURE_TEST_CASE(a_rewritten_chain_is_caught_by_the_signed_checkpoint, Signed)
{
    rewriteChainAfterChanging(evidence[1]);
    auto r = ok("audit.verify");
    BOOST_TEST(!r->getValue<bool>("ok"));
    const std::string m = r->getObject("firstProblem")->getValue<std::string>("message");
    BOOST_TEST(m == "checkpoint at entry 3: the log's chain hash differs from the signed one (the log was rewritten)");
}

BOOST_FIXTURE_TEST_CASE(a_checkpoint_moved_to_the_rewritten_chain_fails_its_signature, Signed)
{
    rewriteChainAfterChanging(evidence[1]);
    auto& s = runtime->database().session();
    s << "UPDATE checkpoints SET chain_hash = (SELECT " + hexOf("chain_hash") +
             " FROM evidence_log WHERE seq = checkpoints.seq)",
        now;
    auto r = ok("audit.verify");
    BOOST_TEST(!r->getValue<bool>("ok"));
    const std::string m = r->getObject("firstProblem")->getValue<std::string>("message");
    BOOST_TEST(m == "checkpoint at entry 3: signature does not verify: the signed seq or chain hash differs from the "
                    "stored one");
}

BOOST_FIXTURE_TEST_CASE(a_key_that_does_not_match_its_certificate_is_refused, TestPlugin)
{
    const std::string a = Poco::Path(dir(), "a").toString(), b = Poco::Path(dir(), "b").toString();
    ok("keys.generate", "{\"dir\":\"" + a + "\"}");
    ok("keys.generate", "{\"dir\":\"" + b + "\"}");
    runtime.reset();
    host.settings().setString("audit.signing_key", Poco::Path(a, "signing-key.pem").toString());
    host.settings().setString("audit.signing_cert", Poco::Path(b, "signing-cert.pem").toString());
    BOOST_CHECK_EXCEPTION(start(), sfe::runtime::Error, [&](const sfe::runtime::Error& e) {
        return e.message() == "audit.signing_cert: " + Poco::Path(b, "signing-cert.pem").toString() +
                                  " does not belong to the key " + Poco::Path(a, "signing-key.pem").toString();
    });
}

// `audit verify --from SEQ` (issue 12): audit.verify with "checkpoint" checks the entries after a
// signed checkpoint that verifies and matches the log, and what was added with them.

BOOST_FIXTURE_TEST_CASE(from_a_checkpoint_only_the_later_entries_are_checked, Signed)
{
    auto r = ok("audit.verify", R"({"checkpoint":3})");
    BOOST_TEST(r->getValue<bool>("ok"));
    BOOST_TEST(r->getValue<int>("from") == 4);
    BOOST_TEST(r->getValue<int>("entries") == 4);             // 4..7
    BOOST_TEST(r->getValue<int>("checkpointsVerified") == 1); // the one at 6
    BOOST_TEST(r->getValue<int>("evidenceRecords") == 4);     // recorded after the checkpoint
    // The same verdict as a full run.
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));
}

BOOST_FIXTURE_TEST_CASE(from_a_checkpoint_tampering_after_it_is_found, Signed)
{
    auto& db = runtime->database();
    std::string id = evidence[4]; // entry 5
    db.session() << db.sql("UPDATE evidence SET outcome = 'not-demonstrated' WHERE id = ?"), use(id), now;
    for (const char* request :
         {R"({"checkpoint":3})", R"({"checkpoint":3,"to":5})", R"({"checkpoint":3,"from":5,"to":5})"})
    {
        auto r = ok("audit.verify", request);
        BOOST_TEST(!r->getValue<bool>("ok"), request);
        BOOST_TEST(r->getObject("firstProblem")->getValue<std::string>("message") ==
                       "entry 5 (record " + id + "): evidence record " + id + " differs from what was logged",
                   request);
    }
    // The same verdict as a full run, which names the same first problem.
    auto full = ok("audit.verify");
    BOOST_TEST(!full->getValue<bool>("ok"));
    BOOST_TEST(full->getObject("firstProblem")->getValue<std::string>("message") ==
               "entry 5 (record " + id + "): evidence record " + id + " differs from what was logged");
}

BOOST_FIXTURE_TEST_CASE(from_a_seq_that_does_not_follow_a_checkpoint_is_refused, Signed)
{
    auto r = call("audit.verify", R"({"checkpoint":4})");
    BOOST_TEST(!r.ok());
    BOOST_TEST(r.message == "audit.verify: from: 5 does not follow a checkpoint: there is no checkpoint at entry 4 "
                            "(start right after one: `audit export` lists them)",
               r.message);
    r = call("audit.verify", R"({"checkpoint":3,"from":3})");
    BOOST_TEST(!r.ok());
    BOOST_TEST(r.message.find("from: 3 is not after the checkpoint at entry 3") != std::string::npos, r.message);
}

BOOST_FIXTURE_TEST_CASE(from_a_checkpoint_the_chain_no_longer_holds_is_refused, Signed)
{
    rewriteChainAfterChanging(evidence[1]);
    auto r = call("audit.verify", R"({"checkpoint":3})");
    BOOST_TEST(!r.ok());
    BOOST_TEST(r.message.find("from: 4 follows the checkpoint at entry 3, but the log's chain hash there is not the "
                              "signed one") != std::string::npos,
               r.message);
}

BOOST_AUTO_TEST_SUITE_END()
