//
// SecurityHeaders.h
//
// Library: sfia-evidence (host)
// Package: web
//
// The headers every response of `serve` carries, and the Content-Security-Policy of a page.
//

#ifndef SFE_HOST_WEB_SECURITYHEADERS_H
#define SFE_HOST_WEB_SECURITYHEADERS_H

#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace sfe {
namespace host {
namespace web {

/// Security headers, set on every response before anything else is written (WebHandler):
///   Content-Security-Policy: default-src 'self'; script-src 'none'; ... frame-ancestors 'self'
///   X-Frame-Options: SAMEORIGIN, X-Content-Type-Options: nosniff, Referrer-Policy: same-origin,
///   Cache-Control: no-store (pages show personal data).
/// No page has a script. The plugin's pages carry their CSS in an inline <style> element
/// (plugin/templates/page-head.html.mustache); rather than allow every inline style
/// ('unsafe-inline'), forPage() names the SHA-256 hash of each <style> element of the page sent,
/// so only those styles apply.
class SecurityHeaders
{
public:
    static void apply(Poco::Net::HTTPServerResponse& response);
    /// Sets all headers, with the policy of a response that is not a page (no styles).

    static std::string policy(const std::string& styleSources = "'none'");
    /// The Content-Security-Policy with `styleSources` as style-src.

    static std::string forPage(const std::string& html);
    /// The policy for this HTML page: style-src with the hash of each <style> element.
};

}
}
} // namespace sfe::host::web

#endif
