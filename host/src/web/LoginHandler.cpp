//
// LoginHandler.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /login: the login form; POST /login: checks the password and opens a session.
//

#include "web/LoginHandler.h"

#include "web/PageTemplates.h"
#include "web/PasswordHash.h"

#include "sfe/i18n/Messages.h"

namespace sfe {
namespace host {
namespace web {

namespace {

// A well-formed hash no password matches, so an unknown user costs as much time as a known one.
const std::string& decoyHash()
{
    static const std::string hash = PasswordHash::make(SessionStore::randomHex(16));
    return hash;
}

} // namespace

std::string LoginHandler::homeOf(const User& user)
{
    if (user.holds("admin")) return "/admin";
    if (user.holds("auditor")) return "/auditor";
    return "/learner";
}

void LoginHandler::handle(Exchange& exchange)
{
    const std::string& method = exchange.request().getMethod();
    if (method == Poco::Net::HTTPRequest::HTTP_GET || method == Poco::Net::HTTPRequest::HTTP_HEAD)
    {
        showForm(exchange, 200, false, "");
        return;
    }
    if (method != Poco::Net::HTTPRequest::HTTP_POST)
    {
        exchange.response().set("Allow", "GET, HEAD, POST");
        refuse(exchange, 405, "method", i18n::Messages::of(exchange.language()).format("web.error.method"));
        return;
    }
    const std::string id = exchange.form().get("user", "");
    const std::string password = exchange.form().get("password", "");
    const std::optional<User> user = exchange.context().users.find(id);
    const bool matches = PasswordHash::matches(password, user ? user->passwordHash : decoyHash());
    if (!user || !matches)
    {
        showForm(exchange, 401, true, id);
        return;
    }
    // A new id on every login: an id someone planted before the login is worth nothing after it.
    if (exchange.session()) exchange.context().sessions.close(exchange.session()->id);
    const Session session = exchange.context().sessions.open(*user);
    exchange.setSessionCookie(session.id);
    exchange.redirect(homeOf(*user));
}

void LoginHandler::showForm(Exchange& exchange, int status, bool failed, const std::string& user)
{
    const i18n::Messages& messages = i18n::Messages::of(exchange.language());
    auto view = exchange.pageView("/login");
    view->set("title", messages.format("web.login.title"));
    view->set("userLabel", messages.format("web.login.user"));
    view->set("passwordLabel", messages.format("web.login.password"));
    view->set("submit", messages.format("web.login.submit"));
    view->set("failed", failed);
    view->set("failure", messages.format("web.login.failed"));
    view->set("user", user);
    exchange.sendHtml(status, PageTemplates::render("login", *view));
}

}
}
} // namespace sfe::host::web
