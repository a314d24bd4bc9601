//
// FakeLrs.h
//
// Project: sfia-evidence, tests/delivery
//
// A small fault-injecting LRS on 127.0.0.1 for the delivery tests.
//

#ifndef SFE_TESTS_DELIVERY_FAKELRS_H
#define SFE_TESTS_DELIVERY_FAKELRS_H

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sfe::test {

class FakeLrs
/// An HTTP server (Poco::Net::HTTPServer on 127.0.0.1, a free port) that behaves like a strict LRS for
/// POST {endpoint}/statements and GET {endpoint}/about, unless a scripted rule says otherwise:
///   - requires the X-Experience-API-Version header (else 400);
///   - a body that is not a JSON array/object of statements with ids: 400;
///   - duplicate ids in one batch: 400;
///   - an actor mbox not starting with "mailto:": 400 with Learning Locker's warning text;
///   - an id already stored with other content: 409 "<id> is conflicting" (nothing of the batch stored);
///   - else it stores the new statements (identical re-sends change nothing) and answers 200 + ids.
/// It records every request, so tests can check headers, batch sizes and the order of events.
{
public:
    struct Request
    {
        std::size_t index = 0; /// 0-based count of POSTs to /statements
        std::string method;
        std::string path;
        std::string clientAddress; /// host:port of the client's end of the connection
        std::string authorization;
        std::string version; /// X-Experience-API-Version
        std::string contentType;
        std::string body;
        std::vector<std::string> ids; /// statement ids in the body, in order (empty if it does not parse)
        std::chrono::steady_clock::time_point receivedAt;
    };

    struct Reply
    /// What the rule wants done with one POST.
    {
        int status = 0;
        /// 0: behave like the LRS described above. Anything else: answer this status, store nothing.
        std::string body;
        std::map<std::string, std::string> headers;
        std::chrono::milliseconds delay{0};
        /// Wait this long before answering (after storing, when status is 0).
        bool dropConnection = false;
        /// Close the connection instead of answering (after storing, when status is 0).
    };

    using Rule = std::function<Reply(const Request&)>;

    explicit FakeLrs(Poco::Net::Context::Ptr tlsContext = nullptr);
    /// Serves HTTPS with this server context if given, else plain HTTP.
    ~FakeLrs();

    FakeLrs(const FakeLrs&) = delete;
    FakeLrs& operator=(const FakeLrs&) = delete;

    std::string endpoint() const;
    /// http(s)://127.0.0.1:<port>/xAPI

    void setRule(Rule rule);
    /// Consulted for every POST to /statements; by default every request gets Reply{}.

    void setAboutVersions(std::vector<std::string> versions);
    /// What GET /about lists (default: "1.0.3").

    void seed(const std::string& id, const std::string& json);
    /// Stores a statement as if it had been POSTed before.

    std::vector<Request> requests() const;
    std::map<std::string, std::string> stored() const;
    /// id -> JSON as received, one entry per statement ever stored.
    std::size_t storeEvents() const;
    /// How many statements were stored in total (equals stored().size() unless one was stored twice).

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
    /// Called by the server's threads.

private:
    Reply process(const Request& request);

    mutable std::mutex _mutex;
    Rule _rule;
    std::vector<std::string> _aboutVersions{"1.0.3"};
    std::map<std::string, std::string> _stored;
    std::size_t _storeEvents = 0;
    std::vector<Request> _requests;
    std::size_t _posts = 0;
    bool _stopping = false;  // set by the destructor: cut delays short
    std::size_t _active = 0; // handlers running; the destructor waits for them
    std::condition_variable _changed;
    std::string _scheme;
    std::unique_ptr<Poco::Net::HTTPServer> _server;
};

} // namespace sfe::test

#endif // SFE_TESTS_DELIVERY_FAKELRS_H
