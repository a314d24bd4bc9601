//
// Exchange.h
//
// Library: sfia-evidence (host)
// Package: web
//
// One request of `serve` and its response: who asks, in which language, with what, and the replies.
//

#ifndef SFE_HOST_WEB_EXCHANGE_H
#define SFE_HOST_WEB_EXCHANGE_H

#include "web/WebContext.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace sfe {
namespace host {
namespace web {

/// A request with what the handlers need to answer it: the session its cookie names (if any and
/// not expired), the reader's language (?lang=de|en, which is also kept in a cookie, else the
/// cookie, else German), its query and form fields, and one way to send each kind of reply.
class Exchange
{
public:
    static constexpr const char* kSessionCookie = "sfe_session";
    static constexpr const char* kLanguageCookie = "sfe_lang";
    static constexpr std::size_t kMaxBody = 32 * 1024 * 1024; ///< the plugin's own request limit

    Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, WebContext& context);

    Poco::Net::HTTPServerRequest& request() { return _request; }
    Poco::Net::HTTPServerResponse& response() { return _response; }
    WebContext& context() { return _context; }

    const std::optional<Session>& session() const { return _session; }
    const User& user() const;
    /// The session's user. Only for handlers that checked session() first.

    const std::string& language() const { return _language; }
    std::string path() const;

    std::string query(const std::string& name) const;
    /// The query parameter `name`, or "" when absent.
    const Poco::Net::NameValueCollection& queryFields() const { return _query; }

    const Poco::Net::HTMLForm& form();
    /// The POST form fields (url-encoded or multipart). Read on first use.

    std::string upload(const std::string& field);
    /// The content of the file uploaded in `field` of a multipart form, or "".

    std::string body();
    /// The raw request body (at most kMaxBody bytes). Throws Poco::Net::HTTPException (413)
    /// for a longer one.

    bool isFormPost() const;

    // Replies. Each sends the response; nothing more can be written after it.
    void sendHtml(int status, const std::string& html);
    /// A page, with the Content-Security-Policy that admits its own <style> elements.
    void sendJson(int status, const std::string& json, const std::string& contentType = "application/json");
    void sendProblem(int status, const std::string& title, const std::string& detail, const std::string& error);
    /// RFC 9457 application/problem+json: type, title, status, detail, and "error", the
    /// plugin's error name (or the host's, e.g. "csrf", "unauthenticated").
    void redirect(const std::string& location);
    /// 303 See Other.

    void setSessionCookie(const std::string& id);
    /// The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure under TLS; an empty
    /// id removes it.

    Poco::JSON::Object::Ptr pageView(const std::string& current);
    /// What the host's templates and the navigation need: lang, labels, the navigation
    /// (navLinks: the pages the session's roles lead to; navLanguages: the language switch;
    /// navUser and navCsrf: the logout form), `current` being the path of the page shown.

    static std::string withNavigation(const std::string& pluginPage, const Poco::JSON::Object& view,
                                      const std::string& after = "");
    /// A page the plugin rendered, with the host's navigation (from a pageView()) as the
    /// first thing in <body>, followed by the host template `after` when one is named.

private:
    Poco::Net::HTTPServerRequest& _request;
    Poco::Net::HTTPServerResponse& _response;
    WebContext& _context;
    std::optional<Session> _session;
    std::string _language = "de";
    Poco::Net::NameValueCollection _query;
    std::unique_ptr<Poco::Net::HTMLForm> _form;
    std::map<std::string, std::string> _files;
};

}
}
} // namespace sfe::host::web

#endif
