//
// Exchange.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// One request of `serve` and its response: who asks, in which language, with what, and the replies.
//

#include "web/Exchange.h"

#include "web/PageTemplates.h"
#include "web/SecurityHeaders.h"
#include "web/ViewValues.h"

#include "sfe/i18n/Messages.h"

#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <sstream>

namespace sfe {
namespace host {
namespace web {

namespace {

const char* const kLanguages[] = {"de", "en"};

bool spoken(const std::string& language)
{
    for (const char* each : kLanguages)
    {
        if (language == each) return true;
    }
    return false;
}

/// Keeps the files of a multipart form by field name, up to kMaxBody bytes in all.
class UploadHandler: public Poco::Net::PartHandler
{
public:
    explicit UploadHandler(std::map<std::string, std::string>& files):
        _files(files)
    {}

    void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override
    {
        std::string disposition;
        Poco::Net::NameValueCollection parameters;
        Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, parameters);
        std::string content;
        char buffer[8192];
        while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0)
        {
            _total += static_cast<std::size_t>(stream.gcount());
            if (_total > Exchange::kMaxBody) throw Poco::Net::HTTPException("the upload is larger than 32 MiB", 413);
            content.append(buffer, static_cast<std::size_t>(stream.gcount()));
        }
        _files[parameters.get("name", "")] = content;
    }

private:
    std::map<std::string, std::string>& _files;
    std::size_t _total = 0;
};

} // namespace

Exchange::Exchange(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, WebContext& context):
    _request(request),
    _response(response),
    _context(context)
{
    try
    {
        for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) _query.add(name, value);
    }
    catch (const Poco::Exception&)
    {
        // Not a URI: no query fields (RequestRouter sends it to the fallback, 404).
    }

    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    if (cookies.has(kSessionCookie)) _session = context.sessions.find(cookies.get(kSessionCookie));
    if (spoken(query("lang")))
    {
        // A choice made with the language switch stays for the next pages.
        _language = query("lang");
        Poco::Net::HTTPCookie cookie(kLanguageCookie, _language);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
        cookie.setSecure(context.secure);
        cookie.setMaxAge(365 * 24 * 3600);
        response.addCookie(cookie);
    }
    else if (cookies.has(kLanguageCookie) && spoken(cookies.get(kLanguageCookie)))
    {
        _language = cookies.get(kLanguageCookie);
    }
}

const User& Exchange::user() const
{
    return _session.value().user;
}

std::string Exchange::path() const
{
    try
    {
        return Poco::URI(_request.getURI()).getPath();
    }
    catch (const Poco::Exception&)
    {
        return "";
    }
}

std::string Exchange::query(const std::string& name) const
{
    return _query.get(name, "");
}

bool Exchange::isFormPost() const
{
    const std::string type = _request.getContentType();
    return type.rfind(Poco::Net::HTMLForm::ENCODING_URL, 0) == 0 ||
           type.rfind(Poco::Net::HTMLForm::ENCODING_MULTIPART, 0) == 0;
}

const Poco::Net::HTMLForm& Exchange::form()
{
    if (!_form)
    {
        _form = std::make_unique<Poco::Net::HTMLForm>();
        if (_request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST && isFormPost())
        {
            _form->setValueLengthLimit(static_cast<int>(kMaxBody));
            UploadHandler uploads(_files);
            _form->load(_request, _request.stream(), uploads);
        }
    }
    return *_form;
}

std::string Exchange::upload(const std::string& field)
{
    form();
    const auto it = _files.find(field);
    return it == _files.end() ? std::string() : it->second;
}

std::string Exchange::body()
{
    std::string text;
    char buffer[8192];
    std::istream& in = _request.stream();
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
    {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxBody) throw Poco::Net::HTTPException("the request body is larger than 32 MiB", 413);
    }
    return text;
}

void Exchange::sendHtml(int status, const std::string& html)
{
    _response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    _response.set("Content-Security-Policy", SecurityHeaders::forPage(html));
    _response.setContentType("text/html; charset=utf-8");
    _response.setContentLength64(static_cast<Poco::UInt64>(html.size()));
    std::ostream& out = _response.send();
    if (_request.getMethod() != Poco::Net::HTTPRequest::HTTP_HEAD) out << html;
}

void Exchange::sendJson(int status, const std::string& json, const std::string& contentType)
{
    _response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    _response.setContentType(contentType);
    _response.setContentLength64(static_cast<Poco::UInt64>(json.size()));
    std::ostream& out = _response.send();
    if (_request.getMethod() != Poco::Net::HTTPRequest::HTTP_HEAD) out << json;
}

void Exchange::sendProblem(int status, const std::string& title, const std::string& detail, const std::string& error)
{
    Poco::JSON::Object problem(Poco::JSON_PRESERVE_KEY_ORDER);
    problem.set("type", "urn:sfia-evidence:problem:" + error);
    problem.set("title", title);
    problem.set("status", status);
    problem.set("detail", detail);
    problem.set("error", error);
    std::ostringstream json;
    problem.stringify(json);
    sendJson(status, json.str(), "application/problem+json");
}

void Exchange::redirect(const std::string& location)
{
    _response.setStatus(Poco::Net::HTTPResponse::HTTP_SEE_OTHER);
    _response.set("Location", location);
    _response.setContentLength(0);
    _response.send();
}

void Exchange::setSessionCookie(const std::string& id)
{
    Poco::Net::HTTPCookie cookie(kSessionCookie, id);
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    cookie.setSecure(_context.secure);
    if (id.empty()) cookie.setMaxAge(0);
    _response.addCookie(cookie);
}

Poco::JSON::Object::Ptr Exchange::pageView(const std::string& current)
{
    const i18n::Messages& messages = i18n::Messages::of(_language);
    auto view = ViewValues::object();
    view->set("lang", _language);
    auto labels = ViewValues::object();
    for (const char* key : {"navigation", "language", "logout", "signedInAs"})
        labels->set(key, messages.format(std::string("web.nav.") + key));
    view->set("labels", labels);

    Poco::JSON::Array::Ptr links = new Poco::JSON::Array;
    if (_session)
    {
        // The pages the roles lead to; the plugin still decides what each shows.
        const struct
        {
            const char* path;
            const char* role;
        } pages[] = {{"/learner", nullptr}, {"/admin", "admin"}, {"/auditor", "auditor"}};
        for (const auto& page : pages)
        {
            if (page.role && !user().holds(page.role)) continue;
            auto link = ViewValues::object();
            link->set("href", page.path);
            link->set("text", messages.format(std::string("web.nav.page") + (page.path + 1)));
            link->set("current", current == page.path);
            links->add(link);
        }
        view->set("navUser", user().id);
        view->set("navCsrf", _session->csrfToken);
    }
    view->set("navLinks", links);
    Poco::JSON::Array::Ptr languages = new Poco::JSON::Array;
    for (const char* code : kLanguages)
    {
        // The same page with the other language: the other query fields stay as they are.
        Poco::URI uri(path());
        Poco::URI::QueryParameters fields;
        for (const auto& [name, value] : _query)
        {
            if (name != "lang") fields.emplace_back(name, value);
        }
        fields.emplace_back("lang", code);
        uri.setQueryParameters(fields);
        auto language = ViewValues::object();
        language->set("code", code);
        language->set("name", messages.format(std::string("web.language.") + code));
        language->set("href", uri.getPathAndQuery());
        language->set("current", _language == code);
        languages->add(language);
    }
    view->set("navLanguages", languages);
    return view;
}

std::string Exchange::withNavigation(const std::string& pluginPage, const Poco::JSON::Object& view,
                                     const std::string& after)
{
    // The plugin's pages are whole documents (page-head.html.mustache opens <body>); the
    // navigation, rendered from its own template, goes in right after that tag.
    const std::size_t body = pluginPage.find("<body");
    const std::size_t end = body == std::string::npos ? body : pluginPage.find('>', body);
    if (end == std::string::npos) throw Poco::DataException("the plugin's page has no <body> element");
    return pluginPage.substr(0, end + 1) + "\n" + PageTemplates::render("nav", view) +
           (after.empty() ? std::string() : PageTemplates::render(after, view)) + pluginPage.substr(end + 1);
}

}
}
} // namespace sfe::host::web
