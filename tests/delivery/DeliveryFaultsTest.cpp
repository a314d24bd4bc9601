//
// DeliveryFaultsTest.cpp
//
// Project: sfia-evidence, tests/delivery
//
// OutboxSender and LrsClient against a fault-injecting fake LRS: every statement ends delivered exactly
// once or quarantined with the right reason, nothing is lost, and backoff honours Retry-After.
//

#define BOOST_TEST_MODULE delivery_faults
#include <boost/test/unit_test.hpp>

#include "FakeClock.h"
#include "FakeLrs.h"
#include "LogCapture.h"
#include "TestStatements.h"

#include "sfe/xapi/delivery/DeliveryException.h"
#include "sfe/xapi/delivery/LrsClient.h"
#include "sfe/xapi/delivery/MemoryStatementQueue.h"
#include "sfe/xapi/delivery/OutboxSender.h"

#include <Poco/Base64Encoder.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Timestamp.h>

#include <random>
#include <set>
#include <sstream>
#include <thread>

using namespace sfe::xapi::delivery;
using namespace sfe::test;
using namespace std::chrono_literals;
using State = MemoryStatementQueue::State;

namespace {

const std::string user = "sfe-tester";
const std::string password = "Pa55-w0rd-never-logged";

LrsClient::Settings clientSettings(const std::string& endpoint)
{
    LrsClient::Settings settings;
    settings.endpoint = endpoint;
    settings.username = user;
    settings.password = password;
    settings.connectTimeout = 2000ms;
    settings.requestTimeout = 400ms;
    return settings;
}

OutboxSender::Settings senderSettings(std::size_t batchSize = 50)
{
    OutboxSender::Settings settings;
    settings.batchSize = batchSize;
    settings.backoffBase = 1000ms;
    settings.backoffMax = 60000ms;
    return settings;
}

std::string basicAuthorization()
{
    std::ostringstream encoded;
    Poco::Base64Encoder encoder(encoded);
    encoder.rdbuf()->setLineLength(0);
    encoder << user << ':' << password;
    encoder.close();
    return "Basic " + encoded.str();
}

/// The fake LRS, a queue, a fake clock, a client and a sender wired together.
struct Rig
{
    explicit Rig(std::size_t batchSize = 50, OutboxSender::Settings settings = senderSettings()):
        client(clientSettings(lrs.endpoint())),
        sender(queue, client, withBatchSize(settings, batchSize), clock)
    {}

    static OutboxSender::Settings withBatchSize(OutboxSender::Settings settings, std::size_t batchSize)
    {
        settings.batchSize = batchSize;
        return settings;
    }

    FakeLrs lrs;
    MemoryStatementQueue queue;
    FakeClock clock;
    LrsClient client;
    OutboxSender sender;
};

/// Every statement is delivered in the queue and stored once, with its content, at the LRS.
void checkDeliveredExactlyOnce(const Rig& rig, const std::vector<TestStatement>& statements)
{
    const auto stored = rig.lrs.stored();
    for (const auto& statement : statements)
    {
        BOOST_TEST_CONTEXT("statement " << statement.id)
        {
            BOOST_TEST((rig.queue.entry(statement.id).state == State::Delivered));
            BOOST_TEST(stored.count(statement.id) == 1u);
        }
    }
    BOOST_TEST(rig.lrs.storeEvents() == stored.size()); // nothing stored twice
}

std::size_t countPosts(const FakeLrs& lrs)
{
    std::size_t posts = 0;
    for (const auto& request : lrs.requests()) posts += request.method == "POST";
    return posts;
}

FakeLrs::Reply status(int code, std::map<std::string, std::string> headers = {})
{
    FakeLrs::Reply reply;
    reply.status = code;
    reply.body = "{\"message\":\"scripted " + std::to_string(code) + "\"}";
    reply.headers = std::move(headers);
    return reply;
}

} // namespace

BOOST_AUTO_TEST_SUITE(happy_path)

BOOST_AUTO_TEST_CASE(delivers_everything_in_batches_with_the_xapi_headers)
{
    Rig rig(50);
    const auto statements = makeStatements(120, &rig.queue);

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 120u);
    BOOST_TEST(summary.requests == 3u);
    BOOST_TEST(summary.retries == 0u);
    BOOST_TEST(rig.clock.waits().empty());
    checkDeliveredExactlyOnce(rig, statements);

    const auto requests = rig.lrs.requests();
    BOOST_REQUIRE(requests.size() == 3u);
    BOOST_TEST(requests[0].ids.size() == 50u);
    BOOST_TEST(requests[1].ids.size() == 50u);
    BOOST_TEST(requests[2].ids.size() == 20u);
    BOOST_TEST(requests[0].ids.front() == statements.front().id); // queue order is kept
    BOOST_TEST(requests[2].ids.back() == statements.back().id);
    for (const auto& request : requests)
    {
        BOOST_TEST(request.clientAddress == requests[0].clientAddress); // one kept-alive connection
        BOOST_TEST(request.path == "/xAPI/statements");
        BOOST_TEST(request.version == "1.0.3");
        BOOST_TEST(request.contentType == "application/json");
        BOOST_TEST(request.authorization == basicAuthorization());
    }
}

BOOST_AUTO_TEST_CASE(progress_is_reported_after_each_request)
{
    Rig rig(10);
    makeStatements(25, &rig.queue);
    std::vector<std::size_t> delivered;
    rig.sender.drain([&](const OutboxSender::Summary& soFar) { delivered.push_back(soFar.delivered); });
    BOOST_TEST(delivered == (std::vector<std::size_t>{10, 20, 25}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_empty_queue_finishes_without_a_request)
{
    Rig rig;
    const auto summary = rig.sender.drain();
    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.requests == 0u);
    BOOST_TEST(countPosts(rig.lrs) == 0u);
}

BOOST_AUTO_TEST_CASE(statements_not_yet_due_are_waited_for)
{
    Rig rig;
    const auto later = makeStatement(1);
    rig.queue.add(later.id, later.json, rig.clock.now() + 90s);
    const auto summary = rig.sender.drain();
    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 1u);
    BOOST_REQUIRE(rig.clock.waits().size() == 1u);
    BOOST_TEST(rig.clock.waits()[0].count() == 90000);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(retryable_failures)

BOOST_AUTO_TEST_CASE(server_errors_are_retried_with_growing_backoff)
{
    Rig rig(50);
    const auto statements = makeStatements(60, &rig.queue);
    rig.lrs.setRule([](const FakeLrs::Request& request) { return request.index < 3 ? status(500) : FakeLrs::Reply{}; });

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.retries == 3u);
    BOOST_TEST(summary.delivered == 60u);
    checkDeliveredExactlyOnce(rig, statements);
    // Three consecutive failures: ceilings of 1 s, 2 s, 4 s; each wait at least half its ceiling.
    const auto& waits = rig.clock.waits();
    BOOST_REQUIRE(waits.size() == 3u);
    BOOST_TEST(waits[0].count() >= 500);
    BOOST_TEST(waits[0].count() <= 1000);
    BOOST_TEST(waits[1].count() >= 1000);
    BOOST_TEST(waits[1].count() <= 2000);
    BOOST_TEST(waits[2].count() >= 2000);
    BOOST_TEST(waits[2].count() <= 4000);
    // The statements of the failed batch carry the failures in the queue.
    BOOST_TEST(rig.queue.entry(statements[0].id).failedAttempts == 3u);
    BOOST_TEST(rig.queue.entry(statements[0].id).lastError == "scripted 500");
    BOOST_TEST(rig.queue.entry(statements[55].id).failedAttempts == 0u);
}

BOOST_AUTO_TEST_CASE(retry_after_in_seconds_is_honoured)
{
    Rig rig;
    const auto statements = makeStatements(10, &rig.queue);
    rig.lrs.setRule([](const FakeLrs::Request& request) {
        return request.index < 2 ? status(503, {{"Retry-After", "7"}}) : FakeLrs::Reply{};
    });

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    checkDeliveredExactlyOnce(rig, statements);
    const auto& waits = rig.clock.waits();
    BOOST_REQUIRE(waits.size() == 2u);
    BOOST_TEST(waits[0].count() == 7000); // the backoff (<= 1 s) is shorter: Retry-After wins
    BOOST_TEST(waits[1].count() == 7000);
    // No request went out before the Retry-After had passed (the fake clock jumped, so requests came in order).
    BOOST_TEST(countPosts(rig.lrs) == 3u);
}

BOOST_AUTO_TEST_CASE(retry_after_as_http_date_is_honoured)
{
    Rig rig;
    const auto statements = makeStatements(5, &rig.queue);
    rig.lrs.setRule([](const FakeLrs::Request& request) {
        if (request.index > 0) return FakeLrs::Reply{};
        Poco::Timestamp inTwentySeconds;
        inTwentySeconds += 20 * Poco::Timespan::SECONDS;
        return status(429, {{"Retry-After",
                             Poco::DateTimeFormatter::format(inTwentySeconds, Poco::DateTimeFormat::HTTP_FORMAT)}});
    });

    rig.sender.drain();

    checkDeliveredExactlyOnce(rig, statements);
    const auto& waits = rig.clock.waits();
    BOOST_REQUIRE(waits.size() == 1u);
    // The date has one-second resolution and the client rounds up: 19..21 s.
    BOOST_TEST(waits[0].count() >= 19000);
    BOOST_TEST(waits[0].count() <= 21000);
}

BOOST_AUTO_TEST_CASE(a_response_slower_than_the_timeout_is_retried_and_counted_once)
{
    Rig rig;
    const auto statements = makeStatements(8, &rig.queue);
    // The first request is stored, but the answer comes after the client gave up (timeout 400 ms).
    rig.lrs.setRule([](const FakeLrs::Request& request) {
        FakeLrs::Reply reply;
        if (request.index == 0) reply.delay = 1500ms;
        return reply;
    });

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.retries == 1u);
    BOOST_TEST(summary.lastError.find("no answer within 400 ms") != std::string::npos);
    // The re-send is identical, so the LRS acknowledges it without storing anything twice.
    checkDeliveredExactlyOnce(rig, statements);
    BOOST_TEST(countPosts(rig.lrs) == 2u);
}

BOOST_AUTO_TEST_CASE(connections_closed_without_an_answer_are_retried)
{
    Rig rig(5);
    const auto statements = makeStatements(15, &rig.queue);
    rig.lrs.setRule([](const FakeLrs::Request& request) {
        FakeLrs::Reply reply;
        if (request.index == 0)
        {
            reply.status = 500; // hang up before storing anything
            reply.dropConnection = true;
        }
        if (request.index == 2) reply.dropConnection = true; // hang up after storing: the answer is lost
        return reply;
    });

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.retries == 2u);
    checkDeliveredExactlyOnce(rig, statements);
}

BOOST_AUTO_TEST_CASE(an_unreachable_lrs_keeps_everything_pending_until_the_time_limit)
{
    // Nothing listens on the port of a socket we bound and closed.
    std::string endpoint;
    {
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
        endpoint = "http://127.0.0.1:" + std::to_string(socket.address().port()) + "/xAPI";
    }
    MemoryStatementQueue queue;
    FakeClock clock;
    LrsClient client(clientSettings(endpoint));
    auto settings = senderSettings();
    settings.backoffMax = 10000ms;
    settings.drainTimeLimit = 60000ms;
    OutboxSender sender(queue, client, settings, clock);
    const auto statements = makeStatements(7, &queue);

    const auto summary = sender.drain();

    BOOST_TEST(!summary.finished);
    BOOST_TEST(!summary.stopped);
    BOOST_TEST(summary.delivered == 0u);
    BOOST_TEST(summary.retries >= 4u); // 1 + 2 + 4 + 8 s ceilings fit into a minute
    BOOST_TEST(clock.waited().count() <= 60000);
    BOOST_TEST(queue.ids(State::Pending).size() == 7u); // nothing lost
    BOOST_TEST(queue.entry(statements[0].id).failedAttempts == summary.retries);
    BOOST_TEST(!queue.entry(statements[0].id).lastError.empty());
}

BOOST_AUTO_TEST_CASE(refused_credentials_end_the_drain_and_lose_nothing)
{
    Rig rig;
    const auto statements = makeStatements(12, &rig.queue);
    rig.lrs.setRule([](const FakeLrs::Request&) { return status(401); });

    const auto summary = rig.sender.drain();

    BOOST_TEST(!summary.finished);
    BOOST_TEST(summary.requests == 1u);
    BOOST_TEST(summary.retries == 1u);
    BOOST_TEST(summary.lastError == "scripted 401");
    BOOST_TEST(rig.queue.ids(State::Pending).size() == 12u);
    BOOST_TEST(rig.queue.ids(State::Quarantined).empty());
}

BOOST_AUTO_TEST_CASE(random_faults_never_lose_or_duplicate_a_statement)
{
    Rig rig(20);
    const auto statements = makeStatements(300, &rig.queue);
    std::mt19937 random(20240501);
    std::mutex randomMutex;
    rig.lrs.setRule([&](const FakeLrs::Request&) {
        std::lock_guard<std::mutex> lock(randomMutex);
        FakeLrs::Reply reply;
        switch (std::uniform_int_distribution<int>(0, 9)(random))
        {
            case 0:
                reply = status(500);
                break;
            case 1:
                reply = status(503, {{"Retry-After", "3"}});
                break;
            case 2:
                reply = status(429);
                break;
            case 3:
                reply.dropConnection = true;
                break; // stored, answer lost
            case 4:
                reply.status = 502;
                reply.dropConnection = true;
                break; // nothing stored, no answer
            default:
                break;
        }
        return reply;
    });

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 300u);
    BOOST_TEST(summary.quarantined == 0u);
    BOOST_TEST(summary.retries > 0u);
    checkDeliveredExactlyOnce(rig, statements);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rejections)

BOOST_AUTO_TEST_CASE(a_bad_statement_is_found_by_bisection_and_quarantined_with_the_lrs_reason)
{
    Rig rig(50);
    auto statements = makeStatements(50);
    statements[17] = makeStatement(17, "learner17@example.com"); // no mailto: the LRS rejects it
    for (const auto& statement : statements) rig.queue.add(statement.id, statement.json);

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 49u);
    BOOST_TEST(summary.quarantined == 1u);
    BOOST_TEST(summary.retries == 0u);
    const auto bad = rig.queue.entry(statements[17].id);
    BOOST_TEST((bad.state == State::Quarantined));
    BOOST_TEST(bad.quarantineReason == "Problem in 'statements.0.actor.mbox'. Received '\"learner17@example.com\"'");
    BOOST_TEST(rig.lrs.stored().count(statements[17].id) == 0u);
    statements.erase(statements.begin() + 17);
    checkDeliveredExactlyOnce(rig, statements);
    // Bisection: about two requests per halving of 50, not one request per statement.
    BOOST_TEST(summary.requests <= 13u);
}

BOOST_AUTO_TEST_CASE(several_bad_statements_are_each_quarantined)
{
    Rig rig(16);
    auto statements = makeStatements(40);
    const std::set<std::size_t> badOnes{0, 5, 6, 39};
    for (std::size_t i : badOnes)
        statements[i] = makeStatement(static_cast<int>(i), "http://not-a-mailbox.example.com");
    for (const auto& statement : statements) rig.queue.add(statement.id, statement.json);

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.quarantined == badOnes.size());
    BOOST_TEST(summary.delivered == 40u - badOnes.size());
    std::vector<TestStatement> good;
    for (std::size_t i = 0; i < statements.size(); ++i)
    {
        if (badOnes.count(i))
        {
            BOOST_TEST((rig.queue.entry(statements[i].id).state == State::Quarantined));
            BOOST_TEST(rig.queue.entry(statements[i].id).quarantineReason.find("actor.mbox") != std::string::npos);
        }
        else good.push_back(statements[i]);
    }
    checkDeliveredExactlyOnce(rig, good);
}

BOOST_AUTO_TEST_CASE(a_conflicting_id_is_quarantined_and_the_rest_delivered)
{
    Rig rig(50);
    auto statements = makeStatements(30, &rig.queue);
    // The LRS already holds other content under statement 11's id.
    const std::string conflicting = statements[11].id;
    rig.lrs.seed(conflicting, makeStatement(11, "", "-different", conflicting).json);

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.quarantined == 1u);
    BOOST_TEST(summary.delivered == 29u);
    const auto entry = rig.queue.entry(conflicting);
    BOOST_TEST((entry.state == State::Quarantined));
    BOOST_TEST(entry.quarantineReason == "LRS holds different content under this id");
    BOOST_TEST(rig.lrs.stored().at(conflicting).find("-different") != std::string::npos); // the LRS's copy stands
    statements.erase(statements.begin() + 11);
    checkDeliveredExactlyOnce(rig, statements);
}

BOOST_AUTO_TEST_CASE(an_identical_resend_counts_as_delivered)
{
    Rig rig;
    const auto statements = makeStatements(20, &rig.queue);
    for (int i = 0; i < 20; i += 4)
        rig.lrs.seed(statements[static_cast<std::size_t>(i)].id, statements[static_cast<std::size_t>(i)].json);

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 20u);
    BOOST_TEST(summary.quarantined == 0u);
    BOOST_TEST(summary.requests == 1u);
    checkDeliveredExactlyOnce(rig, statements);
}

BOOST_AUTO_TEST_CASE(too_large_batches_shrink_the_batch_size)
{
    Rig rig(50);
    const auto statements = makeStatements(75, &rig.queue);
    rig.lrs.setRule(
        [](const FakeLrs::Request& request) { return request.ids.size() > 10 ? status(413) : FakeLrs::Reply{}; });

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.quarantined == 0u);
    BOOST_TEST(summary.retries == 0u);
    BOOST_TEST(rig.sender.batchSize() <= 10u);
    checkDeliveredExactlyOnce(rig, statements);
    // Once the size has come down, later batches stay within the limit: the 25 statements beyond the first
    // batch of 50 never travel in an oversized request.
    std::set<std::string> later;
    for (std::size_t i = 50; i < statements.size(); ++i) later.insert(statements[i].id);
    for (const auto& request : rig.lrs.requests())
        if (!request.ids.empty() && later.count(request.ids.front())) BOOST_TEST(request.ids.size() <= 10u);
}

BOOST_AUTO_TEST_CASE(a_single_statement_too_large_for_the_lrs_is_quarantined)
{
    Rig rig(4);
    auto statements = makeStatements(6);
    statements[2] = makeStatement(2, "", "-huge");
    for (const auto& statement : statements) rig.queue.add(statement.id, statement.json);
    rig.lrs.setRule([](const FakeLrs::Request& request) {
        return request.body.find("-huge") != std::string::npos ? status(413) : FakeLrs::Reply{};
    });

    const auto summary = rig.sender.drain();

    BOOST_TEST(summary.finished);
    const auto entry = rig.queue.entry(statements[2].id);
    BOOST_TEST((entry.state == State::Quarantined));
    BOOST_TEST(entry.quarantineReason == "too large for the LRS (HTTP 413): scripted 413");
    statements.erase(statements.begin() + 2);
    checkDeliveredExactlyOnce(rig, statements);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(client)

BOOST_AUTO_TEST_CASE(check_about_accepts_a_compatible_version_and_rejects_others)
{
    FakeLrs lrs;
    LrsClient client(clientSettings(lrs.endpoint()));
    BOOST_TEST(client.checkAbout() == (std::vector<std::string>{"1.0.3"}), boost::test_tools::per_element());
    lrs.setAboutVersions({"0.95", "1.0.0"});
    BOOST_TEST(client.checkAbout().size() == 2u);
    lrs.setAboutVersions({"2.0.0"});
    BOOST_CHECK_THROW(client.checkAbout(), LrsIncompatibleException);
    const auto requests = lrs.requests();
    BOOST_TEST(requests.back().path == "/xAPI/about");
    BOOST_TEST(requests.back().version == "1.0.3");
}

BOOST_AUTO_TEST_CASE(check_about_reports_an_unreachable_lrs)
{
    std::string endpoint;
    {
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
        endpoint = "http://127.0.0.1:" + std::to_string(socket.address().port()) + "/xAPI";
    }
    LrsClient client(clientSettings(endpoint));
    BOOST_CHECK_THROW(client.checkAbout(), LrsUnreachableException);
}

BOOST_AUTO_TEST_CASE(post_results_are_classified)
{
    FakeLrs lrs;
    LrsClient client(clientSettings(lrs.endpoint()));
    const auto statement = makeStatement(1);
    const std::string body = "[" + statement.json + "]";
    const std::pair<int, PostResult::Outcome> cases[] = {
        {400, PostResult::Outcome::BadRequest}, {401, PostResult::Outcome::Refused},
        {403, PostResult::Outcome::Refused},    {404, PostResult::Outcome::Refused},
        {409, PostResult::Outcome::Conflict},   {413, PostResult::Outcome::TooLarge},
        {429, PostResult::Outcome::Retryable},  {500, PostResult::Outcome::Retryable},
        {502, PostResult::Outcome::Retryable},  {503, PostResult::Outcome::Retryable},
        {204, PostResult::Outcome::Delivered}};
    for (const auto& [code, outcome] : cases)
    {
        lrs.setRule([code = code](const FakeLrs::Request&) { return status(code); });
        const PostResult result = client.postBatch(body);
        BOOST_TEST_CONTEXT("HTTP " << code)
        {
            BOOST_TEST((result.outcome == outcome));
            BOOST_TEST(result.httpStatus == code);
            if (outcome != PostResult::Outcome::Delivered)
                BOOST_TEST(result.reason == "scripted " + std::to_string(code));
        }
    }
    lrs.setRule({});
    const PostResult delivered = client.postBatch(body);
    BOOST_TEST(delivered.delivered());
    BOOST_TEST(delivered.httpStatus == 200);
}

BOOST_AUTO_TEST_CASE(the_password_never_reaches_the_log)
{
    LogCapture log;
    {
        Rig rig(8);
        auto statements = makeStatements(20);
        statements[3] = makeStatement(3, "nobody");
        for (const auto& statement : statements) rig.queue.add(statement.id, statement.json);
        rig.lrs.setRule([](const FakeLrs::Request& request) {
            if (request.index == 0) return status(500);
            if (request.index == 1) return status(401);
            return FakeLrs::Reply{};
        });
        rig.client.checkAbout();
        rig.sender.drain(); // ends at the 401
        rig.sender.drain();
        BOOST_TEST(rig.queue.ids(State::Delivered).size() == 19u);
    }
    const auto lines = log.lines();
    BOOST_TEST(lines.size() > 3u); // the scenario did log
    const std::string encoded = basicAuthorization().substr(6);
    for (const auto& line : lines)
    {
        BOOST_TEST(line.find(password) == std::string::npos, line);
        BOOST_TEST(line.find(encoded) == std::string::npos, line);
    }
    BOOST_TEST(log.contains("quarantined"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(background)

BOOST_AUTO_TEST_CASE(notify_delivers_and_stop_is_prompt)
{
    FakeLrs lrs;
    MemoryStatementQueue queue;
    LrsClient client(clientSettings(lrs.endpoint()));
    auto settings = senderSettings();
    settings.pollInterval = 3600s; // only notify() can wake it in time
    OutboxSender sender(queue, client, settings);
    sender.start();
    BOOST_TEST(sender.running());

    const auto waitUntilDelivered = [&](std::size_t count) {
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (queue.ids(State::Delivered).size() < count && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(10ms);
        return queue.ids(State::Delivered).size();
    };

    auto first = makeStatements(30, &queue);
    sender.notify();
    BOOST_TEST(waitUntilDelivered(30) == 30u);
    auto second = makeStatements(5, &queue);
    sender.notify();
    BOOST_TEST(waitUntilDelivered(35) == 35u);

    const auto stopping = std::chrono::steady_clock::now();
    sender.stop();
    BOOST_TEST(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - stopping).count() <
        1000);
    BOOST_TEST(!sender.running());
    BOOST_TEST(sender.totals().delivered == 35u);
    BOOST_TEST(lrs.stored().size() == 35u);
}

BOOST_AUTO_TEST_CASE(stop_interrupts_a_long_backoff)
{
    FakeLrs lrs;
    MemoryStatementQueue queue;
    LrsClient client(clientSettings(lrs.endpoint()));
    lrs.setRule([](const FakeLrs::Request&) { return status(503, {{"Retry-After", "3600"}}); });
    OutboxSender sender(queue, client, senderSettings());
    makeStatements(3, &queue);
    sender.start();
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (sender.totals().retries == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    BOOST_REQUIRE(sender.totals().retries == 1u);
    sender.notify(); // does not cut the backoff short
    std::this_thread::sleep_for(100ms);
    BOOST_TEST(countPosts(lrs) == 1u);

    const auto stopping = std::chrono::steady_clock::now();
    sender.stop();
    BOOST_TEST(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - stopping).count() <
        1000);
    BOOST_TEST(queue.ids(State::Pending).size() == 3u);
}

BOOST_AUTO_TEST_CASE(stop_aborts_a_request_in_flight_and_leaves_it_pending)
{
    FakeLrs lrs;
    MemoryStatementQueue queue;
    auto settings = clientSettings(lrs.endpoint());
    settings.requestTimeout = 30000ms;
    LrsClient client(settings);
    lrs.setRule([](const FakeLrs::Request&) {
        FakeLrs::Reply reply;
        reply.status = 500;
        reply.delay = 10000ms;
        return reply;
    });
    OutboxSender sender(queue, client, senderSettings());
    const auto statements = makeStatements(4, &queue);
    sender.start();
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (countPosts(lrs) == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
    BOOST_REQUIRE(countPosts(lrs) == 1u);

    const auto stopping = std::chrono::steady_clock::now();
    sender.stop();
    BOOST_TEST(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - stopping).count() <
        1000);
    for (const auto& statement : statements)
    {
        BOOST_TEST((queue.entry(statement.id).state == State::Pending));
        BOOST_TEST(queue.entry(statement.id).failedAttempts == 0u); // our own abort is not the LRS's failure
    }
}

BOOST_AUTO_TEST_CASE(drain_is_refused_while_the_background_thread_runs)
{
    FakeLrs lrs;
    MemoryStatementQueue queue;
    LrsClient client(clientSettings(lrs.endpoint()));
    OutboxSender sender(queue, client, senderSettings());
    sender.start();
    BOOST_CHECK_THROW(sender.drain(), Poco::IllegalStateException);
    sender.stop();
    BOOST_TEST(sender.drain().finished);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tls)

namespace {

Poco::Net::Context::Ptr serverContext()
{
    const std::string data = SFE_DELIVERY_TEST_DATA;
    return new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, data + "/server-key.pem",
                                  data + "/server-cert.pem", "", Poco::Net::Context::VERIFY_NONE);
}

} // namespace

BOOST_AUTO_TEST_CASE(a_server_certified_by_the_named_ca_file_is_trusted)
{
    FakeLrs lrs(serverContext());
    BOOST_TEST(lrs.endpoint().rfind("https://", 0) == 0);
    auto settings = clientSettings(lrs.endpoint());
    settings.caFile = std::string(SFE_DELIVERY_TEST_DATA) + "/test-ca.pem";
    LrsClient client(settings);
    BOOST_TEST(client.checkAbout().size() == 1u);
    MemoryStatementQueue queue;
    const auto statements = makeStatements(12, &queue);
    OutboxSender sender(queue, client, senderSettings(5));
    const auto summary = sender.drain();
    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 12u);
    BOOST_TEST(lrs.stored().size() == 12u);
    BOOST_TEST(lrs.requests().back().authorization == basicAuthorization());
}

BOOST_AUTO_TEST_CASE(an_untrusted_certificate_is_refused_by_default_and_nothing_is_sent)
{
    FakeLrs lrs(serverContext());
    LrsClient client(clientSettings(lrs.endpoint())); // system CA store only: the test CA is not in it
    BOOST_CHECK_THROW(client.checkAbout(), LrsUnreachableException);
    const PostResult result = client.postBatch("[" + makeStatement(1).json + "]");
    BOOST_TEST((result.outcome == PostResult::Outcome::Refused));
    BOOST_TEST(result.reason.find("certificate") != std::string::npos, result.reason);
    BOOST_TEST(lrs.requests().empty()); // the handshake failed before any request, credentials included, left

    MemoryStatementQueue queue;
    makeStatements(3, &queue);
    FakeClock clock;
    OutboxSender sender(queue, client, senderSettings(), clock);
    const auto summary = sender.drain();
    BOOST_TEST(!summary.finished);
    BOOST_TEST(queue.ids(State::Pending).size() == 3u);
}

BOOST_AUTO_TEST_CASE(verification_can_be_switched_off_with_a_warning)
{
    LogCapture log;
    FakeLrs lrs(serverContext());
    auto settings = clientSettings(lrs.endpoint());
    settings.verifyCertificates = false;
    LrsClient client(settings);
    BOOST_TEST(log.contains("NOT verified"));
    BOOST_TEST(client.postBatch("[" + makeStatement(1).json + "]").delivered());
}

BOOST_AUTO_TEST_SUITE_END()
