//
// StatementSigner.h
//
// Library: sfe_core
// Package: service
//
// Signs serialised statements (xAPI 1.0.3 Data 2.6), and re-signs them after a body changed.
//

#ifndef SFE_SERVICE_STATEMENTSIGNER_H
#define SFE_SERVICE_STATEMENTSIGNER_H

#include "sfe/service/SigningKeys.h"

#include <memory>
#include <string>

namespace sfe {
namespace service {

/// Works on the serialised text, so that what is signed is exactly what was serialised: the
/// serializer writes `attachments` as a statement's last key, so a signed body is the unsigned
/// body with `,"attachments":[signature]` before its closing brace, and the JWS payload is the
/// unsigned body. The JWS is RS256 with kid and x5c (the certificate), which lets an LRS verify it.
class StatementSigner
{
public:
    struct Signed
    {
        std::string body; ///< the statement with its signature attachment
        std::string jws;  ///< the attachment's content
    };

    /// `keys` must be able to sign.
    explicit StatementSigner(std::shared_ptr<const SigningKeys> keys);

    /// Signs a serialised statement that has no attachments.
    Signed sign(const std::string& unsignedBody) const;

    /// The statement a signed body was made from: the body without its attachments.
    static std::string unsignedBody(const std::string& signedBody);

private:
    std::shared_ptr<const SigningKeys> _keys;
};

}
} // namespace sfe::service

#endif
