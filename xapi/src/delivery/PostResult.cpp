//
// PostResult.cpp
//
// Library: sfe_xapi_delivery
// Package: delivery
// Module:  PostResult
//
// What became of one POST of a statement batch: the LRS's answer, classified for the sender.
//

#include "sfe/xapi/delivery/PostResult.h"

namespace sfe::xapi::delivery {

const char* toString(PostResult::Outcome outcome)
{
    switch (outcome)
    {
        case PostResult::Outcome::Delivered:
            return "delivered";
        case PostResult::Outcome::Conflict:
            return "conflict";
        case PostResult::Outcome::BadRequest:
            return "bad request";
        case PostResult::Outcome::TooLarge:
            return "too large";
        case PostResult::Outcome::Retryable:
            return "retryable";
        case PostResult::Outcome::Refused:
            return "refused";
    }
    return "unknown";
}

} // namespace sfe::xapi::delivery
