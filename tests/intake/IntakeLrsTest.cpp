//
// IntakeLrsTest.cpp
//
// pull against the real LRS (Learning Locker's statement service, fixture lrs), through
// Runtime::call as both doors run it, a page per call: the cursor is stored after each page, so a
// new plugin instance (a pull killed and started again) continues where the last page ended, and
// statements stored at the same instant as the cursor are neither lost nor taken twice.
//

#define BOOST_TEST_MODULE sfe_intake_lrs
#include "TestHost.h"
#include "TestLrs.h"

#include "sfe.h"
#include "sfe/store/Database.h"
#include "sfe/xapi/Uuid.h"
#include "sfe/xapi/delivery/DeliveryException.h"
#include "sfe/xapi/delivery/LrsClient.h"

#include <Poco/Data/Session.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

#include <set>
#include <sstream>

using namespace Poco::Data::Keywords;
using sfe::test::TestPlugin;

namespace {

sfe::xapi::delivery::LrsClient::Settings lrsSettings()
{
    sfe::xapi::delivery::LrsClient::Settings s;
    s.endpoint = sfe::test::testLrsBaseUrl();
    s.username = "test";
    s.password = "test";
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(pull)

BOOST_FIXTURE_TEST_CASE(a_pull_started_again_continues_after_the_last_page_taken_in, TestPlugin)
{
    sfe::xapi::delivery::LrsClient lrs(lrsSettings());
    // The newest statement stored so far: the pull starts after it (the LRS is shared by all suites).
    Poco::JSON::Parser parser;
    auto newest =
        parser.parse(lrs.getStatements("?limit=1")).extract<Poco::JSON::Object::Ptr>()->getArray("statements");
    const std::string since = newest->size() ? newest->getObject(0)->getValue<std::string>("stored")
                                             : std::string("2000-01-01T00:00:00.000Z");

    const std::string activity = "https://courses.example.org/" + sfe::xapi::Uuid::random() + "/course";
    std::set<std::string> ids;
    std::string batch;
    for (int i = 0; i < 5; ++i)
    {
        const std::string id = sfe::xapi::Uuid::random();
        ids.insert(id);
        batch += std::string(batch.empty() ? "[" : ",") + R"({"id":")" + id +
                 R"(","actor":{"account":{"homePage":"https://lms.example.org","name":"learner-)" + std::to_string(i) +
                 R"("}},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":")" + activity +
                 R"("}})";
    }
    // One POST: Learning Locker gives all five the same `stored` instant.
    BOOST_REQUIRE(lrs.postBatch(batch + "]").delivered());

    // The LRS stamps `stored` with the real time; a statement later than the host's clock would be in the future.
    host.setNow(Poco::DateTimeFormatter::format(Poco::Timestamp() + Poco::Timespan(60, 0),
                                                Poco::DateTimeFormat::ISO8601_FORMAT));
    host.settings().setString("lrs.url", sfe::test::testLrsBaseUrl());
    host.settings().setString("lrs.background", "false");
    ok("import", "{\"path\":\"" + sfe::test::csmgPath() + "\"}");
    ok("map", R"({"activity":")" + activity + R"(","skill":"CSMG","level":3})");

    auto first = ok("pull", R"({"since":")" + since + R"(","pages":1,"limit":2})");
    BOOST_TEST(first->getValue<int>("pages") == 1);
    BOOST_TEST(first->has("next"));
    const std::size_t atCursor = first->getObject("cursor")->getArray("ids")->size();
    BOOST_TEST(atCursor >= 1u);
    const int recordedFirst = first->getValue<int>("recorded");

    // A new plugin instance on the same store: as after a pull that was killed after its first page.
    runtime.reset();
    std::size_t recorded = static_cast<std::size_t>(recordedFirst), duplicates = 0;
    std::string request = R"({"limit":2})";
    while (true)
    {
        auto page = ok("pull", request);
        recorded += page->getValue<std::size_t>("recorded");
        duplicates += page->getValue<std::size_t>("duplicates");
        if (!page->has("next")) break;
        request = R"({"limit":2,"next":")" + page->getValue<std::string>("next") + "\"}";
    }
    // It asked again from the cursor's instant and skipped exactly what the first page took in there.
    BOOST_TEST(duplicates == atCursor);
    BOOST_TEST(recorded == 5u);
    std::set<std::string> events;
    std::string eventId;
    Poco::Data::Statement select(runtime->database().session());
    select << "SELECT DISTINCT event_id FROM evidence", into(eventId), range(0, 1);
    while (!select.done())
        if (select.execute()) events.insert(eventId);
    BOOST_TEST(events == ids);
}

BOOST_AUTO_TEST_CASE(more_is_followed_only_on_the_same_server)
{
    sfe::xapi::delivery::LrsClient lrs(lrsSettings());
    BOOST_CHECK_THROW(lrs.getStatements("http://elsewhere.example.org/xAPI/statements?cursor=1"),
                      sfe::xapi::delivery::LrsIncompatibleException);
}

BOOST_AUTO_TEST_SUITE_END()
