//
// Attachment.h
//
// Library: sfe_xapi
// Package: model
//
// Metadata of one Statement attachment.
//

#ifndef SFE_XAPI_ATTACHMENT_H
#define SFE_XAPI_ATTACHMENT_H

#include "sfe/xapi/LanguageMap.h"
#include <cstdint>
#include <optional>
#include <string>

namespace sfe {
namespace xapi {

/// An attachment's metadata. The bytes themselves travel in a multipart request (or at fileUrl);
/// they are not part of this model.
struct Attachment
{
    std::string usageType;              ///< IRI
    std::optional<LanguageMap> display; ///< required by xAPI
    std::optional<LanguageMap> description;
    std::string contentType;  ///< media type, e.g. "application/pdf"
    std::uint64_t length = 0; ///< octets
    std::string sha2;         ///< hex SHA-256/384/512 of the content
    std::string fileUrl;      ///< optional IRL

    /// The usage type of a JWS signature attachment (xAPI 2.6).
    static const std::string kSignatureUsageType;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_ATTACHMENT_H
