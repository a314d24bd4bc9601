//
// LrsProxy.cpp
//
// Project: sfia-evidence, tests/outbox
//

#include "LrsProxy.h"

#include <Poco/PipeStream.h>
#include <Poco/URI.h>

#include <algorithm>
#include <stdexcept>

namespace sfe {
namespace test {

namespace {

const auto kAnswerTimeout = std::chrono::seconds(10);

} // namespace

LrsProxy::LrsProxy(const std::string& lrsBaseUrl)
{
    const Poco::URI lrs(lrsBaseUrl);
    _process = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(
        SFE_PYTHON, {SFE_OUTBOX_PROXY_SCRIPT, lrs.getHost(), std::to_string(lrs.getPort())}, &_in, &_out, nullptr));
    _reader = std::thread([this] { readLines(); });

    std::string listening;
    {
        std::unique_lock<std::mutex> lock(_mutex);
        _changed.wait_for(lock, kAnswerTimeout, [this] { return !_lines.empty() || _ended; });
        if (!_lines.empty()) listening = _lines.front();
    }
    const std::string prefix = "listening ";
    if (listening.compare(0, prefix.size(), prefix) != 0)
    {
        shutDown(); // the destructor does not run for a constructor that throws
        throw std::runtime_error("lrs_proxy.py did not start (first line: '" + listening + "')");
    }
    Poco::URI through(lrs);
    through.setHost("127.0.0.1");
    through.setPort(static_cast<Poco::UInt16>(std::stoi(listening.substr(prefix.size()))));
    _baseUrl = through.toString();
}

LrsProxy::~LrsProxy()
{
    shutDown();
}

void LrsProxy::shutDown()
{
    if (!_process) return;
    try
    {
        send("quit");
    }
    catch (...)
    {
        // It may have ended already; it is killed below if not.
    }
    _in.close(Poco::Pipe::CLOSE_WRITE);
    {
        std::unique_lock<std::mutex> lock(_mutex);
        if (!_changed.wait_for(lock, kAnswerTimeout, [this] { return _ended; })) Poco::Process::kill(*_process);
    }
    _process->wait();
    _process.reset();
    if (_reader.joinable()) _reader.join();
}

void LrsProxy::readLines()
{
    Poco::PipeInputStream in(_out);
    std::string line;
    while (std::getline(in, line))
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _lines.push_back(line);
        _changed.notify_all();
    }
    std::lock_guard<std::mutex> lock(_mutex);
    _ended = true;
    _changed.notify_all();
}

void LrsProxy::send(const std::string& command)
{
    const std::string line = command + "\n";
    if (_in.writeBytes(line.data(), static_cast<int>(line.size())) != static_cast<int>(line.size()))
        throw std::runtime_error("lrs_proxy.py: could not send '" + command + "'");
}

void LrsProxy::fault(int post, const std::string& mode, int milliseconds)
{
    const std::string command = "fault " + std::to_string(post) + " " + mode + " " + std::to_string(milliseconds);
    send(command);
    if (!waitFor("ok " + command, kAnswerTimeout))
        throw std::runtime_error("lrs_proxy.py did not accept '" + command + "'");
}

void LrsProxy::damage(const std::string& statementId)
{
    const std::string command = "damage " + statementId;
    send(command);
    if (!waitFor("ok " + command, kAnswerTimeout))
        throw std::runtime_error("lrs_proxy.py did not accept '" + command + "'");
}

bool LrsProxy::waitFor(const std::string& line, std::chrono::milliseconds timeout)
{
    std::unique_lock<std::mutex> lock(_mutex);
    return _changed.wait_for(lock, timeout, [&] {
        return std::find(_lines.begin(), _lines.end(), line) != _lines.end() || _ended;
    }) && std::find(_lines.begin(), _lines.end(), line) != _lines.end();
}

int LrsProxy::posts()
{
    std::size_t seen;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        seen = _lines.size();
    }
    send("posts");
    std::unique_lock<std::mutex> lock(_mutex);
    std::string answer;
    _changed.wait_for(lock, kAnswerTimeout, [&] {
        for (std::size_t i = seen; i < _lines.size(); ++i)
            if (_lines[i].compare(0, 6, "posts ") == 0) answer = _lines[i];
        return !answer.empty() || _ended;
    });
    if (answer.empty()) throw std::runtime_error("lrs_proxy.py did not answer 'posts'");
    return std::stoi(answer.substr(6));
}

std::vector<std::string> LrsProxy::lines() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    return _lines;
}

}
} // namespace sfe::test
