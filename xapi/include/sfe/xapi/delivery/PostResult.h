//
// PostResult.h
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  PostResult
//
// What became of one POST of a statement batch: the LRS's answer, classified for the sender.
//

#ifndef SFE_XAPI_DELIVERY_POSTRESULT_H
#define SFE_XAPI_DELIVERY_POSTRESULT_H

#include <chrono>
#include <optional>
#include <string>

namespace sfe::xapi::delivery {

struct PostResult
/// The classified outcome of LrsClient::postBatch(). A value, never an exception: every failure
/// of a POST (network, TLS, timeout, any HTTP status) ends up here.
{
    enum class Outcome
    {
        Delivered,  /// 200 or 204: the LRS stored every statement, or already held identical ones.
        Conflict,   /// 409: the LRS holds different content under an id in the batch; it stored nothing.
        BadRequest, /// 400: the LRS rejected the batch (one bad statement rejects all); `reason` says why.
        TooLarge,   /// 413: the request body is larger than the LRS accepts.
        Retryable,  /// 429, 5xx, timeout, network error: try the same batch again later.
        Refused     /// 401, 403, TLS certificate failure or an unexpected status: the statements are not
                    /// at fault, the connection settings are; retried later, but an operator must look.
    };

    Outcome outcome = Outcome::Retryable;

    int httpStatus = 0;
    /// The HTTP status, or 0 when no response arrived.

    std::string reason;
    /// Why, in words: the LRS's own message for 4xx/5xx ("message" or the "warnings" of a JSON error
    /// body, else the body text, shortened), or the network/TLS error. Empty for Delivered.

    std::optional<std::chrono::seconds> retryAfter;
    /// The server's Retry-After (delta-seconds, or an HTTP date turned into the time left), if it sent one.

    bool delivered() const { return outcome == Outcome::Delivered; }
};

const char* toString(PostResult::Outcome outcome);
/// "delivered", "conflict", "bad request", "too large", "retryable", "refused".

} // namespace sfe::xapi::delivery

#endif // SFE_XAPI_DELIVERY_POSTRESULT_H
