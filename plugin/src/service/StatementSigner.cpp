//
// StatementSigner.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/StatementSigner.h"

#include "sfe/store/EvidenceLog.h"
#include "sfe/xapi/Attachment.h"
#include "sfe/xapi/JsonWriter.h"
#include "sfe/xapi/Jws.h"

#include <cstring>

namespace sfe {
namespace service {

namespace {

const std::string kAttachments = ",\"attachments\":[";

/// Where `pattern` last starts in `text`, or npos. std::string::rfind compares at every position, a
/// memcmp call per byte of a 2.4 KB body that has no attachments (4 % of recording, perf); this
/// compares only where the pattern's last character is ('[', rare in a statement).
std::size_t lastOf(const std::string& text, const std::string& pattern)
{
    const std::size_t m = pattern.size();
    for (std::size_t end = text.size(); end >= m && m > 0;) // candidates end at or before `end`
    {
        const void* hit = memrchr(text.data() + m - 1, pattern.back(), end - m + 1);
        if (!hit) break;
        const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - text.data()) - (m - 1);
        if (text.compare(at, m, pattern) == 0) return at;
        end = at + m - 1;
    }
    return std::string::npos;
}

} // namespace

StatementSigner::StatementSigner(std::shared_ptr<const SigningKeys> keys):
    _keys(std::move(keys))
{}

StatementSigner::Signed StatementSigner::sign(const std::string& unsignedBody) const
{
    Signed result;
    result.jws = xapi::Jws::signRs256(unsignedBody, _keys->key(), _keys->keyId(), _keys->x5c());
    // The attachment in the serializer's key order: usageType, display, contentType, length, sha2.
    std::string attachment;
    xapi::JsonWriter w(attachment);
    w.beginObject();
    w.key("usageType");
    w.string(xapi::Attachment::kSignatureUsageType);
    w.key("display");
    w.beginObject();
    w.key("en-US");
    w.string("Signature");
    w.endObject();
    w.key("contentType");
    w.string("application/octet-stream");
    w.key("length");
    w.unsignedInteger(result.jws.size());
    w.key("sha2");
    w.string(store::EvidenceLog::sha256(result.jws));
    w.endObject();
    result.body = unsignedBody.substr(0, unsignedBody.size() - 1) + kAttachments + attachment + "]}";
    return result;
}

std::string StatementSigner::unsignedBody(const std::string& signedBody)
{
    const auto at = lastOf(signedBody, kAttachments);
    if (at == std::string::npos) return signedBody;
    return signedBody.substr(0, at) + "}";
}

}
} // namespace sfe::service
