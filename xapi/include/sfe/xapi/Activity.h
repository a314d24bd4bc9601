//
// Activity.h
//
// Library: sfe_xapi
// Package: model
//
// xAPI Activities and their definitions.
//

#ifndef SFE_XAPI_ACTIVITY_H
#define SFE_XAPI_ACTIVITY_H

#include "sfe/xapi/JsonValue.h"
#include "sfe/xapi/LanguageMap.h"
#include <optional>
#include <string>

namespace sfe {
namespace xapi {

/// The metadata of an Activity. Interaction properties (cmi.interaction) are not modelled.
/// Empty strings and empty extension maps are not written; an empty language map that is present
/// is written, and refused by StatementValidator.
struct ActivityDefinition
{
    std::optional<LanguageMap> name;
    std::optional<LanguageMap> description;
    std::string type;      ///< activity type IRI
    std::string moreInfo;  ///< IRL with human-readable information
    Extensions extensions; ///< activity extensions (IRI keys)
};

/// An Activity: an IRI and an optional definition.
struct Activity
{
    std::string id; ///< IRI
    std::optional<ActivityDefinition> definition;

    Activity() = default;
    explicit Activity(std::string activityId):
        id(std::move(activityId))
    {}
    /// An activity with a definition of just its type and, if given, its name.
    Activity(std::string activityId, std::string type, std::optional<LanguageMap> name = std::nullopt);

    /// The definition's type, or "" when there is none.
    const std::string& type() const;
};

}
} // namespace sfe::xapi

#endif // SFE_XAPI_ACTIVITY_H
