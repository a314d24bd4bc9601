//
// PrivacyPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/PrivacyPresenter.h"

#include "sfe/presenter/EvidencePresenter.h"
#include "sfe/plugin/HostServices.h"
#include "sfe/presenter/Json.h"
#include "sfe/runtime/Secrets.h"
#include "sfe/xapi/Timestamp.h"

#include <Poco/JSON/Parser.h>

namespace sfe {
namespace presenter {

PrivacyPresenter::PrivacyPresenter(plugin::HostServices& clock, service::PrivacyService& privacy, std::string lrsUrl):
    _clock(clock),
    _privacy(privacy),
    _lrsUrl(std::move(lrsUrl))
{
}

std::string PrivacyPresenter::exportPerson(const Request& request)
{
    const std::string person = request.string("person");
    const auto held = _privacy.exportPerson(person);
    auto o = object();
    o->set("person", person);
    o->set("exportedAt", xapi::Timestamp::format(_clock.now()));
    o->set("ref", held.ref ? Poco::Dynamic::Var(*held.ref) : Poco::Dynamic::Var());
    auto records = [](const std::vector<store::EvidenceRecord>& list) {
        Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
        for (const auto& r : list) a->add(EvidencePresenter::evidenceJson(r));
        return a;
    };
    o->set("evidence", records(held.asLearner));
    o->set("attested", records(held.asAssessor));

    Poco::JSON::Array::Ptr statements = new Poco::JSON::Array;
    Poco::JSON::Parser parser;
    for (const auto& s : held.statements)
    {
        auto so = object();
        so->set("id", s.id);
        so->set("state", s.state);
        so->set("statement", parser.parse(s.body));
        statements->add(so);
    }
    o->set("statements", statements);

    Poco::JSON::Array::Ptr attainments = new Poco::JSON::Array;
    for (const auto& a : held.attainments)
    {
        auto ao = object();
        ao->set("skill", a.skill);
        ao->set("level", a.level);
        ao->set("rule", a.rule);
        ao->set("attainedAt", a.attainedAt);
        ao->set("statement", a.statement);
        ao->set("voidedAt", a.voidedAt ? Poco::Dynamic::Var(*a.voidedAt) : Poco::Dynamic::Var());
        attainments->add(ao);
    }
    o->set("attainments", attainments);

    Poco::JSON::Array::Ptr verified = new Poco::JSON::Array;
    for (const auto& v : held.verified)
    {
        auto vo = object();
        vo->set("evidence", v.evidence);
        vo->set("verifiedAt", v.verifiedAt);
        verified->add(vo);
    }
    o->set("verified", verified);
    return toJson(o);
}

std::string PrivacyPresenter::erase(const Request& request)
{
    auto r = _privacy.erase(request.string("person"), _clock.now());
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
    const std::string& url = _lrsUrl;
    lrs->set("url", url.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(runtime::redactSecrets(url)));
    o->set("heldByLrs", lrs);
    o->set("writeAheadLogCleared", r.writeAheadLogCleared);
    return toJson(o);
}

} } // namespace sfe::presenter
