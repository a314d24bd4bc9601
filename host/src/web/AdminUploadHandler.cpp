//
// AdminUploadHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// POST /admin/mappings and /admin/import: the admin's uploads (a mappings CSV, a definition).
//

#include "web/AdminUploadHandler.h"

#include "web/PageTemplates.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Array.h>

namespace sfe {
namespace host {
namespace web {

void AdminUploadHandler::handle(Exchange& exchange)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    if (exchange.request().getMethod() != Poco::Net::HTTPRequest::HTTP_POST)
    {
        exchange.response().set("Allow", "POST");
        refuse(exchange, 405, "method", messages.format("web.error.method"));
        return;
    }
    // WebHandler checked the CSRF token, so there is a session.
    if (!requireRole(exchange, "admin")) return;
    auto view = exchange.pageView("/admin");
    Poco::JSON::Object request;
    if (exchange.path() == "/admin/mappings")
    {
        const bool dryRun = !exchange.form().get("dryRun", "").empty();
        request.set("csv", exchange.upload("csv"));
        request.set("dryRun", dryRun);
        const auto result =
            exchange.context().plugin.object("mappings.import", request, exchange.user(), exchange.language());
        view->set("title", messages.format(dryRun ? "web.admin.checked" : "web.admin.imported"));
        view->set("detail", messages.format("web.admin.mappingsResult",
                                            i18n::MessageArgs()
                                                .set("added", result->getValue<int>("added"))
                                                .set("replaced", result->getValue<int>("replaced"))
                                                .set("unchanged", result->getValue<int>("unchanged"))));
    }
    else
    {
        request.set("xml", exchange.upload("definition"));
        request.set("name", "upload.xml");
        const auto result = exchange.context().plugin.object("import", request, exchange.user(), exchange.language());
        std::string skills;
        const Poco::JSON::Array::Ptr list = result->getArray("skills");
        for (std::size_t i = 0; list && i < list->size(); ++i)
            skills += (skills.empty() ? "" : ", ") + list->get(i).toString();
        view->set("title", messages.format("web.admin.definition"));
        view->set("detail", messages.format(result->getValue<std::string>("result") == "unchanged"
                                                ? "web.admin.definitionUnchanged"
                                                : "web.admin.definitionImported",
                                            i18n::MessageArgs().set("skills", skills)));
    }
    view->set("back", messages.format("web.admin.back"));
    exchange.sendHtml(200, PageTemplates::render("message", *view));
}

}
}
} // namespace sfe::host::web
