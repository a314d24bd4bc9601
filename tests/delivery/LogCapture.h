//
// LogCapture.h
//
// Project: sfia-evidence, tests/delivery
//
// Collects what the "sfe.delivery" logger writes, so tests can check it.
//

#ifndef SFE_TESTS_DELIVERY_LOGCAPTURE_H
#define SFE_TESTS_DELIVERY_LOGCAPTURE_H

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <mutex>
#include <string>
#include <vector>

namespace sfe::test {

class LogCapture
/// While alive, routes the "sfe.delivery" logger at trace level into memory.
{
public:
    LogCapture():
        _channel(new Sink),
        _logger(Poco::Logger::get("sfe.delivery")),
        _previousChannel(_logger.getChannel()),
        _previousLevel(_logger.getLevel())
    {
        _logger.setChannel(_channel);
        _logger.setLevel(Poco::Message::PRIO_TRACE);
    }

    ~LogCapture()
    {
        _logger.setChannel(_previousChannel);
        _logger.setLevel(_previousLevel);
    }

    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    std::vector<std::string> lines() const
    {
        std::lock_guard<std::mutex> lock(_channel->mutex);
        return _channel->lines;
    }

    bool contains(const std::string& text) const
    {
        for (const auto& line : lines())
            if (line.find(text) != std::string::npos) return true;
        return false;
    }

private:
    struct Sink final: public Poco::Channel
    {
        void log(const Poco::Message& message) override
        {
            std::lock_guard<std::mutex> lock(mutex);
            lines.push_back(message.getText());
        }
        mutable std::mutex mutex;
        std::vector<std::string> lines;
    };

    Poco::AutoPtr<Sink> _channel;
    Poco::Logger& _logger;
    Poco::Channel::Ptr _previousChannel;
    int _previousLevel;
};

} // namespace sfe::test

#endif // SFE_TESTS_DELIVERY_LOGCAPTURE_H
