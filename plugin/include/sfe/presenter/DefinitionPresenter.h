//
// DefinitionPresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The operations import, skills and show: JSON in, service call, JSON out.
//

#ifndef SFE_PRESENTER_DEFINITIONPRESENTER_H
#define SFE_PRESENTER_DEFINITIONPRESENTER_H

#include "sfe/presenter/Audience.h"
#include "sfe/presenter/Request.h"
#include "sfe/service/ImportService.h"
#include "sfe/store/DefinitionRepository.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace sfe {
namespace plugin {
class HostServices;
}
namespace store {
class Database;
}
namespace presenter {

/// Presents definitions to hosts (docs/operations.md, "Definitions").
class DefinitionPresenter
{
public:
    /// `clock` is the host (now()); `db` the store the read operations look in; `readers` the
    /// configured ui.language and ui.time_zone.
    DefinitionPresenter(service::ImportService& importer, store::Database& db, plugin::HostServices& clock,
                        Audience::Defaults readers);

    std::string importDefinition(const Request& request);
    std::string skills(const Request& request);
    std::string show(const Request& request);
    std::string versions(const Request& request); ///< a skill's stored versions, which is current
    std::string diff(const Request& request);     ///< the sentences two versions differ in
    std::string use(const Request& request);      ///< makes a stored version current again

    /// A stored skill as the JSON of `show`, in `language` (falls back per LocalizedText::get).
    /// With level > 0, only that level is included.
    static Poco::JSON::Object::Ptr skillJson(const store::StoredSkill& stored, const std::string& language, int level);

private:
    static Poco::JSON::Object::Ptr versionJson(const service::VersionInfo& version);

    service::ImportService& _importer;
    store::Database& _db;
    plugin::HostServices& _clock;
    Audience::Defaults _readers;
};

}
} // namespace sfe::presenter

#endif
