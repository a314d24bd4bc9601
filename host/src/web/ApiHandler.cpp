//
// ApiHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// /api/<operation>: the plugin's operations as JSON, errors as RFC 9457 problem details.
//

#include "web/ApiHandler.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/NumberParser.h>

#include <set>

namespace sfe {
namespace host {
namespace web {

namespace {

bool validOperation(const std::string& name)
{
    if (name.empty() || name.size() > 64 || name.front() < 'a' || name.front() > 'z') return false;
    for (const char c : name)
    {
        if (!((c >= 'a' && c <= 'z') || c == '.')) return false;
    }
    return true;
}

/// A query parameter as the plugin expects it: the numbers and flags it takes are typed.
Poco::Dynamic::Var typed(const std::string& name, const std::string& value)
{
    static const std::set<std::string> numbers{"level", "limit", "offset"};
    static const std::set<std::string> flags{"explain", "dryRun", "includeWithdrawn"};
    int number = 0;
    if (numbers.count(name) && Poco::NumberParser::tryParse(value, number)) return number;
    if (flags.count(name) && (value == "true" || value == "false")) return value == "true";
    return value;
}

} // namespace

bool ApiHandler::readOnly(const std::string& operation)
{
    static const std::set<std::string> operations{"capabilities", "skills",        "show",       "versions",
                                                  "diff",         "mappings",      "coverage",   "mappings.export",
                                                  "evidence",     "evidence.show", "statements", "progress",
                                                  "audit.verify", "outbox",        "store.stats"};
    return operations.count(operation) > 0;
}

void ApiHandler::handle(Exchange& exchange)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    const std::string operation = exchange.path().substr(5); // after "/api/"
    if (!validOperation(operation))
    {
        refuse(exchange, 404, "notfound", messages.format("web.api.noOperation"));
        return;
    }
    if (!exchange.session())
    {
        exchange.response().set("WWW-Authenticate", "Cookie realm=\"sfia-evidence\" form-action=\"/login\"");
        refuse(exchange, 401, "unauthenticated", messages.format("web.api.login"));
        return;
    }
    const std::string& method = exchange.request().getMethod();
    Poco::JSON::Object request(Poco::JSON_PRESERVE_KEY_ORDER);
    if (method == Poco::Net::HTTPRequest::HTTP_GET || method == Poco::Net::HTTPRequest::HTTP_HEAD)
    {
        if (!readOnly(operation))
        {
            exchange.response().set("Allow", "POST");
            refuse(exchange, 405, "method",
                   messages.format("web.api.postOnly", i18n::MessageArgs().set("operation", operation)));
            return;
        }
        for (const auto& [name, value] : exchange.queryFields())
        {
            if (name != "lang") request.set(name, typed(name, value));
        }
    }
    else if (method == Poco::Net::HTTPRequest::HTTP_POST)
    {
        if (exchange.request().getContentType().rfind("application/json", 0) != 0)
        {
            refuse(exchange, 415, "request", messages.format("web.api.json"));
            return;
        }
        try
        {
            Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
            request = *parser.parse(exchange.body()).extract<Poco::JSON::Object::Ptr>();
        }
        catch (const Poco::Net::HTTPException&)
        {
            throw;
        }
        catch (const Poco::Exception& e)
        {
            refuse(exchange, 400, "request",
                   messages.format("web.api.badJson", i18n::MessageArgs().set("problem", e.displayText())));
            return;
        }
    }
    else
    {
        exchange.response().set("Allow", readOnly(operation) ? "GET, HEAD, POST" : "POST");
        refuse(exchange, 405, "method", messages.format("web.error.method"));
        return;
    }
    for (const char* member : {"caller", "path", "file", "dir"})
    {
        if (request.has(member))
        {
            refuse(exchange, 400, "request",
                   messages.format("web.api.member", i18n::MessageArgs().set("member", member)));
            return;
        }
    }
    exchange.sendJson(200, exchange.context().plugin.call(operation, request, exchange.user(), exchange.language()));
}

void ApiHandler::refuse(Exchange& exchange, int status, const std::string& error, const std::string& detail)
{
    const std::string title =
        Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    exchange.sendProblem(status, title, detail, error);
}

}
}
} // namespace sfe::host::web
