//
// LrsReader.h
//
// Project: sfia-evidence, tests/outbox
//
// Reads back what the test LRS stored, with the statement API's GET requests.
//

#ifndef SFE_TESTS_OUTBOX_LRSREADER_H
#define SFE_TESTS_OUTBOX_LRSREADER_H

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/URI.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sfe {
namespace test {

/// GETs statements from an LRS over one kept-alive connection. Throws std::runtime_error for an
/// answer other than 200 (or 404 where a statement may be missing), naming the request.
class LrsReader
{
public:
    /// `baseUrl` is the xAPI endpoint, e.g. http://127.0.0.1:41234/xAPI.
    explicit LrsReader(const std::string& baseUrl);

    /// Every statement the LRS stored at or after `since` (RFC 3339), as GET /statements?since=
    /// returns them: voided statements are left out, as the LRS does. Follows `more` to the end.
    std::vector<Poco::JSON::Object::Ptr> storedSince(const std::string& since);

    /// The statement with this id (GET ?statementId=), or null when the LRS answers 404.
    Poco::JSON::Object::Ptr statement(const std::string& id);

    /// The voided statement with this id (GET ?voidedStatementId=), or null when the LRS answers 404.
    Poco::JSON::Object::Ptr voided(const std::string& id);

private:
    std::pair<int, std::string> get(const std::string& pathAndQuery);
    Poco::JSON::Object::Ptr single(const std::string& parameter, const std::string& id);

    Poco::URI _base;
    std::unique_ptr<Poco::Net::HTTPClientSession> _session;
};

}
} // namespace sfe::test

#endif
