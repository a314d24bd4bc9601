//
// CrashTest.cpp
//
// Project: sfia-evidence, tests/outbox
//
// The process that syncs is killed with SIGKILL in the middle of a drain, twice, then run again:
// every statement arrives exactly once. The sync is the CLI's: `sfia-evidence --db STORE sync`, with
// the LRS in SFE_LRS_URL, SFE_LRS_USER, SFE_LRS_PASSWORD as a user would set them. On PostgreSQL
// (SFE_TEST_PG) the CLI's --config file names the test's database instead.
//

#include "DeliveryCheck.h"
#include "LrsProxy.h"
#include "LrsReader.h"
#include "StoreFile.h"
#include "SyncingPlugin.h"
#include "TestLrs.h"
#include "Workload.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

using namespace sfe::test;
using namespace std::chrono_literals;

namespace {

const int kBatch = 10;

/// `sfia-evidence sync` on the store, sending through the proxy in batches of kBatch.
class SyncProcess
{
public:
    SyncProcess(const std::string& store, const std::string& config, const std::string& lrsUrl):
        _handle(Poco::Process::launch(
            SFE_CLI, {"--manifest", SFE_PLUGIN_MANIFEST, "--db", store, "--config", config, "sync"}, "", nullptr, &_out,
            nullptr,
            {{"SFE_LRS_URL", lrsUrl}, {"SFE_LRS_USER", "outbox-test"}, {"SFE_LRS_PASSWORD", "any-password-will-do"}}))
    {}

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

    /// Waits for the end; returns the exit status and what it printed.
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
    SyncingPlugin plugin("", ours); // the LMS side records; syncing happens in another process
    Workload(plugin).recordLearners(0, 300);
    plugin.runtime.reset();

    StoreFile store(plugin);
    const auto ids = store.idsInOrder();
    const auto total = static_cast<long long>(ids.size());
    BOOST_TEST_MESSAGE(total << " statements queued after " << seconds() << " s");
    BOOST_REQUIRE(total >= 2500);
    BOOST_REQUIRE_EQUAL(store.count("pending"), total);

    LrsProxy proxy(testLrsBaseUrl());
    LrsReader lrs(testLrsBaseUrl());
    const std::string config = plugin.dir() + "/sync.properties";
    {
        std::ofstream out(config);
        out << "lrs.batch = " << kBatch << "\n"
            << "lrs.timeout_ms = 4000\n"
            // A killed sync leaves its sender lease behind; the next sync waits until it expires.
            << "lrs.lease_s = 5\n"
            << "lms.home_page = " << ours.homePage << "\n";
        // On PostgreSQL the CLI finds the test's database here (its --db names a file it then ignores).
        if (plugin.onPostgreSQL())
            out << "store.connector = postgresql\n"
                << "store.url = " << plugin.host.config().getString("store.url") << "\n";
    }

    // 1. Killed after the LRS stored the batch of POST 60 but before its answer arrived: the store
    // still has that batch pending, the LRS has it.
    const int heldPost = 60;
    proxy.fault(heldPost, "hold");
    {
        SyncProcess sync(plugin.dbPath(), config, proxy.baseUrl());
        BOOST_REQUIRE_MESSAGE(proxy.waitFor("stored " + std::to_string(heldPost), 30s),
                              "the drain did not reach POST " << heldPost);
        sync.kill();
    }
    BOOST_TEST_MESSAGE("first sync killed at POST " << heldPost << " after " << seconds() << " s");
    const long long settledBefore = (heldPost - 1) * kBatch;
    BOOST_TEST(store.count("delivered") == settledBefore);
    BOOST_TEST(store.count("pending") == total - settledBefore);
    for (long long i = settledBefore; i < settledBefore + kBatch; ++i)
        BOOST_TEST(lrsHolds(lrs, ids[static_cast<std::size_t>(i)]),
                   "statement " << i << " of the held batch is not in the LRS");
    BOOST_TEST(!lrsHolds(lrs, ids[static_cast<std::size_t>(settledBefore + kBatch)]));

    // 2. Starts by sending that batch again, which the LRS must acknowledge without storing it twice;
    // killed at a moment the clock picks, whatever it was doing (sending, settling in the store).
    {
        SyncProcess sync(plugin.dbPath(), config, proxy.baseUrl());
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
    SyncProcess sync(plugin.dbPath(), config, proxy.baseUrl());
    const auto [status, printed] = sync.finish();
    BOOST_TEST_MESSAGE("sfia-evidence sync: " << printed);
    BOOST_TEST(status == 0, "sfia-evidence sync ended with " << status << ": " << printed);
    std::smatch summary;
    BOOST_REQUIRE_MESSAGE(std::regex_search(printed, summary, std::regex("delivered ([0-9]+), quarantined ([0-9]+)")),
                          "no summary in: " << printed);
    BOOST_TEST(std::stoll(summary[1]) == total - deliveredBeforeLast);
    BOOST_TEST(std::stoll(summary[2]) == 0); // a re-send with other content would be a 409, quarantined

    BOOST_TEST_MESSAGE("third sync finished after " << seconds() << " s");

    plugin.start();
    checkExactlyOnce(plugin, lrs, since, ours);
    BOOST_TEST_MESSAGE("checked after " << seconds() << " s");
}

BOOST_AUTO_TEST_SUITE_END()
