//
// DeliveryLrsTest.cpp
//
// Project: sfia-evidence, tests/delivery
//
// OutboxSender against the real test LRS (Learning Locker's statement service, ctest fixture `lrs`):
// what it acknowledges can be read back exactly once; what it rejects is quarantined with its reason.
//

#define BOOST_TEST_MODULE delivery_lrs
#include <boost/test/unit_test.hpp>

#include "TestLrs.h"
#include "TestStatements.h"

#include "sfe/xapi/delivery/LrsClient.h"
#include "sfe/xapi/delivery/MemoryStatementQueue.h"
#include "sfe/xapi/delivery/OutboxSender.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <Poco/UUIDGenerator.h>

#include <map>
#include <thread>

using namespace sfe::xapi::delivery;
using namespace sfe::test;
using namespace std::chrono_literals;
using State = MemoryStatementQueue::State;

namespace {

LrsClient::Settings clientSettings()
{
    LrsClient::Settings settings;
    settings.endpoint = testLrsBaseUrl();
    settings.username = "sfe-test";
    settings.password = "any-password-will-do";
    return settings;
}

OutboxSender::Settings senderSettings(std::size_t batchSize = 50)
{
    OutboxSender::Settings settings;
    settings.batchSize = batchSize;
    settings.backoffBase = 100ms;
    settings.backoffMax = 1000ms;
    settings.drainTimeLimit = 30000ms; // the LRS is local: never wait long in a test
    return settings;
}

std::string newRegistration()
{
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

/// GET on the LRS (path and query relative to its origin); returns status and body.
std::pair<int, std::string> get(const std::string& pathAndQuery)
{
    const Poco::URI base(testLrsBaseUrl());
    Poco::Net::HTTPClientSession session(base.getHost(), base.getPort());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Experience-API-Version", "1.0.3");
    Poco::Net::HTTPBasicCredentials("reader", "secret").authenticate(request);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return {static_cast<int>(response.getStatus()), body};
}

/// Statement ids stored under this registration, read with `more` paging, 100 per page: id -> how often.
std::map<std::string, int> idsStoredFor(const std::string& registration, std::size_t* pages = nullptr)
{
    std::map<std::string, int> ids;
    std::string next =
        Poco::URI(testLrsBaseUrl()).getPath() + "/statements?registration=" + registration + "&limit=100";
    std::size_t pageCount = 0;
    while (!next.empty())
    {
        const auto [status, body] = get(next);
        BOOST_REQUIRE_MESSAGE(status == 200, "GET " << next << " answered " << status << ": " << body);
        Poco::JSON::Parser parser;
        const auto result = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
        const auto statements = result->getArray("statements");
        for (std::size_t i = 0; i < statements->size(); ++i)
            ++ids[statements->getObject(static_cast<unsigned>(i))->getValue<std::string>("id")];
        // `more` is relative to the LRS's origin; some LRSs send an absolute URL.
        next = result->optValue<std::string>("more", "");
        if (!next.empty() && next.find("://") != std::string::npos) next = Poco::URI(next).getPathAndQuery();
        ++pageCount;
        BOOST_REQUIRE(pageCount < 100);
    }
    if (pages) *pages = pageCount;
    return ids;
}

Poco::JSON::Object::Ptr storedStatement(const std::string& id)
{
    const auto [status, body] = get(Poco::URI(testLrsBaseUrl()).getPath() + "/statements?statementId=" + id);
    if (status == 404) return nullptr;
    BOOST_REQUIRE_MESSAGE(status == 200, "GET statement " << id << " answered " << status << ": " << body);
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
}

std::vector<TestStatement> registeredStatements(int count, const std::string& registration, int firstNumber = 0)
{
    std::vector<TestStatement> statements;
    for (int n = firstNumber; n < firstNumber + count; ++n)
        statements.push_back(makeStatement(n, "", "", "", registration));
    return statements;
}

void enqueue(MemoryStatementQueue& queue, const std::vector<TestStatement>& statements)
{
    for (const auto& statement : statements) queue.add(statement.id, statement.json);
}

/// Queues the statements and drains the queue into the test LRS on this thread, `batchSize` a request.
OutboxSender::Summary deliver(MemoryStatementQueue& queue, const std::vector<TestStatement>& statements,
                              std::size_t batchSize = 50)
{
    enqueue(queue, statements);
    LrsClient client(clientSettings());
    OutboxSender sender(queue, client, senderSettings(batchSize));
    return sender.drain();
}

} // namespace

BOOST_AUTO_TEST_CASE(the_lrs_lists_xapi_1_0_3)
{
    LrsClient client(clientSettings());
    const auto versions = client.checkAbout();
    BOOST_TEST((std::find(versions.begin(), versions.end(), "1.0.3") != versions.end()));
}

BOOST_AUTO_TEST_CASE(hundreds_of_statements_arrive_exactly_once)
{
    const std::string registration = newRegistration();
    const auto statements = registeredStatements(320, registration);
    MemoryStatementQueue queue;

    const auto summary = deliver(queue, statements);

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 320u);
    BOOST_TEST(summary.quarantined == 0u);
    BOOST_TEST(summary.requests == 7u);
    BOOST_TEST(queue.ids(State::Delivered).size() == 320u);

    std::size_t pages = 0;
    const auto stored = idsStoredFor(registration, &pages);
    BOOST_TEST(stored.size() == 320u);
    BOOST_TEST(pages >= 4u); // 320 at 100 per page: the `more` links were followed
    for (const auto& statement : statements)
    {
        const auto it = stored.find(statement.id);
        BOOST_TEST_CONTEXT("statement " << statement.id)
        {
            BOOST_REQUIRE(it != stored.end());
            BOOST_TEST(it->second == 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_statement_the_lrs_rejects_is_quarantined_with_its_reason_and_the_rest_delivered)
{
    const std::string registration = newRegistration();
    auto statements = registeredStatements(20, registration);
    statements[7] = makeStatement(7, "learner7@example.com", "", "", registration); // mbox without mailto:
    MemoryStatementQueue queue;

    const auto summary = deliver(queue, statements);

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 19u);
    BOOST_TEST(summary.quarantined == 1u);
    const auto rejected = queue.entry(statements[7].id);
    BOOST_TEST((rejected.state == State::Quarantined));
    BOOST_TEST(rejected.quarantineReason ==
               "Problem in 'statements.0.actor.mbox'. Received '\"learner7@example.com\"'");
    BOOST_TEST(!storedStatement(statements[7].id));
    const auto stored = idsStoredFor(registration);
    BOOST_TEST(stored.size() == 19u);
    for (std::size_t i = 0; i < statements.size(); ++i)
        if (i != 7) BOOST_TEST(stored.count(statements[i].id) == 1u);
}

BOOST_AUTO_TEST_CASE(an_identical_resend_counts_as_delivered)
{
    const std::string registration = newRegistration();
    const auto statements = registeredStatements(15, registration);
    {
        MemoryStatementQueue firstTry; // e.g. delivered, then the process died before marking them
        BOOST_TEST(deliver(firstTry, {statements.begin(), statements.begin() + 10}).delivered == 10u);
    }
    MemoryStatementQueue queue;

    const auto summary = deliver(queue, statements);

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 15u);
    BOOST_TEST(summary.quarantined == 0u);
    BOOST_TEST(summary.requests == 1u);
    BOOST_TEST(idsStoredFor(registration).size() == 15u);
}

BOOST_AUTO_TEST_CASE(different_content_under_a_stored_id_is_quarantined_as_a_conflict)
{
    const std::string registration = newRegistration();
    const auto original = makeStatement(1, "", "", "", registration);
    {
        MemoryStatementQueue earlier;
        BOOST_REQUIRE(deliver(earlier, {original}).delivered == 1u);
    }
    auto statements = registeredStatements(9, registration, 10);
    const auto changed = makeStatement(1, "", "-changed", original.id, registration);
    statements.insert(statements.begin() + 4, changed);
    MemoryStatementQueue queue;

    const auto summary = deliver(queue, statements);

    BOOST_TEST(summary.finished);
    BOOST_TEST(summary.delivered == 9u);
    BOOST_TEST(summary.quarantined == 1u);
    BOOST_TEST(queue.entry(original.id).quarantineReason == "LRS holds different content under this id");
    const auto kept = storedStatement(original.id);
    BOOST_REQUIRE(kept);
    BOOST_TEST(kept->getObject("object")->getValue<std::string>("id") == "https://example.com/activities/1");
    BOOST_TEST(idsStoredFor(registration).size() == 10u);
}

BOOST_AUTO_TEST_CASE(background_mode_delivers_on_notify_and_stops_within_a_second)
{
    const std::string registration = newRegistration();
    MemoryStatementQueue queue;
    LrsClient client(clientSettings());
    auto settings = senderSettings(10);
    settings.pollInterval = 3600s;
    OutboxSender sender(queue, client, settings);
    sender.start();

    const auto statements = registeredStatements(25, registration);
    enqueue(queue, statements);
    sender.notify();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (queue.ids(State::Delivered).size() < statements.size() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    BOOST_TEST(queue.ids(State::Delivered).size() == statements.size());

    const auto stopping = std::chrono::steady_clock::now();
    sender.stop();
    BOOST_TEST(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - stopping).count() <
        1000);
    BOOST_TEST(idsStoredFor(registration).size() == statements.size());
}
