//
// Verb.h
//
// Library: sfe_xapi
// Package: model
//
// The xAPI Verb.
//

#ifndef SFE_XAPI_VERB_H
#define SFE_XAPI_VERB_H

#include "sfe/xapi/LanguageMap.h"
#include <optional>
#include <string>

namespace sfe {
namespace xapi {

/// What the actor did: an IRI plus its human-readable display in one or more languages.
struct Verb
{
    std::string id;                     ///< IRI
    std::optional<LanguageMap> display; ///< absent: not written; StatementValidator requires it

    /// The ADL verb for voiding: its object must be a StatementRef.
    static const std::string kVoided; // "http://adlnet.gov/expapi/verbs/voided"
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_VERB_H
