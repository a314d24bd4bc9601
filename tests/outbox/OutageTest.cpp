//
// OutageTest.cpp
//
// Project: sfia-evidence, tests/outbox
//
// The LRS becomes unreachable in the middle of a drain, in three ways, and comes back: the drain
// waits it out and every statement arrives exactly once.
//

#include "DeliveryCheck.h"
#include "LrsProxy.h"
#include "LrsReader.h"
#include "SyncingPlugin.h"
#include "TestLrs.h"
#include "Workload.h"

#include <boost/test/unit_test.hpp>

using namespace sfe::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(outbox)

BOOST_AUTO_TEST_CASE(an_lrs_that_goes_away_mid_drain_and_comes_back_gets_everything_once)
{
    const auto ours = OurActors::fresh();
    const std::string since = timeNow(2);
    LrsProxy proxy(testLrsBaseUrl());
    SyncingPlugin plugin(proxy.baseUrl(), ours);
    plugin.host.settings().setString("lrs.batch", "5");
    plugin.host.settings().setString("lrs.timeout_ms", "300");
    Workload(plugin).recordLearners(0, 40);
    const auto pending = plugin.ok("outbox")->getObject("counts")->getValue<long long>("pending");
    BOOST_REQUIRE(pending / 5 > 40); // the faults below fall inside the drain

    // The LRS host goes down: connections are reset and refused for a while.
    proxy.fault(8, "refuse", 700);
    // The LRS stores batch 20, then the network fails before its answer arrives: the same batch is
    // sent again after the outage, and the LRS must acknowledge it without storing it twice.
    proxy.fault(20, "lose", 700);
    // The LRS process stops (as under SIGSTOP) and continues 450 ms later: the request times out
    // after 300 ms, the LRS still gets it late, and the re-send (after a backoff of at least
    // 500 ms, so the LRS is done with the late one) is identical.
    proxy.fault(35, "stall", 450);

    const auto sync = plugin.ok("sync");
    BOOST_TEST(proxy.waitFor("fault 8 refuse", 0ms));
    BOOST_TEST(proxy.waitFor("fault 20 lose", 0ms));
    BOOST_TEST(proxy.waitFor("stored 20", 0ms));
    BOOST_TEST(proxy.waitFor("fault 35 stall", 0ms));
    // Whether the LRS also got the stalled POST late depends on the proxy (lrs_proxy.py): when its
    // connection to the LRS is gone by the time the stall ends, the late copy is never forwarded
    // (seen in about one run in four on a loaded machine). Either way what users rely on is below:
    // everything delivered once, nothing quarantined, the re-sends counted; the LRS's own holdings
    // are checked by checkExactlyOnce.
    if (!proxy.waitFor("forwarded 35 late", 2000ms))
        BOOST_TEST_MESSAGE("the stalled POST 35 was not forwarded late this time (its connection had closed)");
    BOOST_TEST(sync->getValue<bool>("finished"));
    BOOST_TEST(sync->getValue<long long>("delivered") == pending);
    BOOST_TEST(sync->getValue<long long>("quarantined") == 0);
    BOOST_TEST(sync->getValue<long long>("retries") >= 3);
    for (const auto& line : proxy.lines()) BOOST_TEST_MESSAGE("proxy: " << line);
    BOOST_TEST_MESSAGE("drain: " << sync->getValue<long long>("requests") << " requests, "
                                 << sync->getValue<long long>("retries") << " retries, "
                                 << sync->getValue<long long>("elapsedMs")
                                 << " ms; last error: " << sync->getValue<std::string>("lastError"));

    LrsReader lrs(testLrsBaseUrl());
    checkExactlyOnce(plugin, lrs, since, ours);
}

BOOST_AUTO_TEST_SUITE_END()
