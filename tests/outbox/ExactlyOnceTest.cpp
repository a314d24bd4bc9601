//
// ExactlyOnceTest.cpp
//
// Project: sfia-evidence, tests/outbox
//
// Everything recorded arrives in the LRS exactly once, and a second sync sends nothing.
//

#include "DeliveryCheck.h"
#include "LrsReader.h"
#include "SyncingPlugin.h"
#include "TestLrs.h"
#include "Workload.h"

#include <boost/test/unit_test.hpp>

using namespace sfe::test;

BOOST_AUTO_TEST_SUITE(outbox)

BOOST_AUTO_TEST_CASE(everything_recorded_arrives_exactly_once)
{
    const auto ours = OurActors::fresh();
    const std::string since = timeNow(2);
    SyncingPlugin plugin(testLrsBaseUrl(), ours);
    Workload(plugin).recordLearners(0, 40);
    const auto pending = plugin.ok("outbox")->getObject("counts")->getValue<long long>("pending");
    BOOST_TEST_MESSAGE(pending << " statements queued");
    BOOST_TEST(pending >= 300);

    const auto sync = plugin.ok("sync");
    BOOST_TEST(sync->getValue<bool>("finished"));
    BOOST_TEST(sync->getValue<long long>("delivered") == pending);
    BOOST_TEST(sync->getValue<long long>("quarantined") == 0);
    BOOST_TEST(sync->getValue<long long>("retries") == 0);
    BOOST_TEST(sync->getValue<long long>("requests") == (pending + 49) / 50); // lrs.batch defaults to 50
    BOOST_TEST(sync->isNull("lastError"));

    LrsReader lrs(testLrsBaseUrl());
    auto kinds = checkExactlyOnce(plugin, lrs, since, ours);
    for (const char* kind :
         {"learning-passed", "learning-completed", "demonstration-attested", "level-achieved", "voided"})
        BOOST_TEST(kinds[kind] > 0u, "no statement of kind " << kind << " was recorded");

    // Nothing is left to send.
    const auto again = plugin.ok("sync");
    BOOST_TEST(again->getValue<bool>("finished"));
    BOOST_TEST(again->getValue<long long>("delivered") == 0);
    BOOST_TEST(again->getValue<long long>("requests") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
