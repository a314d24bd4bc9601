//
// LrsReader.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/LrsReader.h"

#include "sfe/runtime/Error.h"
#include "sfe/service/DeliveryService.h"
#include "sfe/xapi/delivery/DeliveryException.h"

#include "sfe.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

namespace sfe {
namespace service {

LrsReader::LrsReader(const runtime::Settings& settings, Poco::Logger& logger):
    _settings(settings),
    _logger(logger),
    _loggerName(logger.name() + ".pull")
{}

LrsReader::~LrsReader()
{
    _client.reset();
    Poco::Logger::destroy(_loggerName);
}

xapi::delivery::LrsClient& LrsReader::client()
{
    if (!configured())
        throw runtime::Error::config("pull: no LRS is configured (set lrs.url, or SFE_LRS_URL for the CLI)");
    if (!_client)
    {
        try
        {
            _client =
                std::make_unique<xapi::delivery::LrsClient>(DeliveryService::clientSettings(_settings, _loggerName));
        }
        catch (const Poco::Exception& e)
        {
            throw runtime::Error::config("lrs.url: " + e.message());
        }
    }
    return *_client;
}

std::string LrsReader::endpoint() const
{
    std::string url = _settings.lrsUrl;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

std::string LrsReader::query(const std::optional<std::string>& since, std::size_t limit)
{
    std::string query = "?ascending=true&limit=" + std::to_string(limit);
    if (since)
    {
        std::string encoded;
        Poco::URI::encode(*since, ":+", encoded);
        query += "&since=" + encoded;
    }
    return query;
}

LrsReader::Page LrsReader::read(const std::string& target)
{
    std::lock_guard<std::mutex> lock(_mutex);
    xapi::delivery::LrsClient& lrs = client();
    std::string body;
    try
    {
        body = lrs.getStatements(target);
    }
    catch (const xapi::delivery::LrsCertificateException& e)
    {
        throw runtime::Error::config("lrs.url: " + e.message());
    }
    catch (const xapi::delivery::LrsUnreachableException& e)
    {
        throw runtime::Error(SFE_NETWORK, "pull: " + e.message());
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error(SFE_NETWORK, "pull: " + e.message());
    }
    Page page;
    try
    {
        Poco::JSON::Parser parser;
        const auto result = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
        page.statements = result->getArray("statements");
        if (result->has("more") && !result->isNull("more")) page.more = result->getValue<std::string>("more");
    }
    catch (const Poco::Exception& e)
    {
        throw runtime::Error::invalid("pull: the LRS at " + lrs.endpoint() +
                                      " answered with no StatementResult: " + e.displayText());
    }
    if (!page.statements)
        throw runtime::Error::invalid("pull: the LRS at " + lrs.endpoint() +
                                      " answered a StatementResult with no \"statements\" array");
    return page;
}

}
} // namespace sfe::service
