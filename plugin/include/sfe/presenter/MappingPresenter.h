//
// MappingPresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The operations map, unmap, mappings, coverage, mappings.import and mappings.export.
//

#ifndef SFE_PRESENTER_MAPPINGPRESENTER_H
#define SFE_PRESENTER_MAPPINGPRESENTER_H

#include "sfe/presenter/Request.h"
#include "sfe/service/MappingService.h"

#include <Poco/JSON/Object.h>

namespace sfe {
namespace runtime { class Runtime; }
namespace presenter {

/// Presents mappings to hosts (docs/operations.md, "Mappings").
class MappingPresenter
{
public:
    MappingPresenter(runtime::Runtime& runtime, service::MappingService& mappings);

    std::string map(const Request& request);
    std::string unmap(const Request& request);
    std::string mappings(const Request& request);
    std::string coverage(const Request& request);
    std::string importCsv(const Request& request);     ///< mappings.import
    std::string exportCsv(const Request& request);     ///< mappings.export

    static Poco::JSON::Object::Ptr mappingJson(const store::MappingRecord& m);

    /// {"mapping", "replaced": mapping | null, "renamed"/"retyped": {"activity", "from", "to",
    /// "mappings"} | null}: what map did, so no replacement or rename goes unsaid.
    static Poco::JSON::Object::Ptr outcomeJson(const service::MapOutcome& outcome);

private:
    runtime::Runtime& _runtime;
    service::MappingService& _mappings;
};

} } // namespace sfe::presenter

#endif
