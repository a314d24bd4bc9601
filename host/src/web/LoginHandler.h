//
// LoginHandler.h
//
// Library: sfia-evidence (host)
// Package: web
//
// GET /login: the login form; POST /login: checks the password and opens a session.
//

#ifndef SFE_HOST_WEB_LOGINHANDLER_H
#define SFE_HOST_WEB_LOGINHANDLER_H

#include "web/WebHandler.h"

namespace sfe {
namespace host {
namespace web {

/// The login form (labelled fields user and password) and its POST: a user of the users file
/// with the right password gets a new session (a fresh cookie) and is sent (303) to the page
/// of their first role; anyone else gets the form again with 401 and no hint which of the two
/// was wrong. The POST needs no CSRF token: there is no session yet.
class LoginHandler: public WebHandler
{
public:
    using WebHandler::WebHandler;

    static std::string homeOf(const User& user);
    /// The page a user starts on: /admin for admins, /auditor for auditors, else /learner.

protected:
    void handle(Exchange& exchange) override;
    bool csrfExempt() const override { return true; }

private:
    void showForm(Exchange& exchange, int status, bool failed, const std::string& user);
};

}
}
} // namespace sfe::host::web

#endif
