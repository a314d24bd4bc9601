//
// AdminPageHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /admin: the plugin's coverage page of a skill, with the admin's links.
//

#include "web/AdminPageHandler.h"

#include "web/PageTemplates.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

namespace sfe {
namespace host {
namespace web {

void AdminPageHandler::page(Exchange& exchange)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    const std::string skill = firstSkill(exchange);
    if (skill.empty())
    {
        auto view = exchange.pageView("/admin");
        view->set("title", messages.format("web.admin.title"));
        view->set("detail", messages.format("web.admin.noSkills"));
        exchange.sendHtml(200, PageTemplates::render("message", *view));
        return;
    }
    Poco::JSON::Object request;
    request.set("skill", skill);
    request.set("format", "html");
    const auto page = exchange.context().plugin.object("coverage", request, exchange.user(), exchange.language());

    // The navigation gets the admin's downloads for this skill.
    auto view = exchange.pageView("/admin");
    Poco::JSON::Array::Ptr links = view->getArray("navLinks");
    std::string encoded;
    Poco::URI::encode(skill, "&=+?#/", encoded);
    const struct
    {
        const char* key;
        std::string href;
    } extra[] = {
        {"web.admin.mappings", "/api/mappings?skill=" + encoded},
        {"web.admin.export", "/api/mappings.export?skill=" + encoded},
        {"web.admin.versions", "/admin/versions?skill=" + encoded},
    };
    for (const auto& link : extra)
    {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("href", link.href);
        item->set("text", messages.format(link.key));
        item->set("current", false);
        links->add(item);
    }
    // The upload forms (AdminUploadHandler) follow the navigation.
    auto labels = view->getObject("labels");
    for (const char* key : {"tools", "mappingsCsv", "dryRun", "upload", "definitionXml", "importDefinition"})
        labels->set(key, messages.format(std::string("web.admin.") + key));
    exchange.sendHtml(200, Exchange::withNavigation(page->getValue<std::string>("html"), *view, "admin-tools"));
}

}
}
} // namespace sfe::host::web
