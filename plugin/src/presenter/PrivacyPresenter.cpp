//
// PrivacyPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/PrivacyPresenter.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"
#include "sfe/runtime/Secrets.h"

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
    // The LRS's copies are out of the plugin's reach: name them, and the LRS, so that its operator
    // can erase them there. The URL as configured now (never with credentials).
    auto lrs = object();
    lrs->set("count", static_cast<long long>(r.delivered.size()));
    lrs->set("statements", array(r.delivered));
    const std::string& url = _runtime.settings().lrsUrl;
    lrs->set("url", url.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(runtime::redactSecrets(url)));
    o->set("heldByLrs", lrs);
    o->set("writeAheadLogCleared", r.writeAheadLogCleared);
    return toJson(o);
}

} } // namespace sfe::presenter
