//
// PrivacyPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/PrivacyPresenter.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"

namespace sfe {
namespace presenter {

PrivacyPresenter::PrivacyPresenter(runtime::Runtime& runtime, service::PrivacyService& privacy):
    _runtime(runtime),
    _privacy(privacy)
{
}

std::string PrivacyPresenter::exportPerson(const Request& request)
{
    return toJson(_privacy.exportPerson(request.string("person")));
}

std::string PrivacyPresenter::erase(const Request& request)
{
    auto r = _privacy.erase(request.string("person"), _runtime.host().now());
    auto o = object();
    o->set("pseudonym", r.pseudonym);
    o->set("evidence", r.evidence);
    o->set("attested", r.assessed);
    o->set("statements", r.statements);
    return toJson(o);
}

} } // namespace sfe::presenter
