//
// LrsClient.cpp
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  LrsClient
//
// The HTTP(S) conversation with one LRS: GET /about and POST of statement batches.
//

#include "sfe/xapi/delivery/LrsClient.h"

#include "sfe/xapi/delivery/DeliveryException.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StreamCopier.h>
#include <Poco/UUIDGenerator.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <sys/socket.h>

#include <cctype>
#include <sstream>

namespace sfe::xapi::delivery {

namespace {

constexpr std::size_t maxReasonLength = 1000;

Poco::Timespan toTimespan(std::chrono::milliseconds duration)
{
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()) * 1000);
}

std::string oneLine(std::string text)
{
    for (char& c : text)
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    Poco::trimInPlace(text);
    if (text.size() > maxReasonLength) text = text.substr(0, maxReasonLength) + "...";
    return text;
}

/// The LRS's explanation in an error body: Learning Locker sends {"errorId", "message"} or
/// {"errorId", "warnings": [...]}; other LRSs send plain text or HTML. Falls back to the status phrase.
std::string reasonFromBody(const std::string& body, const Poco::Net::HTTPResponse& response)
{
    const std::string trimmed = Poco::trim(body);
    if (!trimmed.empty() && trimmed.front() == '{')
    {
        try
        {
            Poco::JSON::Parser parser;
            const auto object = parser.parse(trimmed).extract<Poco::JSON::Object::Ptr>();
            if (object->has("message") && object->get("message").isString())
                return oneLine(object->getValue<std::string>("message"));
            if (const auto warnings = object->getArray("warnings"); warnings && warnings->size() > 0)
            {
                std::string joined;
                for (std::size_t i = 0; i < warnings->size(); ++i)
                    joined += (i ? "; " : "") + warnings->get(i).toString();
                return oneLine(joined);
            }
        }
        catch (const Poco::Exception&)
        {
            // Not the JSON we know: report the text itself.
        }
    }
    if (!trimmed.empty()) return oneLine(trimmed);
    return std::to_string(static_cast<int>(response.getStatus())) + " " + response.getReason();
}

/// Retry-After is either delta-seconds or an HTTP date (RFC 7231 7.1.3).
std::optional<std::chrono::seconds> parseRetryAfter(const Poco::Net::HTTPResponse& response)
{
    if (!response.has("Retry-After")) return std::nullopt;
    const std::string value = Poco::trim(response.get("Retry-After"));
    if (value.empty()) return std::nullopt;
    bool allDigits = true;
    for (char c : value) allDigits = allDigits && std::isdigit(static_cast<unsigned char>(c));
    if (allDigits)
    {
        try
        {
            return std::chrono::seconds(std::stoll(value));
        }
        catch (const std::out_of_range&)
        {
            return std::chrono::seconds(std::numeric_limits<int>::max());
        }
    }
    Poco::DateTime date;
    int timeZone = 0;
    if (!Poco::DateTimeParser::tryParse(value, date, timeZone)) return std::nullopt;
    date.makeUTC(timeZone);
    const Poco::Timespan left = date.timestamp() - Poco::Timestamp();
    // Round up: waiting a fraction of a second too long is harmless, too short is not.
    const auto seconds = (left.totalMicroseconds() + 999999) / 1000000;
    return std::chrono::seconds(seconds > 0 ? seconds : 0);
}

PostResult::Outcome classifyStatus(int status)
{
    if (status >= 200 && status < 300) return PostResult::Outcome::Delivered;
    switch (status)
    {
        case 400:
            return PostResult::Outcome::BadRequest;
        case 409:
            return PostResult::Outcome::Conflict;
        case 413:
            return PostResult::Outcome::TooLarge;
        case 408: // request timeout
        case 429:
            return PostResult::Outcome::Retryable;
        default:
            break;
    }
    if (status >= 500 && status < 600) return PostResult::Outcome::Retryable;
    return PostResult::Outcome::Refused; // 401, 403, 404 (wrong endpoint), redirects, anything unforeseen
}

/// The endpoint as messages may show it: a URL that cannot be checked yet may still carry
/// credentials (https://key:secret@lrs), so everything before its last '@' after the scheme goes.
std::string shown(const std::string& endpoint)
{
    const auto at = endpoint.rfind('@');
    if (at == std::string::npos) return endpoint;
    const auto slashes = endpoint.find("://");
    const std::size_t start = slashes != std::string::npos && slashes < at ? slashes + 3 : 0;
    return endpoint.substr(0, start) + "***" + endpoint.substr(at);
}

/// A certificate the client does not trust will not become trusted by retrying.
bool isCertificateProblem(const Poco::Exception& error)
{
    if (dynamic_cast<const Poco::Net::CertificateValidationException*>(&error)) return true;
    const std::string text = Poco::toLower(error.displayText());
    return text.find("certificate") != std::string::npos;
}

/// What to fix when the LRS's certificate was not accepted, after what OpenSSL or Poco said.
std::string certificateRefusal(const std::string& request, const Poco::Exception& error)
{
    return request + ": the LRS's TLS certificate was not accepted (" + error.displayText() +
           "); this will not heal by retrying: give the CA that issued it in lrs.ca_file (a PEM file), "
           "or give the LRS a certificate from a CA this system trusts";
}

bool compatibleVersion(const std::string& listed, const std::string& ours)
{
    // Same major.minor: "1.0.3" speaks with an LRS listing "1.0.0" or "1.0.3"; not with "2.0.0".
    const auto majorMinor = [](const std::string& v) {
        const auto first = v.find('.');
        if (first == std::string::npos) return v;
        return v.substr(0, v.find('.', first + 1));
    };
    return majorMinor(listed) == majorMinor(ours);
}

} // namespace

LrsClient::LrsClient(Settings settings):
    _settings(std::move(settings)),
    _credentials(_settings.username, _settings.password),
    _logger(Poco::Logger::get(_settings.loggerName))
{
    Poco::URI uri;
    try
    {
        uri = Poco::URI(_settings.endpoint);
    }
    catch (const Poco::SyntaxException&)
    {
        throw LrsConfigurationException("LRS endpoint '" + shown(_settings.endpoint) + "' is not a URL");
    }
    // Checked before anything echoes the endpoint: user-info would put a password into messages and logs.
    if (!uri.getUserInfo().empty())
        throw LrsConfigurationException(
            "LRS endpoint must not carry credentials in the URL (user-info); give user and password separately");
    const std::string scheme = Poco::toLower(uri.getScheme());
    if (scheme != "http" && scheme != "https")
        throw LrsConfigurationException("LRS endpoint '" + shown(_settings.endpoint) +
                                        "': scheme must be http or https");
    if (uri.getHost().empty())
        throw LrsConfigurationException("LRS endpoint '" + shown(_settings.endpoint) + "' has no host");
    if (!uri.getRawQuery().empty() || !uri.getFragment().empty())
        throw LrsConfigurationException("LRS endpoint '" + shown(_settings.endpoint) +
                                        "' must not have a query or fragment");
    if (_settings.version.empty())
        throw LrsConfigurationException("LRS settings: the xAPI version header value is empty");

    _https = scheme == "https";
    _host = uri.getHost();
    _port = uri.getPort();
    _basePath = uri.getPath();
    while (!_basePath.empty() && _basePath.back() == '/') _basePath.pop_back();
    _endpoint = scheme + "://" + uri.getAuthority() + _basePath;

    if (_https)
    {
        // No Poco::Net::initializeSSL()/uninitializeSSL() pair: Context initialises OpenSSL itself, and
        // uninitializeSSL() shuts Poco's SSLManager down for the whole process.
        try
        {
            const auto mode =
                _settings.verifyCertificates ? Poco::Net::Context::VERIFY_RELAXED : Poco::Net::Context::VERIFY_NONE;
            // caLocation names the extra CA file; loadDefaultCAs adds the system store.
            _pContext = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, _settings.caFile, mode, 9, true);
            _pContext->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                        Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
        }
        catch (const Poco::Exception& e)
        {
            throw LrsConfigurationException(
                "LRS endpoint '" + _endpoint + "': cannot set up TLS" +
                (_settings.caFile.empty() ? "" : " with CA file '" + _settings.caFile + "'") + ": " + e.displayText());
        }
        if (!_settings.verifyCertificates) _logger.warning("LRS %s: server certificates are NOT verified", _endpoint);
    }
}

LrsClient::~LrsClient()
{
    closeSession();
}

std::string LrsClient::statementsUrl() const
{
    return _endpoint + "/statements";
}

Poco::Net::HTTPClientSession& LrsClient::session()
{
    std::lock_guard<std::mutex> lock(_sessionMutex);
    if (_discardSession)
    {
        _pSession.reset();
        _discardSession = false;
    }
    if (!_pSession)
    {
        if (_https) _pSession = std::make_unique<Poco::Net::HTTPSClientSession>(_host, _port, _pContext);
        else _pSession = std::make_unique<Poco::Net::HTTPClientSession>(_host, _port);
        const Poco::Timespan requestTimeout = toTimespan(_settings.requestTimeout);
        _pSession->setTimeout(toTimespan(_settings.connectTimeout), requestTimeout, requestTimeout);
        _pSession->setKeepAlive(true);
        _pSession->setKeepAliveTimeout(toTimespan(_settings.keepAliveTimeout));
    }
    return *_pSession;
}

void LrsClient::closeSession()
{
    std::lock_guard<std::mutex> lock(_sessionMutex);
    if (_pSession)
    {
        try
        {
            _pSession->reset();
        }
        catch (...)
        {
            // Closing a broken connection may fail again; it is being thrown away either way.
        }
        _pSession.reset();
    }
}

void LrsClient::abort()
{
    std::lock_guard<std::mutex> lock(_sessionMutex);
    if (!_pSession) return;
    _discardSession = true;
    // Only shut the socket down: that wakes a blocked send or receive on the other thread. Closing it here
    // would free the descriptor under that thread's feet; the talking thread closes it when it sees the error.
    const auto descriptor = _pSession->socket().impl()->sockfd();
    if (descriptor != POCO_INVALID_SOCKET) ::shutdown(descriptor, SHUT_RDWR);
}

void LrsClient::prepare(Poco::Net::HTTPRequest& request) const
{
    request.set("X-Experience-API-Version", _settings.version);
    request.set("Accept", "application/json");
    _credentials.authenticate(request);
}

PostResult LrsClient::failure(PostResult::Outcome outcome, const std::string& reason)
{
    closeSession(); // the connection's state is unknown: never reuse it
    PostResult result;
    result.outcome = outcome;
    result.reason = reason;
    return result;
}

PostResult LrsClient::postBatch(const std::string& jsonArrayBody, const std::vector<std::string>& signatures)
{
    const auto started = std::chrono::steady_clock::now();
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, _basePath + "/statements",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    prepare(request);
    std::string multipart;
    if (signatures.empty())
    {
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(jsonArrayBody.size()));
    }
    else
    {
        // Signed statements travel as multipart/mixed (xAPI 1.0.3 Communication 1.5.2): the
        // statements first, then one part per signature, named by the SHA-256 of its bytes.
        const std::string boundary = "sfe-" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
        multipart = "--" + boundary + "\r\nContent-Type: application/json\r\n\r\n" + jsonArrayBody + "\r\n";
        for (const std::string& jws : signatures)
        {
            Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
            sha.update(jws);
            multipart += "--" + boundary +
                         "\r\nContent-Type: application/octet-stream\r\n"
                         "Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " +
                         Poco::DigestEngine::digestToHex(sha.digest()) + "\r\n\r\n" + jws + "\r\n";
        }
        multipart += "--" + boundary + "--\r\n";
        request.setContentType("multipart/mixed; boundary=" + boundary);
        request.setContentLength(static_cast<std::streamsize>(multipart.size()));
    }
    const std::string& payload = signatures.empty() ? jsonArrayBody : multipart;

    PostResult result;
    try
    {
        Poco::Net::HTTPClientSession& http = session();
        std::ostream& out = http.sendRequest(request);
        out << payload;
        out.flush();
        if (!out)
            return failure(PostResult::Outcome::Retryable,
                           "POST " + statementsUrl() + ": connection lost while sending");
        Poco::Net::HTTPResponse response;
        std::istream& in = http.receiveResponse(response);
        std::string body;
        Poco::StreamCopier::copyToString(in, body);

        result.httpStatus = static_cast<int>(response.getStatus());
        result.outcome = classifyStatus(result.httpStatus);
        if (result.outcome != PostResult::Outcome::Delivered) result.reason = reasonFromBody(body, response);
        result.retryAfter = parseRetryAfter(response);
        if (!response.getKeepAlive()) closeSession();
    }
    catch (const Poco::TimeoutException&)
    {
        result = failure(PostResult::Outcome::Retryable, "POST " + statementsUrl() + ": no answer within " +
                                                             std::to_string(_settings.requestTimeout.count()) + " ms");
    }
    catch (const Poco::Exception& e)
    {
        result = isCertificateProblem(e)
                     ? failure(PostResult::Outcome::Refused, certificateRefusal("POST " + statementsUrl(), e))
                     : failure(PostResult::Outcome::Retryable, "POST " + statementsUrl() + ": " + e.displayText());
    }
    catch (const std::exception& e)
    {
        result = failure(PostResult::Outcome::Retryable, "POST " + statementsUrl() + ": " + e.what());
    }

    // Debug only: what a failure means (and whether it deserves a warning) is the sender's call.
    if (_logger.debug())
    {
        const auto elapsed =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        _logger.debug("POST %s: %s (HTTP %d), %z bytes in %Ld ms%s", statementsUrl(),
                      std::string(toString(result.outcome)), result.httpStatus, payload.size(),
                      static_cast<Poco::Int64>(elapsed.count()),
                      result.reason.empty() ? std::string() : ": " + result.reason);
    }
    return result;
}

std::string LrsClient::get(const std::string& pathAndQuery, const std::string& url, Poco::Net::HTTPResponse& response)
{
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
    prepare(request);
    std::string body;
    try
    {
        Poco::Net::HTTPClientSession& http = session();
        http.sendRequest(request);
        std::istream& in = http.receiveResponse(response);
        Poco::StreamCopier::copyToString(in, body);
        if (!response.getKeepAlive()) closeSession();
    }
    catch (const Poco::Exception& e)
    {
        closeSession();
        if (isCertificateProblem(e)) throw LrsCertificateException(certificateRefusal("GET " + url, e));
        throw LrsUnreachableException("GET " + url + ": " + e.displayText());
    }
    return body;
}

std::string LrsClient::getStatements(const std::string& target)
{
    std::string pathAndQuery;
    if (!target.empty() && target.front() == '?') pathAndQuery = _basePath + "/statements" + target;
    else
    {
        // xAPI 1.0.3 Data 2.5: `more` is a relative IRL; Learning Locker gives it relative to the origin.
        Poco::URI resolved(_endpoint + "/statements");
        resolved.resolve(target);
        const Poco::URI origin(_endpoint);
        if (Poco::toLower(resolved.getScheme()) != Poco::toLower(origin.getScheme()) ||
            Poco::toLower(resolved.getHost()) != Poco::toLower(origin.getHost()) ||
            resolved.getPort() != origin.getPort())
            throw LrsIncompatibleException("LRS " + _endpoint + ": the next page '" + oneLine(target) +
                                           "' is on another server; not followed");
        pathAndQuery = resolved.getPathAndQuery();
    }
    const std::string url = (_https ? "https://" : "http://") + Poco::URI(_endpoint).getAuthority() + pathAndQuery;
    Poco::Net::HTTPResponse response;
    const std::string body = get(pathAndQuery, url, response);
    const int status = static_cast<int>(response.getStatus());
    if (status == 200) return body;
    const std::string reason =
        "GET " + url + " answered " + std::to_string(status) + ": " + reasonFromBody(body, response);
    if (classifyStatus(status) == PostResult::Outcome::Retryable) throw LrsUnreachableException(reason);
    throw LrsIncompatibleException(reason);
}

std::vector<std::string> LrsClient::checkAbout()
{
    const std::string url = _endpoint + "/about";
    Poco::Net::HTTPResponse response;
    const std::string body = get(_basePath + "/about", url, response);
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
        throw LrsUnreachableException("GET " + url + " answered " +
                                      std::to_string(static_cast<int>(response.getStatus())) + ": " +
                                      reasonFromBody(body, response));

    std::vector<std::string> versions;
    try
    {
        Poco::JSON::Parser parser;
        const auto about = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
        const auto list = about->getArray("version");
        if (!list) throw LrsIncompatibleException("GET " + url + ": the answer has no \"version\" array");
        for (std::size_t i = 0; i < list->size(); ++i) versions.push_back(list->get(i).toString());
    }
    catch (const LrsIncompatibleException&)
    {
        throw;
    }
    catch (const Poco::Exception& e)
    {
        throw LrsIncompatibleException("GET " + url + ": the answer is not an About document: " + e.displayText());
    }

    for (const std::string& version : versions)
        if (compatibleVersion(version, _settings.version))
        {
            _logger.information("LRS %s speaks xAPI %s", _endpoint, version);
            return versions;
        }
    std::string listed;
    for (const std::string& version : versions) listed += (listed.empty() ? "" : ", ") + version;
    throw LrsIncompatibleException("LRS " + _endpoint + " lists xAPI versions [" + listed + "], none compatible with " +
                                   _settings.version);
}

} // namespace sfe::xapi::delivery
