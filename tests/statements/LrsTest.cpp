//
// LrsTest.cpp
//
// Project: sfia-evidence, tests/statements
//
// The real Learning Locker (the test LRS, see tests/lrs/README.md) accepts every statement the
// plugin emits in xAPI 1.0.3 exactly as the outbox sends it, stores it unchanged, and takes an
// identical re-send as a no-op. It speaks xAPI 1.0.x only, so it refuses the 2.0.0 form.
//

#define BOOST_TEST_MODULE sfe_statements_lrs
#include "EveryKind.h"
#include "TestLrsRequest.h"

#include "sfe.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <set>
#include <sstream>

using namespace sfe::test;
using Poco::JSON::Object;

namespace {

TestLrsReply post(const std::string& body, const std::string& version = "1.0.3")
{
    return testLrsRequest("POST", "/statements", body, version);
}

TestLrsReply get(const std::string& query)
{
    return testLrsRequest("GET", "/statements?" + query);
}

/// The body of a batch POST, built as the outbox builds it: the stored bodies, verbatim, in an array.
std::string batch(const std::vector<EmittedStatement>& statements)
{
    std::string body = "[";
    for (std::size_t i = 0; i < statements.size(); ++i) body += (i ? "," : "") + statements[i].body;
    return body + "]";
}

/// JSON with keys sorted, so two documents compare by content.
std::string canonical(const Object::Ptr& o)
{
    std::ostringstream out;
    Poco::JSON::Parser().parse(Poco::Dynamic::Var(o).toString()).extract<Object::Ptr>()->stringify(out);
    return out.str();
}

/// Every statement is stored as we sent it: what the LRS gives back, less what it adds (stored,
/// authority, version), equals our body. A voided statement is only found as voidedStatementId.
void expectStoredUnchanged(const StatementListing& listing)
{
    std::set<std::string> voided;
    for (const auto& s : listing.ofKind("voided")) voided.insert(s.voids);
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            const bool isVoided = voided.count(s.id) > 0;
            if (isVoided) BOOST_TEST(get("statementId=" + s.id).status == 404);
            const TestLrsReply got = get((isVoided ? "voidedStatementId=" : "statementId=") + s.id);
            BOOST_REQUIRE_MESSAGE(got.status == 200, "GET answered " << got.status << ": " << got.body);
            Object::Ptr stored = Poco::JSON::Parser().parse(got.body).extract<Object::Ptr>();
            for (const char* added : {"stored", "authority", "version"}) stored->remove(added);
            BOOST_TEST(canonical(stored) == canonical(s.json));
        }
    }
}

const Mode k103Modes[] = {kModes[0], kModes[2]};
const Mode k200Modes[] = {kModes[1], kModes[3]};

} // namespace

BOOST_DATA_TEST_CASE(learning_locker_accepts_every_kind_unchanged, boost::unit_test::data::make(k103Modes), mode)
{
    EveryKind plugin(&mode);
    plugin.emit();
    const StatementListing listing = plugin.listing();

    // One batch in outbox order, as the outbox sends it (a voiding statement after what it voids).
    const std::string body = batch(listing.all());
    const TestLrsReply posted = post(body);
    BOOST_REQUIRE_MESSAGE(posted.status == 200, "POST answered " << posted.status << ": " << posted.body);
    const auto ids = Poco::JSON::Parser().parse(posted.body).extract<Poco::JSON::Array::Ptr>();
    BOOST_REQUIRE_EQUAL(ids->size(), listing.all().size());
    for (unsigned i = 0; i < ids->size(); ++i) BOOST_TEST(ids->getElement<std::string>(i) == listing.all()[i].id);

    expectStoredUnchanged(listing);

    // Statement ids are fixed when recorded, so a re-send (after a lost answer, say) is a no-op:
    // the whole batch again, and each statement on its own, listed anew from the outbox.
    BOOST_TEST(post(body).status == 200);
    const StatementListing relisted = plugin.listing();
    for (const auto& s : relisted.all())
    {
        const TestLrsReply again = post(s.body);
        BOOST_TEST(again.status == 200, s.kind << " " << s.id << ": " << again.body);
    }
    expectStoredUnchanged(listing);
}

BOOST_AUTO_TEST_CASE(the_outbox_delivers_every_kind)
{
    EveryKind plugin;
    plugin.host.settings().setString("lrs.url", testLrsBaseUrl());
    plugin.host.settings().setString("lrs.background", "false");
    plugin.emit();
    const std::size_t count = plugin.listing().all().size();

    const Object::Ptr sync = plugin.ok("sync", R"({"timeLimitMs":30000})");
    BOOST_TEST(sync->getValue<std::size_t>("delivered") == count);
    BOOST_TEST(sync->getValue<std::size_t>("quarantined") == 0u);
    const StatementListing listing = plugin.listing();
    for (const auto& s : listing.all()) BOOST_TEST(s.state == "delivered", s.kind << " " << s.id);
    expectStoredUnchanged(listing);
}

BOOST_DATA_TEST_CASE(learning_locker_refuses_the_2_0_0_form, boost::unit_test::data::make(k200Modes), mode)
{
    // Learning Locker's statement service (xapi-statements 5.0.1) implements xAPI 1.0.x: its /about
    // lists only 1.0.3, and it answers 400 to the version header 2.0.0. That is why xapi.version
    // defaults to 1.0.3; 2.0.0 is for LRSs that list it.
    //
    // Each statement is sent on its own: Learning Locker refuses the header before it reads the
    // body and then closes the connection, so a client still writing a body larger than the socket
    // buffers (a batch of these, some 35 KB) may see a broken pipe instead of the 400.
    EveryKind plugin(&mode);
    plugin.emit();
    const StatementListing listing = plugin.listing();
    for (const auto& s : listing.all())
    {
        BOOST_TEST_CONTEXT(s.kind << " " << s.id)
        {
            const TestLrsReply refused = post(s.body, "2.0.0");
            BOOST_TEST(refused.status == 400);
            BOOST_TEST(refused.body.find("header.X-Experience-API-Version") != std::string::npos, refused.body);
            BOOST_TEST(get("statementId=" + s.id).status == 404);
        }
    }

    // The plugin finds out from /about and sends nothing: the statements wait in the outbox.
    plugin.host.settings().setString("lrs.url", testLrsBaseUrl());
    plugin.host.settings().setString("lrs.background", "false");
    plugin.runtime.reset();
    const auto sync = plugin.call("sync", R"({"timeLimitMs":5000})");
    BOOST_TEST(sync.status == SFE_NETWORK);
    BOOST_TEST(sync.message.find("none compatible with 2.0.0") != std::string::npos, sync.message);
    const StatementListing after = plugin.listing();
    for (const auto& s : after.all()) BOOST_TEST(s.state == "pending");
}
