//
// CrashTest.cpp
//
// Project: sfia-evidence, tests/outbox
//
// The process that syncs is killed with SIGKILL in the middle of a drain, twice, then run again:
// every statement arrives exactly once. The sync runs in its own process (sfe_outbox_sync), as a
// host's sync command would.
//

#include "DeliveryCheck.h"
#include "LrsProxy.h"
#include "LrsReader.h"
#include "StoreFile.h"
#include "SyncingPlugin.h"
#include "TestLrs.h"
#include "Workload.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <chrono>
#include <thread>

using namespace sfe::test;
using namespace std::chrono_literals;

namespace {

const int kBatch = 10;

/// A sync process on the store, sending through the proxy.
class SyncProcess
{
public:
    SyncProcess(const std::string& store, const std::string& lrsUrl, const OurActors& ours):
        _handle(Poco::Process::launch(SFE_OUTBOX_SYNC_DRIVER,
                                      {store, "lrs.url=" + lrsUrl, "lrs.batch=" + std::to_string(kBatch),
                                       "lrs.timeout_ms=20000", "lrs.background=false",
                                       "lms.home_page=" + ours.homePage, "lms.mbox_domain=" + ours.mboxDomain},
                                      nullptr, &_out, nullptr))
    {
    }

    ~SyncProcess()
    {
        if (!_ended) kill();
    }

    /// SIGKILL: no destructor, no rollback, no goodbye to the LRS.
    void kill()
    {
        ::kill(static_cast<pid_t>(_handle.id()), SIGKILL);
        _handle.wait();
        _ended = true;
    }

    /// Waits for the end; returns the exit status and what it printed (the response of `sync`).
    std::pair<int, std::string> finish()
    {
        Poco::PipeInputStream in(_out);
        std::string printed;
        Poco::StreamCopier::copyToString(in, printed);
        const int status = _handle.wait();
        _ended = true;
        return {status, printed};
    }

private:
    Poco::Pipe _out;
    Poco::ProcessHandle _handle;
    bool _ended = false;
};

/// Whether the LRS holds this statement, voided or not.
bool lrsHolds(LrsReader& lrs, const std::string& id)
{
    return lrs.statement(id) || lrs.voided(id);
}

} // namespace

BOOST_AUTO_TEST_SUITE(outbox)

BOOST_AUTO_TEST_CASE(a_sync_killed_mid_drain_then_run_again_delivers_exactly_once)
{
    const auto ours = OurActors::fresh();
    const std::string since = timeNow(2);
    const auto started = std::chrono::steady_clock::now();
    const auto seconds = [&started] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    SyncingPlugin plugin("", ours);   // the LMS side records; syncing happens in another process
    Workload(plugin).recordLearners(0, 600);
    plugin.runtime.reset();

    StoreFile store(plugin.dbPath());
    const auto ids = store.idsInOrder();
    const auto total = static_cast<long long>(ids.size());
    BOOST_TEST_MESSAGE(total << " statements queued after " << seconds() << " s");
    BOOST_REQUIRE(total >= 5000);
    BOOST_REQUIRE_EQUAL(store.count("pending"), total);

    LrsProxy proxy(testLrsBaseUrl());
    LrsReader lrs(testLrsBaseUrl());

    // 1. Killed after the LRS stored batch 100 but before its answer arrived: the store still has
    // the batch pending, the LRS has it.
    const int heldPost = 100;
    proxy.fault(heldPost, "hold");
    {
        SyncProcess sync(plugin.dbPath(), proxy.baseUrl(), ours);
        BOOST_REQUIRE_MESSAGE(proxy.waitFor("stored " + std::to_string(heldPost), 30s),
                              "the drain did not reach POST " << heldPost);
        sync.kill();
    }
    BOOST_TEST_MESSAGE("first sync killed at POST " << heldPost << " after " << seconds() << " s");
    const long long settledBefore = (heldPost - 1) * kBatch;
    BOOST_TEST(store.count("delivered") == settledBefore);
    BOOST_TEST(store.count("pending") == total - settledBefore);
    for (long long i = settledBefore; i < settledBefore + kBatch; ++i)
        BOOST_TEST(lrsHolds(lrs, ids[static_cast<std::size_t>(i)]), "statement " << i << " of the held batch is not in the LRS");
    BOOST_TEST(!lrsHolds(lrs, ids[static_cast<std::size_t>(settledBefore + kBatch)]));

    // 2. Killed at a moment the clock picks, whatever it was doing (sending, settling in SQLite).
    {
        SyncProcess sync(plugin.dbPath(), proxy.baseUrl(), ours);
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        while (store.count("delivered") < total / 2 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(5ms);
        BOOST_REQUIRE_MESSAGE(store.count("delivered") >= total / 2, "the second drain did not get half way in 30 s");
        sync.kill();
    }
    const long long deliveredBeforeLast = store.count("delivered");
    BOOST_TEST_MESSAGE("second sync killed after " << seconds() << " s; " << deliveredBeforeLast << " of " << total
                                                   << " settled as delivered");
    BOOST_TEST(deliveredBeforeLast < total);

    // 3. Run again to the end.
    SyncProcess sync(plugin.dbPath(), proxy.baseUrl(), ours);
    const auto [status, printed] = sync.finish();
    BOOST_REQUIRE_MESSAGE(status == 0, "sfe_outbox_sync ended with " << status << ": " << printed);
    Poco::JSON::Parser parser;
    const auto summary = parser.parse(printed).extract<Poco::JSON::Object::Ptr>();
    BOOST_TEST(summary->getValue<bool>("finished"));
    BOOST_TEST(summary->getValue<long long>("delivered") == total - deliveredBeforeLast);
    BOOST_TEST(summary->getValue<long long>("quarantined") == 0);   // a changed re-send would be a 409

    BOOST_TEST_MESSAGE("third sync finished after " << seconds() << " s");

    plugin.start();
    checkExactlyOnce(plugin, lrs, since, ours);
    BOOST_TEST_MESSAGE("checked after " << seconds() << " s");
}

BOOST_AUTO_TEST_SUITE_END()
