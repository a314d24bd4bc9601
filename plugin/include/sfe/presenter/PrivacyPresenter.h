//
// PrivacyPresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The operations privacy.export and privacy.erase.
//

#ifndef SFE_PRESENTER_PRIVACYPRESENTER_H
#define SFE_PRESENTER_PRIVACYPRESENTER_H

#include "sfe/presenter/Request.h"
#include "sfe/service/PrivacyService.h"

#include <optional>
#include <string>

namespace sfe {
namespace plugin {
class HostServices;
}
namespace presenter {

/// Presents data-protection requests (docs/operations.md, "Privacy").
class PrivacyPresenter
{
public:
    /// `clock` is the host (now()); `lrsUrl` the configured LRS (lrs.url; empty: none), which
    /// erase names when statements were already delivered there.
    PrivacyPresenter(plugin::HostServices& clock, service::PrivacyService& privacy, std::string lrsUrl);

    std::string exportPerson(const Request& request);
    std::string erase(const Request& request);

private:
    static constexpr std::size_t kExportPage = 1000; ///< records read per query in an export

    /// The verification a cursor's "verified" key names ("TIME,RECORD"); nullopt for any other text.
    static std::optional<service::PersonRecords::Verification> verificationAfter(const std::string& key);

    plugin::HostServices& _clock;
    service::PrivacyService& _privacy;
    std::string _lrsUrl;
};

}
} // namespace sfe::presenter

#endif
