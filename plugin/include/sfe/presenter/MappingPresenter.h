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

#include "sfe/presenter/Audience.h"
#include "sfe/presenter/Request.h"
#include "sfe/service/MappingService.h"

#include <Poco/JSON/Object.h>

namespace sfe {
namespace plugin {
class HostServices;
}
namespace presenter {

/// Presents mappings to hosts (docs/operations.md, "Mappings").
class MappingPresenter
{
public:
    /// `host` gives the time of changes; `audience` the configured reader defaults (ui.language,
    /// ui.time_zone) for the views.
    MappingPresenter(service::MappingService& mappings, plugin::HostServices& host, Audience::Defaults audience);

    std::string map(const Request& request);
    std::string unmap(const Request& request);
    std::string mappings(const Request& request);
    /// The coverage view (CoverageView) as JSON in the reader's language, or {"html"} with
    /// "format": "html" (template coverage).
    std::string coverage(const Request& request);
    std::string importCsv(const Request& request); ///< mappings.import
    std::string exportCsv(const Request& request); ///< mappings.export

    static Poco::JSON::Object::Ptr mappingJson(const store::MappingRecord& m);

    /// {"mapping", "replaced": mapping | null, "renamed"/"retyped": {"activity", "from", "to",
    /// "mappings"} | null}: what map did, so no replacement or rename goes unsaid.
    static Poco::JSON::Object::Ptr outcomeJson(const service::MapOutcome& outcome);

    /// A flagged mapping's reasons as [{"kind", "responsibility", "level", "text"}], worded for `reader`.
    static Poco::JSON::Array::Ptr reasonsJson(const std::vector<service::ReviewReason>& reasons,
                                              const Audience& reader);

    /// An activity as people read it: "Name (Kurs)".
    static std::string activityText(const std::string& name, const std::string& type, const Audience& reader);

private:
    /// The request's "limit" and "after" (Request::keyedPage): a cursor of a list of mappings is
    /// the id of the mapping its page ended at.
    Request::Page page(const Request& request);

    static Poco::JSON::Object::Ptr coverageJson(const service::CoverageView& view, const Audience& reader);

    service::MappingService& _mappings;
    plugin::HostServices& _host;
    Audience::Defaults _audience;
};

}
} // namespace sfe::presenter

#endif
