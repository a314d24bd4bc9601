//
// LrsReader.cpp
//
// Project: sfia-evidence, tests/outbox
//

#include "LrsReader.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <stdexcept>

namespace sfe {
namespace test {

LrsReader::LrsReader(const std::string& baseUrl):
    _base(baseUrl),
    _session(std::make_unique<Poco::Net::HTTPClientSession>(_base.getHost(), _base.getPort()))
{
    _session->setKeepAlive(true);
    // Learning Locker closes idle connections after 5 s; reconnect before it does.
    _session->setKeepAliveTimeout(Poco::Timespan(2, 0));
    _session->setTimeout(Poco::Timespan(30, 0));
}

std::pair<int, std::string> LrsReader::get(const std::string& pathAndQuery)
{
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Experience-API-Version", "1.0.3");
    request.setKeepAlive(true);
    Poco::Net::HTTPBasicCredentials("outbox-test", "any").authenticate(request);
    // A GET can be repeated: once more on a new connection if the kept-alive one was closed anyway.
    for (int attempt = 1;; ++attempt)
    {
        Poco::Net::HTTPResponse response;
        std::string body;
        try
        {
            _session->sendRequest(request);
            Poco::StreamCopier::copyToString(_session->receiveResponse(response), body);
            return {static_cast<int>(response.getStatus()), body};
        }
        catch (const Poco::Exception& e)
        {
            _session->reset();
            if (attempt == 2) throw std::runtime_error("GET " + pathAndQuery + ": " + e.displayText());
        }
    }
}

std::vector<Poco::JSON::Object::Ptr> LrsReader::storedSince(const std::string& since)
{
    std::vector<Poco::JSON::Object::Ptr> result;
    std::string query;
    Poco::URI::encode(since, ":+", query);
    // One page: the test LRS's in-memory paging sorts by `stored` but moves on by comparing uuid-v1
    // ids, which can repeat or drop statements across pages; it has no cap on `limit`.
    std::string next = _base.getPath() + "/statements?since=" + query + "&limit=100000";
    for (int page = 0; !next.empty(); ++page)
    {
        if (page > 1000) throw std::runtime_error("GET " + next + ": more than 1000 pages; `more` does not end");
        const auto [status, body] = get(next);
        if (status != 200)
            throw std::runtime_error("GET " + next + " answered " + std::to_string(status) + ": " + body);
        Poco::JSON::Parser parser;
        const auto answer = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
        const auto statements = answer->getArray("statements");
        for (unsigned i = 0; i < statements->size(); ++i) result.push_back(statements->getObject(i));
        // `more` is relative to the LRS's origin; some LRSs send an absolute URL.
        next = answer->optValue<std::string>("more", "");
        if (next.find("://") != std::string::npos) next = Poco::URI(next).getPathAndQuery();
    }
    return result;
}

Poco::JSON::Object::Ptr LrsReader::single(const std::string& parameter, const std::string& id)
{
    const std::string path = _base.getPath() + "/statements?" + parameter + "=" + id;
    const auto [status, body] = get(path);
    if (status == 404) return nullptr;
    if (status != 200) throw std::runtime_error("GET " + path + " answered " + std::to_string(status) + ": " + body);
    Poco::JSON::Parser parser;
    return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr LrsReader::statement(const std::string& id)
{
    return single("statementId", id);
}

Poco::JSON::Object::Ptr LrsReader::voided(const std::string& id)
{
    return single("voidedStatementId", id);
}

}
} // namespace sfe::test
