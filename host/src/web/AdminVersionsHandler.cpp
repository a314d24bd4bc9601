//
// AdminVersionsHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /admin/versions?skill=CODE and /admin/diff?skill=CODE&from=V1&to=V2: a definition's versions.
//

#include "web/AdminVersionsHandler.h"

#include "web/PageTemplates.h"
#include "web/ViewValues.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

namespace sfe {
namespace host {
namespace web {

namespace {

std::string encoded(const std::string& value)
{
    std::string out;
    Poco::URI::encode(value, "&=+?#/", out);
    return out;
}

} // namespace

void AdminVersionsHandler::page(Exchange& exchange)
{
    if (exchange.path() == "/admin/diff") diff(exchange);
    else versions(exchange);
}

void AdminVersionsHandler::versions(Exchange& exchange)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    const std::string skill = firstSkill(exchange);
    Poco::JSON::Object request;
    request.set("skill", skill);
    const auto result = exchange.context().plugin.object("versions", request, exchange.user(), exchange.language());
    auto view = exchange.pageView("/admin");
    view->set("title", messages.format("web.versions.title", i18n::MessageArgs().set("skill", skill)));
    Poco::JSON::Object::Ptr columns = ViewValues::object();
    for (const char* key : {"version", "current", "framework", "source", "importedAt", "changes"})
        columns->set(key, messages.format(std::string("web.versions.column.") + key));
    view->set("columns", columns);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    const Poco::JSON::Array::Ptr list = result->getArray("versions");
    std::string previous;
    for (std::size_t i = 0; list && i < list->size(); ++i)
    {
        const auto version = list->getObject(i);
        Poco::JSON::Object::Ptr row = ViewValues::object();
        const std::string number = ViewValues::text(version, "version");
        row->set("version", number);
        row->set("current", version->optValue<bool>("current", false) ? messages.format("web.versions.isCurrent") : "");
        row->set("framework", ViewValues::text(version, "frameworkVersion"));
        row->set("source", ViewValues::text(version, "source"));
        row->set("importedAt", ViewValues::text(version, "importedAt"));
        if (!previous.empty())
        {
            row->set("diffHref",
                     "/admin/diff?skill=" + encoded(skill) + "&from=" + encoded(previous) + "&to=" + encoded(number));
            row->set("diffText", messages.format("web.versions.since", i18n::MessageArgs().set("version", previous)));
        }
        previous = number;
        rows->add(row);
    }
    view->set("rows", rows);
    exchange.sendHtml(200, PageTemplates::render("versions", *view));
}

void AdminVersionsHandler::diff(Exchange& exchange)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    Poco::JSON::Object request;
    for (const char* key : {"skill", "from", "to"}) request.set(key, exchange.query(key));
    const auto result = exchange.context().plugin.object("diff", request, exchange.user(), exchange.language());
    auto view = exchange.pageView("/admin");
    view->set("title", messages.format("web.diff.title", i18n::MessageArgs()
                                                             .set("skill", exchange.query("skill"))
                                                             .set("from", exchange.query("from"))
                                                             .set("to", exchange.query("to"))));
    auto labels = view->getObject("labels");
    for (const char* key : {"added", "changed", "removed", "before", "after", "nothing"})
        labels->set(key, messages.format(std::string("web.diff.") + key));
    Poco::JSON::Array::Ptr levels = new Poco::JSON::Array;
    const Poco::JSON::Array::Ptr list = result->getArray("levels");
    for (std::size_t i = 0; list && i < list->size(); ++i)
    {
        const auto level = list->getObject(i);
        Poco::JSON::Object::Ptr out = ViewValues::object();
        out->set("heading",
                 messages.format("web.diff.level", i18n::MessageArgs().set("level", ViewValues::text(level, "level"))));
        std::size_t count = 0;
        for (const char* kind : {"added", "changed", "removed"})
        {
            const Poco::JSON::Array::Ptr sentences = level->getArray(kind);
            out->set(kind, sentences ? sentences : Poco::JSON::Array::Ptr(new Poco::JSON::Array));
            out->set(std::string("any_") + kind, sentences && sentences->size() > 0);
            count += sentences ? sentences->size() : 0;
        }
        if (count > 0) levels->add(out);
    }
    view->set("levels", levels);
    view->set("unchanged", levels->size() == 0);
    exchange.sendHtml(200, PageTemplates::render("diff", *view));
}

}
}
} // namespace sfe::host::web
