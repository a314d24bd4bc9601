//
// TestStatements.h
//
// Project: sfia-evidence, tests/delivery
//
// Plain-JSON xAPI 1.0.3 statements for the delivery tests (independent of the statement builder).
//

#ifndef SFE_TESTS_DELIVERY_TESTSTATEMENTS_H
#define SFE_TESTS_DELIVERY_TESTSTATEMENTS_H

#include "sfe/xapi/delivery/MemoryStatementQueue.h"

#include <Poco/UUIDGenerator.h>

#include <string>
#include <vector>

namespace sfe::test {

struct TestStatement
{
    std::string id;
    std::string json;
};

/// A valid xAPI 1.0.3 statement: learner n completed activity n (+ `activitySuffix`). `mbox` replaces the
/// actor's mbox (to make the statement invalid), `id` the random id, `registration` adds a context
/// registration (so a test can find its statements in a shared LRS).
inline TestStatement makeStatement(int n, const std::string& mbox = "", const std::string& activitySuffix = "",
                                   const std::string& id = "", const std::string& registration = "")
{
    TestStatement statement;
    statement.id = id.empty() ? Poco::UUIDGenerator::defaultGenerator().createRandom().toString() : id;
    const std::string number = std::to_string(n);
    statement.json =
        "{\"id\":\"" + statement.id +
        "\","
        "\"actor\":{\"objectType\":\"Agent\",\"name\":\"Lernende " +
        number + "\",\"mbox\":\"" + (mbox.empty() ? "mailto:learner" + number + "@example.com" : mbox) +
        "\"},"
        "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\",\"display\":{\"en-US\":\"completed\"}},"
        "\"object\":{\"objectType\":\"Activity\",\"id\":\"https://example.com/activities/" +
        number + activitySuffix + "\"}," +
        (registration.empty() ? "" : "\"context\":{\"registration\":\"" + registration + "\"},") +
        "\"timestamp\":\"2024-05-01T10:00:00.000Z\"}";
    return statement;
}

/// `count` valid statements, added to the queue (if given) in order.
inline std::vector<TestStatement> makeStatements(int count, xapi::delivery::MemoryStatementQueue* queue = nullptr)
{
    std::vector<TestStatement> statements;
    for (int n = 0; n < count; ++n)
    {
        statements.push_back(makeStatement(n));
        if (queue) queue->add(statements.back().id, statements.back().json);
    }
    return statements;
}

} // namespace sfe::test

#endif // SFE_TESTS_DELIVERY_TESTSTATEMENTS_H
