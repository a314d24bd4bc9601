//
// SecurityHeaders.cpp
//
// Library: sfia-evidence (host)
// Package: web
//
// The headers every response of `serve` carries, and the Content-Security-Policy of a page.
//

#include "web/SecurityHeaders.h"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA2Engine.h>

#include <sstream>

namespace sfe {
namespace host {
namespace web {

namespace {

std::string sha256Source(const std::string& text)
{
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(text);
    const auto& digest = engine.digest();
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return "'sha256-" + out.str() + "'";
}

} // namespace

void SecurityHeaders::apply(Poco::Net::HTTPServerResponse& response)
{
    response.set("Content-Security-Policy", policy());
    response.set("X-Content-Type-Options", "nosniff");
    response.set("X-Frame-Options", "SAMEORIGIN");
    response.set("Referrer-Policy", "same-origin");
    response.set("Cache-Control", "no-store");
}

std::string SecurityHeaders::policy(const std::string& styleSources)
{
    return "default-src 'self'; script-src 'none'; style-src " + styleSources +
           "; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
}

std::string SecurityHeaders::forPage(const std::string& html)
{
    // The browser hashes the element's text exactly as sent, between <style> and </style>.
    std::string sources;
    for (std::size_t at = html.find("<style>"); at != std::string::npos; at = html.find("<style>", at))
    {
        const std::size_t begin = at + 7;
        const std::size_t end = html.find("</style>", begin);
        if (end == std::string::npos) break;
        sources += (sources.empty() ? "" : " ") + sha256Source(html.substr(begin, end - begin));
        at = end;
    }
    return policy(sources.empty() ? "'none'" : sources);
}

}
}
} // namespace sfe::host::web
