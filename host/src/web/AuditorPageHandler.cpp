//
// AuditorPageHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /auditor: the evidence search with filters, for auditors, and the audit export's form.
//

#include "web/AuditorPageHandler.h"

#include "web/PageTemplates.h"
#include "web/ViewValues.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Array.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

namespace sfe {
namespace host {
namespace web {

namespace {

/// Records shown per page of the search.
constexpr std::size_t kPage = 100;

const char* const kFilters[] = {"learner", "assessor", "skill", "level", "state", "from", "to"};

} // namespace

void AuditorPageHandler::page(Exchange& exchange)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    auto view = exchange.pageView("/auditor");
    view->set("title", messages.format("web.auditor.title"));
    auto labels = view->getObject("labels");
    for (const char* key : {"filters", "search", "results", "none", "proof", "stateAny", "stateActive", "stateVerified",
                            "stateWithdrawn", "export", "exportHint", "exportButton", "next"})
        labels->set(key, messages.format(std::string("web.auditor.") + key));

    Poco::JSON::Object request;
    std::string query; // the filters as given, for the link to the next page
    Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
    for (const char* name : kFilters)
    {
        const std::string value = exchange.query(name);
        Poco::JSON::Object::Ptr field = ViewValues::object();
        field->set("name", name);
        field->set("label", messages.format(std::string("web.auditor.field.") + name));
        field->set("value", value);
        field->set("state", std::string(name) == "state");
        field->set("is_any", value.empty());
        for (const char* state : {"active", "verified", "withdrawn"})
            field->set(std::string("is_") + state, value == state);
        fields->add(field);
        if (value.empty()) continue;
        std::string encoded;
        Poco::URI::encode(value, "&=+?#/", encoded);
        query += std::string(name) + "=" + encoded + "&";
        int level = 0;
        if (std::string(name) == "level" && Poco::NumberParser::tryParse(value, level)) request.set(name, level);
        else request.set(name, value);
    }
    view->set("fields", fields);
    // A page of records at a time; "next" links to the one after it (the plugin's cursor).
    request.set("limit", static_cast<int>(kPage));
    if (!exchange.query("after").empty()) request.set("after", exchange.query("after"));

    const auto found = exchange.context().plugin.object("evidence", request, exchange.user(), exchange.language());
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    const Poco::JSON::Array::Ptr records = found->getArray("evidence");
    for (std::size_t i = 0; records && i < records->size(); ++i)
    {
        const Poco::JSON::Object::Ptr record = records->getObject(i);
        Poco::JSON::Object::Ptr row = ViewValues::object();
        std::string id = ViewValues::text(record, "id"), encoded;
        Poco::URI::encode(id, "&=+?#/", encoded);
        row->set("id", id);
        row->set("proof", "/auditor/record?evidence=" + encoded);
        for (const char* key : {"learner", "skill", "level", "kind", "state", "assessor", "occurredAt"})
            row->set(key, ViewValues::text(record, key));
        rows->add(row);
    }
    view->set("rows", rows);
    if (found->has("next"))
    {
        std::string cursor;
        Poco::URI::encode(found->getValue<std::string>("next"), "&=+?#/", cursor);
        view->set("next", "/auditor?" + query + "after=" + cursor);
    }
    view->set("any", rows->size() > 0);
    view->set("found", messages.format("web.auditor.found", i18n::MessageArgs().set("n", rows->size())));
    Poco::JSON::Object::Ptr columns = ViewValues::object();
    for (const char* key : {"id", "learner", "skill", "level", "kind", "state", "assessor", "occurredAt"})
        columns->set(key, messages.format(std::string("web.auditor.column.") + key));
    view->set("columns", columns);
    exchange.sendHtml(200, PageTemplates::render("auditor", *view));
}

}
}
} // namespace sfe::host::web
