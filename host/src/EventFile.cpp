//
// EventFile.cpp
//
// Library: sfia-evidence (host)
// Package: host
//
// A JSON lines file of LMS events, read and checked before anything is sent.
//

#include "EventFile.h"

#include "Exceptions.h"

#include <Poco/Exception.h>

#include <Poco/FileStream.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

namespace sfe {
namespace host {

std::unique_ptr<std::istream> EventFile::open(const std::string& path, const i18n::Messages& messages)
{
    try
    {
        return std::make_unique<Poco::FileInputStream>(path);
    }
    catch (const Poco::FileException& e)
    {
        unreadable(path, messages, e);
    }
}

void EventFile::unreadable(const std::string& path, const i18n::Messages& messages, const Poco::Exception& e)
{
    throw InputException(path + ": " +
                         messages.format("cli.events.unreadable",
                                         i18n::MessageArgs().set("reason", Poco::toLower(std::string(e.name())))));
}

void EventFile::scan(std::istream& in, const std::string& path, const i18n::Messages& messages, std::size_t& number,
                     std::string& problems, const std::function<bool(Event&&)>& onEvent)
{
    std::string text;
    bool more = true;
    while (more && std::getline(in, text))
    {
        ++number;
        if (Poco::trim(text).empty()) continue;
        const std::string where = path + ":" + std::to_string(number) + ": ";
        try
        {
            Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
            const Poco::Dynamic::Var value = parser.parse(text);
            if (value.type() != typeid(Poco::JSON::Object::Ptr))
            {
                problems += where + messages.format("cli.events.notObject") + "\n";
                continue;
            }
            Poco::JSON::Object::Ptr event = value.extract<Poco::JSON::Object::Ptr>();
            const std::string type = event->has("type") ? event->get("type").toString() : "";
            if (type != "completion" && type != "attestation")
            {
                problems +=
                    where +
                    (event->has("type") ? messages.format("cli.events.typeNot", i18n::MessageArgs().set("type", type))
                                        : messages.format("cli.events.type")) +
                    "\n";
                continue;
            }
            more = onEvent({number, event});
        }
        catch (const Poco::Exception& e) // the parser's syntax errors
        {
            problems +=
                where + messages.format("cli.events.notJson", i18n::MessageArgs().set("detail", e.message())) + "\n";
        }
    }
    if (in.bad()) unreadable(path, messages, Poco::ReadFileException(path));
}

EventFile EventFile::read(const std::string& path, const i18n::Messages& messages)
{
    EventFile file(path);
    std::string problems;
    std::size_t line = 0;
    scan(*open(path, messages), path, messages, line, problems, [&](Event&& e) {
        file._events.push_back(std::move(e));
        return true;
    });
    if (!problems.empty())
    {
        problems.pop_back();
        throw InputException(problems);
    }
    return file;
}

std::size_t EventFile::check(const std::string& path, const i18n::Messages& messages)
{
    std::string problems;
    std::size_t line = 0, events = 0;
    // Only the problems are kept: a file of a million valid events costs one line at a time.
    scan(*open(path, messages), path, messages, line, problems, [&](Event&&) {
        ++events;
        return true;
    });
    if (!problems.empty())
    {
        problems.pop_back();
        throw InputException(problems);
    }
    return events;
}

EventFile::Batches::Batches(const std::string& path, const i18n::Messages& messages):
    _path(path),
    _messages(messages),
    _in(open(path, messages))
{}

bool EventFile::Batches::next(std::vector<Event>& batch, std::size_t size)
{
    batch.clear();
    std::string problems;
    scan(*_in, _path, _messages, _line, problems, [&](Event&& e) {
        batch.push_back(std::move(e));
        return batch.size() < size;
    });
    if (!problems.empty())
    {
        problems.pop_back();
        throw InputException(problems);
    }
    return !batch.empty();
}

}
} // namespace sfe::host
