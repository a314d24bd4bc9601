//
// CHostServices.cpp
//
// Library: sfe_plugin
// Package: door
//

#include "CHostServices.h"

#include "sfe/runtime/Error.h"

#include <Poco/Channel.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Message.h>
#include <Poco/NumberFormatter.h>

#include <atomic>

namespace sfe {
namespace plugin {

namespace {

/// Forwards log messages to the C host's callback.
class CallbackChannel : public Poco::Channel
{
public:
    explicit CallbackChannel(const sfe_host& host): _host(host) {}
    void log(const Poco::Message& msg) override
    {
        _host.log(_host.host_data, static_cast<int>(msg.getPriority()), msg.getText().c_str());
    }

private:
    sfe_host _host;
};

} // namespace

CHostServices::CHostServices(const char* configJson, const sfe_host* host):
    _config(new Poco::Util::MapConfiguration)
{
    if (host)
    {
        if (host->abi_version != SFE_ABI_VERSION)
            throw runtime::Error(SFE_ABI, "sfe_open: the host was built for ABI " + std::to_string(host->abi_version) +
                                          ", this plugin implements ABI " + std::to_string(SFE_ABI_VERSION));
        _host = *host;
        _hasHost = true;
    }
    const std::string json = configJson ? configJson : "";
    if (json.find_first_not_of(" \t\r\n") != std::string::npos)
    {
        Poco::JSON::Object::Ptr obj;
        try
        {
            Poco::JSON::Parser parser;
            Poco::Dynamic::Var v = parser.parse(json);
            if (v.type() != typeid(Poco::JSON::Object::Ptr)) throw Poco::JSON::JSONException("not an object");
            obj = v.extract<Poco::JSON::Object::Ptr>();
        }
        catch (const Poco::Exception& e)
        {
            throw runtime::Error::config("sfe_open: the configuration must be a JSON object of keys and values: " +
                                         e.message());
        }
        for (const auto& [key, value] : *obj)
        {
            if (value.isEmpty()) continue;
            if (value.isArray() || value.type() == typeid(Poco::JSON::Object::Ptr) ||
                value.type() == typeid(Poco::JSON::Array::Ptr))
                throw runtime::Error::config("sfe_open: configuration key '" + key + "' must have a scalar value");
            _config->setString(key, value.convert<std::string>());
        }
    }

    static std::atomic<unsigned> instance{0};
    _loggerName = "sfe.c." + std::to_string(++instance);
    _logger = &Poco::Logger::get(_loggerName);
    if (_hasHost && _host.log)
    {
        Poco::AutoPtr<Poco::Channel> channel(new CallbackChannel(_host));
        _logger->setChannel(channel);
        _logger->setLevel(Poco::Message::PRIO_TRACE);
    }
    if (_config->hasProperty("log.level")) _logger->setLevel(_config->getString("log.level"));
}

CHostServices::~CHostServices()
{
    Poco::Logger::destroy(_loggerName);
}

Poco::Timestamp CHostServices::now() const
{
    if (_hasHost && _host.now_ms)
        return Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(_host.now_ms(_host.host_data)) * 1000);
    return Poco::Timestamp();
}

} } // namespace sfe::plugin
