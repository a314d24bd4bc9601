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

namespace sfe {
namespace runtime { class Runtime; }
namespace presenter {

/// Presents data-protection requests (docs/operations.md, "Privacy").
class PrivacyPresenter
{
public:
    PrivacyPresenter(runtime::Runtime& runtime, service::PrivacyService& privacy);

    std::string exportPerson(const Request& request);
    std::string erase(const Request& request);

private:
    runtime::Runtime& _runtime;
    service::PrivacyService& _privacy;
};

} } // namespace sfe::presenter

#endif
