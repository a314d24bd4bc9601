//
// DeliveryUnitsTest.cpp
//
// Project: sfia-evidence, tests/delivery
//
// The delivery library's parts that need no server: Backoff, MemoryStatementQueue, LrsClient settings.
//

#define BOOST_TEST_MODULE delivery_units
#include <boost/test/unit_test.hpp>

#include "sfe/xapi/delivery/Backoff.h"
#include "sfe/xapi/delivery/DeliveryException.h"
#include "sfe/xapi/delivery/LrsClient.h"
#include "sfe/xapi/delivery/MemoryStatementQueue.h"

#include <Poco/Exception.h>

using namespace sfe::xapi::delivery;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(backoff)

BOOST_AUTO_TEST_CASE(delays_grow_exponentially_within_jitter_bounds_and_stop_at_max)
{
    Backoff backoff(100ms, 1000ms, 42);
    // Ceilings: 100, 200, 400, 800, 1000, 1000; each delay lies in [ceiling/2, ceiling].
    const std::chrono::milliseconds ceilings[] = {100ms, 200ms, 400ms, 800ms, 1000ms, 1000ms};
    for (const auto ceiling : ceilings)
    {
        BOOST_TEST(backoff.ceiling().count() == ceiling.count());
        const auto delay = backoff.next();
        BOOST_TEST(delay.count() >= ceiling.count() / 2);
        BOOST_TEST(delay.count() <= ceiling.count());
    }
    BOOST_TEST(backoff.failures() == 6u);
}

BOOST_AUTO_TEST_CASE(jitter_spreads_delays)
{
    Backoff first(1000ms, 1000ms, 1);
    Backoff second(1000ms, 1000ms, 2);
    bool differ = false;
    for (int i = 0; i < 10; ++i) differ = differ || first.next() != second.next();
    BOOST_TEST(differ);
}

BOOST_AUTO_TEST_CASE(retry_after_is_a_lower_bound)
{
    Backoff backoff(100ms, 1000ms, 7);
    BOOST_TEST(backoff.next(std::chrono::seconds(30)).count() == 30000);
    // A short Retry-After does not shorten the backoff.
    const auto delay = backoff.next(std::chrono::seconds(0));
    BOOST_TEST(delay.count() >= 100);
}

BOOST_AUTO_TEST_CASE(reset_starts_over)
{
    Backoff backoff(100ms, 10000ms, 3);
    for (int i = 0; i < 5; ++i) backoff.next();
    backoff.reset();
    BOOST_TEST(backoff.failures() == 0u);
    BOOST_TEST(backoff.next().count() <= 100);
}

BOOST_AUTO_TEST_CASE(rejects_nonsense_settings)
{
    BOOST_CHECK_THROW(Backoff(0ms, 100ms), Poco::InvalidArgumentException);
    BOOST_CHECK_THROW(Backoff(200ms, 100ms), Poco::InvalidArgumentException);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(memory_queue)

BOOST_AUTO_TEST_CASE(fetches_due_statements_in_recording_order_without_changing_them)
{
    MemoryStatementQueue queue;
    const auto now = std::chrono::system_clock::now();
    queue.add("a", "{}", now - 1s);
    queue.add("b", "{}", now + 1h);
    queue.add("c", "{}", now);
    queue.add("d", "{}", now - 2s);

    auto due = queue.fetchDue(10, now);
    BOOST_REQUIRE(due.size() == 3u);
    BOOST_TEST(due[0].id == "a");
    BOOST_TEST(due[1].id == "c");
    BOOST_TEST(due[2].id == "d");
    BOOST_TEST(queue.fetchDue(2, now).size() == 2u);
    BOOST_TEST(queue.fetchDue(10, now).size() == 3u); // fetching settles nothing
    BOOST_TEST((*queue.nextAttemptAt() == now - 2s));
}

BOOST_AUTO_TEST_CASE(settling_moves_statements_out_of_pending_and_keeps_them)
{
    MemoryStatementQueue queue;
    const auto now = std::chrono::system_clock::now();
    queue.add("a", "{\"id\":\"a\"}");
    queue.add("b", "{}");
    queue.add("c", "{}");

    queue.markDelivered({"a"}, now);
    queue.quarantine("b", "bad mbox", now);
    queue.scheduleRetry({"c"}, now + 5s, "HTTP 503");

    BOOST_TEST(queue.size() == 3u);
    BOOST_TEST((queue.entry("a").state == MemoryStatementQueue::State::Delivered));
    BOOST_TEST(queue.entry("a").json == "{\"id\":\"a\"}");
    BOOST_TEST((queue.entry("b").state == MemoryStatementQueue::State::Quarantined));
    BOOST_TEST(queue.entry("b").quarantineReason == "bad mbox");
    BOOST_TEST(queue.entry("c").failedAttempts == 1u);
    BOOST_TEST(queue.entry("c").lastError == "HTTP 503");
    BOOST_TEST(queue.fetchDue(10, now).empty());
    BOOST_TEST(queue.fetchDue(10, now + 5s).size() == 1u);
    BOOST_TEST((*queue.nextAttemptAt() == now + 5s));

    queue.markDelivered({"c"}, now + 5s);
    BOOST_TEST(!queue.nextAttemptAt().has_value());
}

BOOST_AUTO_TEST_CASE(settling_twice_or_unknown_ids_fails_loudly_and_atomically)
{
    MemoryStatementQueue queue;
    const auto now = std::chrono::system_clock::now();
    queue.add("a", "{}");
    queue.add("b", "{}");
    queue.markDelivered({"a"}, now);
    BOOST_CHECK_THROW(queue.markDelivered({"b", "a"}, now), Poco::IllegalStateException);
    BOOST_TEST((queue.entry("b").state == MemoryStatementQueue::State::Pending)); // all or none
    BOOST_CHECK_THROW(queue.quarantine("a", "x", now), Poco::IllegalStateException);
    BOOST_CHECK_THROW(queue.scheduleRetry({"zzz"}, now, "x"), Poco::NotFoundException);
    BOOST_CHECK_THROW(queue.add("a", "{}"), Poco::ExistsException);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(lrs_client_settings)

LrsClient::Settings settingsFor(const std::string& endpoint)
{
    LrsClient::Settings settings;
    settings.endpoint = endpoint;
    settings.username = "user";
    settings.password = "s3cret-Pa55";
    return settings;
}

BOOST_AUTO_TEST_CASE(accepts_http_and_https_endpoints_and_normalises_the_trailing_slash)
{
    LrsClient plain(settingsFor("http://lrs.example.org:8080/xAPI/"));
    BOOST_TEST(plain.endpoint() == "http://lrs.example.org:8080/xAPI");
    BOOST_TEST(plain.statementsUrl() == "http://lrs.example.org:8080/xAPI/statements");
    LrsClient secure(settingsFor("https://lrs.example.org/data/xAPI"));
    BOOST_TEST(secure.statementsUrl() == "https://lrs.example.org/data/xAPI/statements");
}

BOOST_AUTO_TEST_CASE(rejects_unusable_endpoints)
{
    BOOST_CHECK_THROW(LrsClient(settingsFor("ftp://lrs.example.org/xAPI")), LrsConfigurationException);
    BOOST_CHECK_THROW(LrsClient(settingsFor("lrs.example.org/xAPI")), LrsConfigurationException);
    BOOST_CHECK_THROW(LrsClient(settingsFor("http:///xAPI")), LrsConfigurationException);
    BOOST_CHECK_THROW(LrsClient(settingsFor("http://lrs.example.org/xAPI?x=1")), LrsConfigurationException);
    auto noVersion = settingsFor("http://lrs.example.org/xAPI");
    noVersion.version.clear();
    BOOST_CHECK_THROW(LrsClient{noVersion}, LrsConfigurationException);
}

BOOST_AUTO_TEST_CASE(credentials_in_the_url_are_refused_without_repeating_them)
{
    try
    {
        LrsClient client(settingsFor("https://user:hunter2@lrs.example.org/xAPI"));
        BOOST_FAIL("an endpoint with user-info was accepted");
    }
    catch (const LrsConfigurationException& e)
    {
        BOOST_TEST(e.displayText().find("hunter2") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_missing_ca_file_is_a_configuration_error_naming_the_file)
{
    auto settings = settingsFor("https://lrs.example.org/xAPI");
    settings.caFile = "/nonexistent/ca.pem";
    try
    {
        LrsClient client(settings);
        BOOST_FAIL("a missing CA file was accepted");
    }
    catch (const LrsConfigurationException& e)
    {
        BOOST_TEST(e.displayText().find("/nonexistent/ca.pem") != std::string::npos);
        BOOST_TEST(e.displayText().find("s3cret-Pa55") == std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
