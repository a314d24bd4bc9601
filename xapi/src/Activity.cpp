//
// Activity.cpp
//
// Library: sfe_xapi
// Package: model
//

#include "sfe/xapi/Activity.h"

namespace sfe {
namespace xapi {

Activity::Activity(std::string activityId, std::string type, std::optional<LanguageMap> name):
    id(std::move(activityId))
{
    ActivityDefinition d;
    d.type = std::move(type);
    d.name = std::move(name);
    definition = std::move(d);
}

const std::string& Activity::type() const
{
    static const std::string none;
    return definition ? definition->type : none;
}

}
} // namespace sfe::xapi
