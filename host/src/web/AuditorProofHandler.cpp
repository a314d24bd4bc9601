//
// AuditorProofHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /auditor/record?evidence=ID (one record with its proof) and GET /auditor/verify (the log checked).
//

#include "web/AuditorProofHandler.h"

#include "web/PageTemplates.h"
#include "web/ViewValues.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

namespace sfe {
namespace host {
namespace web {

namespace {} // namespace

void AuditorProofHandler::page(Exchange& exchange)
{
    if (exchange.path() == "/auditor/verify") verify(exchange);
    else record(exchange);
}

void AuditorProofHandler::record(Exchange& exchange)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    Poco::JSON::Object request;
    request.set("evidence", exchange.query("evidence"));
    const auto shown = exchange.context().plugin.object("evidence.show", request, exchange.user(), exchange.language());
    const Poco::JSON::Object::Ptr evidence = shown->getObject("evidence");
    const std::string yes = messages.format("web.record.yes"), no = messages.format("web.record.no");

    auto view = exchange.pageView("/auditor");
    view->set("title",
              messages.format("web.record.title", i18n::MessageArgs().set("id", ViewValues::text(evidence, "id"))));
    auto labels = view->getObject("labels");
    for (const char* key : {"record", "log", "statements", "verifications", "none", "json", "verifyAll"})
        labels->set(key, messages.format(std::string("web.record.") + key));
    Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
    for (const char* key : {"learner", "skill", "level", "kind", "state", "activity", "assessor", "outcome", "note",
                            "occurredAt", "recordedAt", "definition"})
    {
        if (ViewValues::text(evidence, key).empty()) continue;
        auto field = ViewValues::object();
        field->set("name", messages.format(std::string("web.record.field.") + key));
        field->set("value", ViewValues::text(evidence, key));
        fields->add(field);
    }
    view->set("fields", fields);

    Poco::JSON::Array::Ptr log = new Poco::JSON::Array;
    const Poco::JSON::Array::Ptr entries = shown->getArray("log");
    for (std::size_t i = 0; entries && i < entries->size(); ++i)
    {
        const auto entry = entries->getObject(i);
        const auto checkpoint =
            entry->isNull("checkpoint") ? Poco::JSON::Object::Ptr() : entry->getObject("checkpoint");
        auto row = ViewValues::object();
        for (const char* key : {"seq", "action", "loggedAt", "contentSha256", "chainHash"})
            row->set(key, ViewValues::text(entry, key));
        const bool intact = entry->optValue<bool>("contentIntact", false) && entry->optValue<bool>("linkIntact", false);
        row->set("intact", intact ? yes : no);
        row->set("checkpoint", checkpoint ? messages.format("web.record.checkpoint",
                                                            i18n::MessageArgs()
                                                                .set("seq", ViewValues::text(checkpoint, "seq"))
                                                                .set("at", ViewValues::text(checkpoint, "signedAt")))
                                          : messages.format("web.record.noCheckpoint"));
        log->add(row);
    }
    view->set("log", log);
    view->set("anyLog", log->size() > 0);

    Poco::JSON::Array::Ptr statements = new Poco::JSON::Array;
    const Poco::JSON::Array::Ptr list = shown->getArray("statements");
    for (std::size_t i = 0; list && i < list->size(); ++i)
    {
        const auto statement = list->getObject(i);
        auto row = ViewValues::object();
        for (const char* key : {"id", "kind", "state", "bodySha256"}) row->set(key, ViewValues::text(statement, key));
        row->set("matches", statement->optValue<bool>("matchesLog", false) ? yes : no);
        statements->add(row);
    }
    view->set("statements", statements);
    view->set("anyStatements", statements->size() > 0);
    Poco::JSON::Object::Ptr columns = ViewValues::object();
    for (const char* key : {"seq", "action", "loggedAt", "content", "chain", "intact", "checkpoint", "statement",
                            "kind", "state", "body", "matches"})
        columns->set(key, messages.format(std::string("web.record.column.") + key));
    view->set("columns", columns);
    std::string encoded;
    Poco::URI::encode(ViewValues::text(evidence, "id"), "&=+?#/", encoded);
    view->set("jsonHref", "/api/evidence.show?evidence=" + encoded);
    exchange.sendHtml(200, PageTemplates::render("record", *view));
}

void AuditorProofHandler::verify(Exchange& exchange)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    const auto report =
        exchange.context().plugin.object("audit.verify", Poco::JSON::Object(), exchange.user(), exchange.language());
    const bool ok = report->optValue<bool>("ok", false);
    auto view = exchange.pageView("/auditor");
    view->set("title", messages.format("web.audit.title"));
    std::string detail =
        messages.format(ok ? "web.audit.ok" : "web.audit.failed") + "\n" +
        messages.format("web.audit.summary", i18n::MessageArgs()
                                                 .set("entries", ViewValues::text(report, "entries"))
                                                 .set("evidence", ViewValues::text(report, "evidenceRecords"))
                                                 .set("checkpoints", ViewValues::text(report, "checkpoints"))
                                                 .set("verified", ViewValues::text(report, "checkpointsVerified"))
                                                 .set("statements", ViewValues::text(report, "statements"))
                                                 .set("matched", ViewValues::text(report, "statementsMatched")));
    const Poco::JSON::Array::Ptr problems = report->getArray("problems");
    for (std::size_t i = 0; problems && i < problems->size(); ++i)
        detail += "\n" + ViewValues::text(problems->getObject(i), "message");
    view->set("detail", detail);
    exchange.sendHtml(200, PageTemplates::render("message", *view));
}

}
}
} // namespace sfe::host::web
