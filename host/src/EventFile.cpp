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

EventFile EventFile::read(const std::string& path, const i18n::Messages& messages)
{
    EventFile file(path);
    std::string problems;
    try
    {
        Poco::FileInputStream in(path);
        std::string text;
        std::size_t number = 0;
        while (std::getline(in, text))
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
                    problems += where + (event->has("type")
                        ? messages.format("cli.events.typeNot", i18n::MessageArgs().set("type", type))
                        : messages.format("cli.events.type")) + "\n";
                    continue;
                }
                file._events.push_back({number, event});
            }
            catch (const Poco::Exception& e)     // the parser's syntax errors
            {
                problems += where + messages.format("cli.events.notJson", i18n::MessageArgs().set("detail", e.message())) + "\n";
            }
        }
        if (in.bad()) throw Poco::ReadFileException(path);
    }
    catch (const Poco::FileException& e)
    {
        throw InputException(path + ": " + messages.format("cli.events.unreadable", i18n::MessageArgs().set("reason",
                                                                   Poco::toLower(std::string(e.name())))));
    }
    if (!problems.empty())
    {
        problems.pop_back();
        throw InputException(problems);
    }
    return file;
}

} } // namespace sfe::host
