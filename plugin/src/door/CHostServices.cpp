//
// CHostServices.cpp
//
// Library: sfe_plugin
// Package: door
//

#include "CHostServices.h"

#include "sfe/runtime/Error.h"
#include "sfe/runtime/Settings.h"

#include <Poco/Channel.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Message.h>
#include <Poco/NumberFormatter.h>

#include <atomic>
#include <mutex>
#include <shared_mutex>

namespace sfe {
namespace plugin {

thread_local int tInLogCallback = 0;

/// The host's log callback while the handle is open: delivering a line holds the gate shared,
/// detach() closes it exclusively, so no line is delivered after detach() returned.
class CallbackGate
{
public:
    explicit CallbackGate(const sfe_host& host):
        _host(host)
    {}

    void deliver(int level, const char* text)
    {
        std::shared_lock<std::shared_mutex> lock(_mutex);
        if (!_open) return; // the handle is closed: its host asked for no more calls
        ++tInLogCallback;
        struct Leave
        {
            ~Leave() { --tInLogCallback; }
        } leave;
        _host.log(_host.host_data, level, text);
    }

    void close()
    {
        std::unique_lock<std::shared_mutex> lock(_mutex);
        _open = false;
    }

private:
    sfe_host _host;
    std::shared_mutex _mutex;
    bool _open = true;
};

namespace {

/// Forwards log messages to the C host's callback, through the handle's gate.
class CallbackChannel: public Poco::Channel
{
public:
    explicit CallbackChannel(std::shared_ptr<CallbackGate> gate):
        _gate(std::move(gate))
    {}
    void log(const Poco::Message& msg) override
    {
        _gate->deliver(static_cast<int>(msg.getPriority()), msg.getText().c_str());
    }

private:
    std::shared_ptr<CallbackGate> _gate;
};

} // namespace

bool CHostServices::inLogCallback()
{
    return tInLogCallback > 0;
}

void CHostServices::detach()
{
    if (_gate) _gate->close();
}

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
        _gate = std::make_shared<CallbackGate>(_host);
        Poco::AutoPtr<Poco::Channel> channel(new CallbackChannel(_gate));
        _logger->setChannel(channel);
        _logger->setLevel(Poco::Message::PRIO_TRACE);
    }
    // Settings checks every key and value (SFE_CONFIG naming it); the Runtime reads them again.
    if (_config->hasProperty("log.level")) _logger->setLevel(runtime::Settings::from(*_config).logLevel);
}

CHostServices::~CHostServices()
{
    detach();
    Poco::Logger::destroy(_loggerName);
}

Poco::Timestamp CHostServices::now() const
{
    if (_hasHost && _host.now_ms)
        return Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(_host.now_ms(_host.host_data)) * 1000);
    return Poco::Timestamp();
}

}
} // namespace sfe::plugin
