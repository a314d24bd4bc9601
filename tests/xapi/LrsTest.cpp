//
// LrsTest.cpp
//
// Project: sfia-evidence, tests/xapi
//
// Learning Locker (the test LRS) accepts every kind of statement we write, stores it unchanged (so our
// output is already its normalised form), and treats an identical re-send as a no-op.
//

#define BOOST_TEST_MODULE xapi_lrs
#include "Examples.h"
#include "TestLrsRequest.h"
#include "sfe/xapi/StatementSerializer.h"
#include "sfe/xapi/StatementValidator.h"
#include "sfe/xapi/Uuid.h"
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>
#include <sstream>

using namespace sfe::xapi;
using namespace sfe::test;
using Poco::JSON::Object;

namespace {

/// JSON with keys sorted (Poco's default object), so two documents compare by content.
std::string canonical(const Poco::Dynamic::Var& v)
{
    std::ostringstream out;
    Poco::JSON::Parser().parse(Poco::Dynamic::Var::toString(v)).extract<Object::Ptr>()->stringify(out);
    return out.str();
}

std::string canonical(const std::string& json)
{
    std::ostringstream out;
    Poco::JSON::Parser().parse(json).extract<Object::Ptr>()->stringify(out);
    return out.str();
}

/// Our six kinds of statement, with fresh ids (the LRS lives for the whole ctest run).
std::vector<Statement> freshStatements()
{
    std::vector<Statement> all = {learning("completed").build(), learning("passed").build(), learning("failed").build(),
                                  attested().build(), achieved().build()};
    for (auto& s : all) s.id = Uuid::random();
    return all;
}

} // namespace

BOOST_AUTO_TEST_CASE(accepts_stores_unchanged_and_ignores_identical_resends)
{
    const StatementSerializer serializer;
    std::vector<Statement> statements = freshStatements();
    BOOST_REQUIRE(StatementValidator().validate(statements).empty());

    const std::string batch = serializer.serializeArray(statements);
    const TestLrsReply posted = testLrsRequest("POST", "/statements", batch);
    BOOST_REQUIRE_MESSAGE(posted.status == 200, "POST answered " << posted.status << ": " << posted.body);
    const auto ids = Poco::JSON::Parser().parse(posted.body).extract<Poco::JSON::Array::Ptr>();
    BOOST_REQUIRE(ids->size() == statements.size());
    for (std::size_t i = 0; i < statements.size(); ++i)
        BOOST_TEST(ids->getElement<std::string>(static_cast<unsigned>(i)) == statements[i].id);

    // Stored as sent: what comes back, less what the LRS adds, is exactly our JSON.
    for (const auto& s : statements)
    {
        const TestLrsReply got = testLrsRequest("GET", "/statements?statementId=" + s.id);
        BOOST_REQUIRE_MESSAGE(got.status == 200, "GET answered " << got.status << ": " << got.body);
        Object::Ptr stored = Poco::JSON::Parser().parse(got.body).extract<Object::Ptr>();
        for (const char* added : {"stored", "authority", "version"}) stored->remove(added);
        BOOST_TEST(canonical(Poco::Dynamic::Var(stored)) == canonical(serializer.serialize(s)), s.verb.id);
    }

    // An identical re-send changes nothing and is not an error.
    BOOST_TEST(testLrsRequest("POST", "/statements", batch).status == 200);

    // The voiding statement, for one of them.
    Statement voiding = voided().build();
    voiding.id = Uuid::random();
    std::get<StatementRef>(voiding.object).id = statements[0].id;
    const TestLrsReply voidReply = testLrsRequest("POST", "/statements", serializer.serialize(voiding));
    BOOST_TEST(voidReply.status == 200, voidReply.body);
    BOOST_TEST(testLrsRequest("GET", "/statements?statementId=" + statements[0].id).status == 404);
    BOOST_TEST(testLrsRequest("GET", "/statements?voidedStatementId=" + statements[0].id).status == 200);
}

BOOST_AUTO_TEST_CASE(same_id_with_other_content_is_a_conflict)
{
    Statement s = achieved().build();
    s.id = Uuid::random();
    const StatementSerializer serializer;
    BOOST_REQUIRE(testLrsRequest("POST", "/statements", serializer.serialize(s)).status == 200);
    s.timestamp = "2024-05-03T12:00:00.001Z";
    BOOST_TEST(testLrsRequest("POST", "/statements", serializer.serialize(s)).status == 409);
}

BOOST_AUTO_TEST_CASE(refuses_the_2_0_0_form_as_the_producer_notes_say)
{
    // Learning Locker knows xAPI 1.0.x only: a 2.0.0 version header, or contextAgents, get a 400.
    // This is why 1.0.3 is the default and 2.0.0 an option.
    SerializerOptions options;
    options.version = SpecVersion::v2_0_0;
    options.instructorRelevantType = iri::kAssessor;
    Statement s = attested().build();
    s.id = Uuid::random();
    BOOST_TEST(testLrsRequest("POST", "/statements", StatementSerializer(options).serialize(s), "2.0.0").status == 400);
    BOOST_TEST(testLrsRequest("POST", "/statements", StatementSerializer(options).serialize(s), "1.0.3").status == 400);
}
