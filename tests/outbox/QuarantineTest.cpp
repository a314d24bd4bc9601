//
// QuarantineTest.cpp
//
// Project: sfia-evidence, tests/outbox
//
// A statement the LRS rejects is quarantined with the LRS's reason, the rest of its batch is
// delivered, and `retry` puts it back into delivery.
//

#include "DeliveryCheck.h"
#include "LrsProxy.h"
#include "LrsReader.h"
#include "StoreFile.h"
#include "SyncingPlugin.h"
#include "TestLrs.h"
#include "Workload.h"

#include "sfe.h"

#include <boost/test/unit_test.hpp>

using namespace sfe::test;

BOOST_AUTO_TEST_SUITE(outbox)

BOOST_AUTO_TEST_CASE(a_statement_the_lrs_rejects_is_quarantined_and_the_rest_of_its_batch_delivered)
{
    const auto ours = OurActors::fresh();
    const std::string since = timeNow(2);
    LrsProxy proxy(testLrsBaseUrl());
    SyncingPlugin plugin(proxy.baseUrl(), ours);
    plugin.host.settings().setString("xapi.actor", "mbox");
    plugin.host.settings().setString("lrs.batch", "10");
    Workload(plugin).recordLearners(0, 3, 0);
    plugin.runtime.reset();

    // The plugin validates every statement before it queues it, and refuses to send one that no
    // longer matches the evidence log, so neither the plugin nor the store can make the LRS refuse
    // one. The proxy stands in for an LRS that is stricter than the plugin: it strips "mailto:" from
    // one statement's mbox on the way, which Learning Locker refuses (400).
    std::string victim;
    {
        StoreFile store(plugin);
        const auto ids = store.idsInOrder();
        BOOST_REQUIRE(ids.size() > 20u);
        victim = ids[14]; // in the middle of the second batch of 10
    }
    proxy.damage(victim);
    plugin.start();
    const auto total = plugin.ok("outbox")->getObject("counts")->getValue<long long>("pending");

    const auto sync = plugin.ok("sync");
    BOOST_TEST(sync->getValue<bool>("finished"));
    BOOST_TEST(sync->getValue<long long>("delivered") == total - 1);
    BOOST_TEST(sync->getValue<long long>("quarantined") == 1);
    BOOST_TEST(sync->getValue<long long>("retries") == 0);

    auto outbox = plugin.ok("outbox");
    BOOST_TEST(outbox->getObject("counts")->getValue<long long>("quarantined") == 1);
    auto quarantined = outbox->getArray("quarantined");
    BOOST_REQUIRE_EQUAL(quarantined->size(), 1u);
    BOOST_TEST(quarantined->getObject(0)->getValue<std::string>("id") == victim);
    BOOST_TEST(quarantined->getObject(0)->getValue<int>("attempts") == 1);
    const std::string reason = quarantined->getObject(0)->getValue<std::string>("reason");
    BOOST_TEST_MESSAGE("quarantined with: " << reason);
    BOOST_TEST(reason.find("actor.mbox") != std::string::npos, "the reason does not carry the LRS's: " << reason);

    // Its batch mates, and everything else, arrived exactly once; it did not arrive at all.
    LrsReader lrs(testLrsBaseUrl());
    checkExactlyOnce(plugin, lrs, since, ours, {victim});

    // `retry` puts it back into delivery...
    BOOST_TEST(plugin.ok("retry", "{\"id\":\"" + victim + "\"}")->getValue<int>("retried") == 1);
    outbox = plugin.ok("outbox");
    BOOST_TEST(outbox->getObject("counts")->getValue<long long>("pending") == 1);
    BOOST_TEST(outbox->getArray("quarantined")->size() == 0u);

    // ...and the next sync sends it again; this LRS still refuses it.
    const auto again = plugin.ok("sync");
    BOOST_TEST(again->getValue<long long>("delivered") == 0);
    BOOST_TEST(again->getValue<long long>("quarantined") == 1);
    BOOST_TEST(again->getValue<long long>("requests") == 1);
    quarantined = plugin.ok("outbox")->getArray("quarantined");
    BOOST_REQUIRE_EQUAL(quarantined->size(), 1u);
    BOOST_TEST(quarantined->getObject(0)->getValue<int>("attempts") == 2);

    BOOST_TEST(plugin.ok("retry", R"({"all":true})")->getValue<int>("retried") == 1);
    BOOST_TEST(plugin.ok("outbox")->getObject("counts")->getValue<long long>("pending") == 1);
    BOOST_TEST(plugin.call("retry", "{\"id\":\"" + victim + "\"}").status == SFE_NOTFOUND); // pending, not quarantined
    BOOST_TEST(!lrs.statement(victim));
}

BOOST_AUTO_TEST_SUITE_END()
