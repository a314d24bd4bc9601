//
// LearnerPageHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /learner: the plugin's progress page for the caller, or for ?learner=ID.
//

#include "web/LearnerPageHandler.h"

namespace sfe {
namespace host {
namespace web {

void LearnerPageHandler::page(Exchange& exchange)
{
    Poco::JSON::Object request;
    const std::string learner = exchange.query("learner");
    request.set("learner", learner.empty() ? exchange.user().id : learner);
    if (!exchange.query("skill").empty()) request.set("skill", exchange.query("skill"));
    request.set("format", "html");
    const auto page = exchange.context().plugin.object("progress", request, exchange.user(), exchange.language());
    exchange.sendHtml(200,
                      Exchange::withNavigation(page->getValue<std::string>("html"), *exchange.pageView("/learner")));
}

}
}
} // namespace sfe::host::web
