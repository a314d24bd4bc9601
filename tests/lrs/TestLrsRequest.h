//
// TestLrsRequest.h
//
// Project: sfia-evidence, tests/lrs (the test LRS harness)
//
// One request to the test LRS as the plugin's LrsClient sends it, for tests that check what the LRS
// accepts and stores.
//

#ifndef SFE_TESTS_TESTLRSREQUEST_H
#define SFE_TESTS_TESTLRSREQUEST_H

#include "TestLrs.h"

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <string>

namespace sfe::test {

/// The test LRS's answer: its HTTP status and body.
struct TestLrsReply
{
    int status = 0;
    std::string body;
};

/// Sends one request to the test LRS (testLrsBaseUrl()) with the headers the plugin's LrsClient sends:
/// X-Experience-API-Version `version`, Basic credentials, and with a body its JSON content type and
/// length. `pathAndQuery` is relative to the xAPI endpoint, e.g. "/statements?statementId=...".
inline TestLrsReply testLrsRequest(const std::string& method, const std::string& pathAndQuery,
                                   const std::string& body = "", const std::string& version = "1.0.3")
{
    const Poco::URI base(testLrsBaseUrl());
    Poco::Net::HTTPClientSession session(base.getHost(), base.getPort());
    Poco::Net::HTTPRequest request(method, base.getPath() + pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Experience-API-Version", version);
    Poco::Net::HTTPBasicCredentials("test", "test").authenticate(request);
    if (!body.empty())
    {
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    TestLrsReply reply;
    reply.status = response.getStatus();
    Poco::StreamCopier::copyToString(in, reply.body);
    return reply;
}

} // namespace sfe::test

#endif // SFE_TESTS_TESTLRSREQUEST_H
