//
// FakeLrs.cpp
//
// Project: sfia-evidence, tests/delivery
//
// A small fault-injecting LRS on 127.0.0.1 for the delivery tests.
//

#include "FakeLrs.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <set>
#include <sstream>

namespace sfe::test {

namespace {

class Handler final: public Poco::Net::HTTPRequestHandler
{
public:
    explicit Handler(FakeLrs& lrs):
        _lrs(lrs)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        _lrs.handle(request, response);
    }

private:
    FakeLrs& _lrs;
};

class Factory final: public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit Factory(FakeLrs& lrs):
        _lrs(lrs)
    {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new Handler(_lrs);
    }

private:
    FakeLrs& _lrs;
};

std::string errorBody(const std::string& key, const std::string& text)
{
    Poco::JSON::Object object;
    object.set("errorId", "00000000-0000-4000-8000-000000000000");
    if (key == "warnings")
    {
        Poco::JSON::Array warnings;
        warnings.add(text);
        object.set("warnings", warnings);
    }
    else object.set(key, text);
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

/// The statement as this LRS keeps it, so that equal content compares equal whatever the key order.
std::string canonical(const std::string& json)
{
    Poco::JSON::Parser parser;
    std::ostringstream out;
    parser.parse(json).extract<Poco::JSON::Object::Ptr>()->stringify(out);
    return out.str();
}

FakeLrs::Reply answer(int status, std::string body)
{
    FakeLrs::Reply reply;
    reply.status = status;
    reply.body = std::move(body);
    return reply;
}

} // namespace

FakeLrs::FakeLrs(Poco::Net::Context::Ptr tlsContext):
    _scheme(tlsContext ? "https" : "http")
{
    auto* params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(true);
    params->setMaxThreads(8);
    const Poco::Net::SocketAddress address("127.0.0.1", 0);
    if (tlsContext)
        _server = std::make_unique<Poco::Net::HTTPServer>(
            new Factory(*this), Poco::Net::SecureServerSocket(address, 64, tlsContext), params);
    else
        _server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), Poco::Net::ServerSocket(address), params);
    _server->start();
}

FakeLrs::~FakeLrs()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stopping = true;
    }
    _changed.notify_all();
    _server->stopAll(true);
    // The server's pool threads may still be inside handle(); they use this object.
    std::unique_lock<std::mutex> lock(_mutex);
    _changed.wait(lock, [this] { return _active == 0; });
}

std::string FakeLrs::endpoint() const
{
    return _scheme + "://127.0.0.1:" + std::to_string(_server->port()) + "/xAPI";
}

void FakeLrs::setRule(Rule rule)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _rule = std::move(rule);
}

void FakeLrs::setAboutVersions(std::vector<std::string> versions)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _aboutVersions = std::move(versions);
}

void FakeLrs::seed(const std::string& id, const std::string& json)
{
    std::lock_guard<std::mutex> lock(_mutex);
    _stored[id] = canonical(json);
    ++_storeEvents;
}

std::vector<FakeLrs::Request> FakeLrs::requests() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _requests;
}

std::map<std::string, std::string> FakeLrs::stored() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _stored;
}

std::size_t FakeLrs::storeEvents() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _storeEvents;
}

void FakeLrs::handle(Poco::Net::HTTPServerRequest& http, Poco::Net::HTTPServerResponse& response)
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_stopping) return;
        ++_active;
    }
    struct Leaving
    {
        FakeLrs& lrs;
        ~Leaving()
        {
            // Notified under the lock: once it is released, ~FakeLrs may see _active == 0 and
            // destroy the condition variable, which a notify after the unlock would still use.
            std::lock_guard<std::mutex> lock(lrs._mutex);
            --lrs._active;
            lrs._changed.notify_all();
        }
    } leaving{*this};
    Request request;
    request.method = http.getMethod();
    request.path = http.getURI();
    request.clientAddress = http.clientAddress().toString();
    request.authorization = http.get("Authorization", "");
    request.version = http.get("X-Experience-API-Version", "");
    request.contentType = http.getContentType();
    request.receivedAt = std::chrono::steady_clock::now();
    Poco::StreamCopier::copyToString(http.stream(), request.body);

    Reply reply;
    if (request.method == "GET" && request.path == "/xAPI/about")
    {
        std::lock_guard<std::mutex> lock(_mutex);
        Poco::JSON::Object about;
        Poco::JSON::Array versions;
        for (const auto& version : _aboutVersions) versions.add(version);
        about.set("version", versions);
        std::ostringstream out;
        about.stringify(out);
        reply = answer(200, out.str());
        _requests.push_back(request);
    }
    else if (request.method == "POST" && request.path == "/xAPI/statements")
    {
        try
        {
            Poco::JSON::Parser parser;
            Poco::Dynamic::Var parsed = parser.parse(request.body);
            if (parsed.type() == typeid(Poco::JSON::Array::Ptr))
            {
                const auto array = parsed.extract<Poco::JSON::Array::Ptr>();
                for (std::size_t i = 0; i < array->size(); ++i)
                    request.ids.push_back(array->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
            }
        }
        catch (const Poco::Exception&)
        {
            request.ids.clear();
        }
        Rule rule;
        {
            std::lock_guard<std::mutex> lock(_mutex);
            request.index = _posts++;
            _requests.push_back(request);
            rule = _rule;
        }
        reply = rule ? rule(request) : Reply{};
        if (reply.status == 0)
        {
            const Reply outcome = process(request);
            reply.status = outcome.status;
            reply.body = outcome.body;
        }
    }
    else reply = answer(404, errorBody("message", "no such resource: " + request.method + " " + request.path));

    if (reply.delay > std::chrono::milliseconds::zero())
    {
        std::unique_lock<std::mutex> lock(_mutex);
        if (_changed.wait_for(lock, reply.delay, [this] { return _stopping; })) return;
    }
    if (reply.dropConnection)
    {
        // Hang up without a word: the client sees the connection close before any response.
        static_cast<Poco::Net::HTTPServerRequestImpl&>(http).socket().shutdown();
        response.setKeepAlive(false);
        return;
    }
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    response.set("X-Experience-API-Version", "1.0.3");
    for (const auto& [name, value] : reply.headers) response.set(name, value);
    response.setContentType("application/json");
    response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
    response.send() << reply.body;
}

FakeLrs::Reply FakeLrs::process(const Request& request)
{
    if (request.version.empty())
        return answer(400, errorBody("warnings", "Missing required value in 'header.X-Experience-API-Version'"));

    Poco::JSON::Array::Ptr statements;
    try
    {
        Poco::JSON::Parser parser;
        Poco::Dynamic::Var parsed = parser.parse(request.body);
        if (parsed.type() == typeid(Poco::JSON::Array::Ptr)) statements = parsed.extract<Poco::JSON::Array::Ptr>();
        else
        {
            statements = new Poco::JSON::Array;
            statements->add(parsed);
        }
    }
    catch (const Poco::Exception&)
    {
        return answer(400, errorBody("message", "Expected valid JSON in body"));
    }

    std::vector<std::pair<std::string, std::string>> batch; // id, JSON as it was in the body
    std::set<std::string> seen;
    for (std::size_t i = 0; i < statements->size(); ++i)
    {
        const auto statement = statements->getObject(static_cast<unsigned>(i));
        if (!statement || !statement->has("id"))
            return answer(400, errorBody("message", "statement " + std::to_string(i) + " has no id"));
        const std::string id = statement->getValue<std::string>("id");
        if (!seen.insert(id).second)
            return answer(400, errorBody("message", id + " is duplicated in the current batch"));
        const auto actor = statement->getObject("actor");
        if (actor && actor->has("mbox") &&
            !Poco::startsWith(actor->getValue<std::string>("mbox"), std::string("mailto:")))
            return answer(400, errorBody("warnings", "Problem in 'statements." + std::to_string(i) +
                                                         ".actor.mbox'. Received '\"" +
                                                         actor->getValue<std::string>("mbox") + "\"'"));
        std::ostringstream json;
        statement->stringify(json);
        batch.emplace_back(id, canonical(json.str()));
    }

    std::lock_guard<std::mutex> lock(_mutex);
    for (const auto& [id, json] : batch)
    {
        const auto it = _stored.find(id);
        if (it != _stored.end() && it->second != json) return answer(409, errorBody("message", id + " is conflicting"));
    }
    Poco::JSON::Array ids;
    for (const auto& [id, json] : batch)
    {
        if (_stored.emplace(id, json).second) ++_storeEvents;
        ids.add(id);
    }
    std::ostringstream out;
    ids.stringify(out);
    return answer(200, out.str());
}

} // namespace sfe::test
