//
// EvidencePresenter.h
//
// Library: sfe_core
// Package: presenter
//
// The operations complete, attest, record, withdraw, evidence and statements.
//

#ifndef SFE_PRESENTER_EVIDENCEPRESENTER_H
#define SFE_PRESENTER_EVIDENCEPRESENTER_H

#include "sfe/presenter/Request.h"
#include "sfe/service/EvidenceService.h"

#include <Poco/JSON/Object.h>

namespace sfe {
namespace runtime { class Runtime; }
namespace presenter {

/// Presents LMS events and evidence to hosts (docs/operations.md, "Evidence").
class EvidencePresenter
{
public:
    EvidencePresenter(runtime::Runtime& runtime, service::EvidenceService& evidence);

    std::string complete(const Request& request);
    std::string attest(const Request& request);
    std::string record(const Request& request);
    std::string withdraw(const Request& request);
    std::string evidence(const Request& request);
    std::string statements(const Request& request);

    /// The event a request describes (the fields of complete or attest).
    static service::LmsEvent event(const Request& request, service::LmsEvent::Type type);
    static Poco::JSON::Object::Ptr evidenceJson(const store::EvidenceRecord& r);

private:
    runtime::Runtime& _runtime;
    service::EvidenceService& _evidence;
};

} } // namespace sfe::presenter

#endif
