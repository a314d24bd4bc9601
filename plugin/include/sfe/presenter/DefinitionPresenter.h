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

#include "sfe/presenter/Request.h"
#include "sfe/service/ImportService.h"
#include "sfe/store/DefinitionRepository.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace sfe {
namespace runtime { class Runtime; }
namespace presenter {

/// Presents definitions to hosts (docs/operations.md, "Definitions").
class DefinitionPresenter
{
public:
    DefinitionPresenter(runtime::Runtime& runtime, service::ImportService& importer);

    std::string importDefinition(const Request& request);
    std::string skills(const Request& request);
    std::string show(const Request& request);
    std::string versions(const Request& request);  ///< a skill's stored versions, which is current
    std::string diff(const Request& request);      ///< the sentences two versions differ in
    std::string use(const Request& request);       ///< makes a stored version current again

    /// A stored skill as the JSON of `show`, in `language` (falls back per LocalizedText::get).
    /// With level > 0, only that level is included.
    static Poco::JSON::Object::Ptr skillJson(const store::StoredSkill& stored, const std::string& language, int level);

private:
    static Poco::JSON::Object::Ptr versionJson(const service::VersionInfo& version);

    runtime::Runtime& _runtime;
    service::ImportService& _importer;
};

} } // namespace sfe::presenter

#endif
