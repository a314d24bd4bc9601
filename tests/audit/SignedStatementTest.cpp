//
// SignedStatementTest.cpp
//
// Signed statements (xapi.sign): each JWS verifies with openssl against the certificate and its
// payload is the statement without its signature attachment; the real Learning Locker, given the
// certificate in x5c, verifies them itself when they arrive as multipart/mixed, and refuses one
// whose signature does not match; an erasure re-signs what it rewrote.
//

#include "PlainText.h"
#include "TestHost.h"
#include "TestLrs.h"

#include "sfe/service/StatementBinding.h"
#include "sfe/service/StatementSigner.h"
#include "sfe/store/Database.h"
#include "sfe/xapi/Jws.h"

#include <Poco/Data/Session.h>
#include <Poco/FileStream.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace Poco::Data::Keywords;
using sfe::test::TestPlugin;

namespace {

struct SignedPlugin: TestPlugin
{
    std::string keys;

    SignedPlugin()
    {
        keys = Poco::Path(dir(), "keys").toString();
        ok("keys.generate", "{\"dir\":\"" + keys + "\",\"commonName\":\"sfia-evidence test\"}");
        runtime.reset();
        host.settings().setString("audit.signing_key", Poco::Path(keys, "signing-key.pem").toString());
        host.settings().setString("audit.signing_cert", Poco::Path(keys, "signing-cert.pem").toString());
        host.settings().setString("xapi.sign", "true");
        host.settings().setString("lrs.url", sfe::test::testLrsBaseUrl());
        host.settings().setString("lrs.user", "test");
        host.settings().setString("lrs.password", "test");
        host.settings().setString("lrs.background", "false");
        ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
        ok("map", R"({"activity":"c1","skill":"CSMG","level":3,"responsibilities":["CSMG-3.1"]})");
        ok("complete", R"({"learner":"signed.learner","activity":"c1","score":0.8})");
        auto a = ok("attest", R"({"learner":"signed.learner","assessor":"a1","responsibility":"CSMG-3.2",
                                  "note":"Gezeichnet."})");
        ok("withdraw",
           "{\"evidence\":\"" + a->getArray("evidence")->getElement<std::string>(0) + "\",\"reason\":\"x\"}");
    }

    /// (id, body, jws) of every statement, from the store.
    std::vector<std::tuple<std::string, std::string, std::string>> stored()
    {
        std::vector<std::string> ids, bodies, jws;
        sfe::test::storeAsPlainText(storeSession(), [this](const std::string& s) { return sql(s); }); // read by SQL
        runtime->database().session() << "SELECT id, body, COALESCE(signature, '') FROM statements ORDER BY seq",
            into(ids), into(bodies), into(jws), now;
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        for (std::size_t i = 0; i < ids.size(); ++i) out.emplace_back(ids[i], bodies[i], jws[i]);
        return out;
    }

    /// Verifies a JWS with the openssl command line, as an auditor would, against the certificate.
    bool opensslVerifies(const std::string& jws)
    {
        const std::string signingInput = jws.substr(0, jws.rfind('.'));
        const std::string signature = *sfe::xapi::Jws::fromBase64Url(jws.substr(jws.rfind('.') + 1));
        const std::string inputFile = Poco::Path(dir(), "input").toString();
        const std::string sigFile = Poco::Path(dir(), "sig").toString();
        {
            Poco::FileOutputStream f(inputFile, std::ios::binary | std::ios::trunc);
            f << signingInput;
        }
        {
            Poco::FileOutputStream f(sigFile, std::ios::binary | std::ios::trunc);
            f << signature;
        }
        const std::string script =
            "openssl x509 -in '" + Poco::Path(keys, "signing-cert.pem").toString() +
            "' -noout -pubkey > pub.pem && openssl dgst -sha256 -verify pub.pem -signature sig input";
        Poco::Pipe out;
        auto ph = Poco::Process::launch("/bin/bash", {"-c", script}, dir(), nullptr, &out, &out);
        Poco::PipeInputStream in(out);
        std::string text;
        Poco::StreamCopier::copyToString(in, text);
        return ph.wait() == 0 && text.find("Verified OK") != std::string::npos;
    }

    int getStatement(const std::string& id)
    {
        Poco::URI uri(sfe::test::testLrsBaseUrl() + "/statements");
        uri.addQueryParameter("statementId", id);
        Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, uri.getPathAndQuery(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("X-Experience-API-Version", "1.0.3");
        Poco::Net::HTTPBasicCredentials("test", "test").authenticate(request);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::string body;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        return response.getStatus();
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(signed_statements)

BOOST_AUTO_TEST_CASE(blinding_empties_every_string_name_mbox_and_response_and_nothing_else)
{
    // What erasure may change in a statement: the values of "name", "mbox" and "response" strings,
    // in the order they come, escaped quotes included; a language map called "name" stays.
    const std::string body = R"({"actor":{"name":"Anna \"A\" S","mbox":"mailto:a@x"},"object":{"definition":)"
                             R"({"name":{"de-DE":"Kurs"}}},"result":{"response":"ok"},"context":{"instructor":)"
                             R"({"name":"B","mbox":"mailto:b@x"}},"x":"name"})";
    std::vector<std::pair<std::string, std::string>> values;
    const std::string blinded = sfe::service::StatementBinding::blind(body, &values);
    BOOST_TEST(blinded == R"({"actor":{"name":"","mbox":""},"object":{"definition":)"
                          R"({"name":{"de-DE":"Kurs"}}},"result":{"response":""},"context":{"instructor":)"
                          R"({"name":"","mbox":""}},"x":"name"})");
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"name", R"(Anna \"A\" S)"}, {"mbox", "mailto:a@x"}, {"response", "ok"}, {"name", "B"}, {"mbox", "mailto:b@x"}};
    BOOST_TEST((values == expected));
    BOOST_TEST(sfe::service::StatementBinding::blind("") == "");
    BOOST_TEST(sfe::service::StatementBinding::blind(R"({"name":"cut)") == R"({"name":")");
}

BOOST_AUTO_TEST_CASE(the_unsigned_body_is_everything_before_the_last_attachments)
{
    using sfe::service::StatementSigner;
    const std::string plain = R"({"id":"x","context":{"contextActivities":{"parent":[{"id":"a"}]}}})";
    BOOST_TEST(StatementSigner::unsignedBody(plain) == plain); // nothing signed: unchanged
    BOOST_TEST(StatementSigner::unsignedBody(plain.substr(0, plain.size() - 1) + R"(,"attachments":[{"sha2":"1"}]})") ==
               plain);
    // A value that spells the key is not the key: the last one is.
    const std::string tricky = R"({"n":"x,"attachments":[","a":[1]})";
    BOOST_TEST(StatementSigner::unsignedBody(tricky.substr(0, tricky.size() - 1) + R"(,"attachments":[]})") == tricky);
    BOOST_TEST(StatementSigner::unsignedBody(R"(,"attachments":[)") == "}");
    BOOST_TEST(StatementSigner::unsignedBody("") == "");
}

BOOST_FIXTURE_TEST_CASE(each_signature_verifies_with_openssl_over_the_unsigned_statement, SignedPlugin)
{
    const auto statements = stored();
    BOOST_REQUIRE_GE(statements.size(), 3u);
    for (const auto& [id, body, jws] : statements)
    {
        BOOST_TEST_REQUIRE(!jws.empty(), "statement " << id << " is not signed");
        BOOST_TEST(opensslVerifies(jws), "statement " << id);
        const std::string payload =
            *sfe::xapi::Jws::fromBase64Url(jws.substr(jws.find('.') + 1, jws.rfind('.') - jws.find('.') - 1));
        BOOST_TEST(payload == sfe::service::StatementSigner::unsignedBody(body));
        BOOST_TEST(body.find("\"usageType\":\"http://adlnet.gov/expapi/attachments/signature\"") != std::string::npos);
        const std::string header = *sfe::xapi::Jws::fromBase64Url(jws.substr(0, jws.find('.')));
        BOOST_TEST(header.find("\"x5c\":[") != std::string::npos);
    }
}

BOOST_FIXTURE_TEST_CASE(the_lrs_verifies_and_stores_them_sent_as_multipart, SignedPlugin)
{
    auto r = ok("sync");
    BOOST_TEST(r->getValue<int>("quarantined") == 0);
    BOOST_TEST(r->getValue<int>("delivered") == static_cast<int>(stored().size()));
    for (const auto& [id, body, jws] : stored())
        if (body.find("/verbs/voided") == std::string::npos && body.find("CSMG-3.2\"") == std::string::npos)
            BOOST_TEST(getStatement(id) == 200, "statement " << id);
}

BOOST_FIXTURE_TEST_CASE(a_statement_changed_after_signing_is_not_sent, SignedPlugin)
{
    // Issue 9: a statement changed in the store after it was signed was sent with its old signature
    // (only an LRS that verifies x5c signatures refused it). It no longer matches the evidence log,
    // so the plugin keeps it: quarantined with the reason, never sent; the rest is delivered.
    auto first = stored().front();
    std::string body = std::get<1>(first), id = std::get<0>(first);
    body.replace(body.find("\"scaled\":0.8"), 12, "\"scaled\":0.9");
    auto& db = runtime->database();
    db.session() << db.sql("UPDATE statements SET body = ? WHERE id = ?"), use(body), use(id), now;
    auto r = ok("sync");
    BOOST_TEST(r->getValue<int>("refused") == 1);
    BOOST_TEST(r->getValue<int>("quarantined") == 0); // no LRS refused anything: it was not sent
    BOOST_TEST(r->getValue<int>("delivered") == static_cast<int>(stored().size()) - 1);
    auto q = ok("outbox")->getArray("quarantined");
    BOOST_REQUIRE_EQUAL(q->size(), 1u);
    BOOST_TEST(q->getObject(0)->getValue<std::string>("id") == id);
    BOOST_TEST(q->getObject(0)->getValue<std::string>("reason").find("does not match the evidence log") !=
               std::string::npos);
    BOOST_TEST(getStatement(id) == 404, "the LRS never got it");
}

BOOST_FIXTURE_TEST_CASE(an_erasure_signs_again_what_it_rewrote, SignedPlugin)
{
    ok("privacy.erase", R"({"person":"signed.learner"})");
    for (const auto& [id, body, jws] : stored())
    {
        BOOST_TEST(body.find("signed.learner") == std::string::npos);
        BOOST_TEST(opensslVerifies(jws), "statement " << id);
        const std::string payload =
            *sfe::xapi::Jws::fromBase64Url(jws.substr(jws.find('.') + 1, jws.rfind('.') - jws.find('.') - 1));
        BOOST_TEST(payload == sfe::service::StatementSigner::unsignedBody(body));
    }
    BOOST_TEST(ok("audit.verify")->getValue<bool>("ok"));
}

BOOST_FIXTURE_TEST_CASE(sync_works_beside_the_background_sender_and_stop_waits_for_it, SignedPlugin)
{
    // As an LMS hosts it: the background sender runs; a "send now" pauses it instead of failing.
    runtime.reset();
    host.settings().setString("lrs.background", "true");
    start();
    ok("complete", R"({"learner":"background.learner","activity":"c1"})");
    auto r = ok("sync");
    BOOST_TEST(r->getValue<bool>("finished"));
    BOOST_TEST(ok("outbox")->getObject("counts")->getValue<int>("pending") == 0);
    ok("complete", R"({"learner":"background.learner","activity":"c1"})");
    const auto started = std::chrono::steady_clock::now();
    runtime.reset(); // stops the background sender (and any sync) within about a second
    BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(2)));
}

BOOST_AUTO_TEST_SUITE_END()
