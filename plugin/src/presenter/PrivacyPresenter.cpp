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
    // Written as text, a record at a time and the records read a page at a time: a person with
    // many records costs the text, not a DOM of it (the same bytes as condensing one).
    const auto held = _privacy.exportPerson(person, kExportPage);
    std::string out = "{\"person\":" + toJson(person) + ",\"exportedAt\":" +
                      toJson(xapi::Timestamp::format(_clock.now())) + ",\"ref\":" +
                      toJson(held.ref ? Poco::Dynamic::Var(*held.ref) : Poco::Dynamic::Var());
    const auto records = [&](const char* key, const std::vector<store::EvidenceRecord>& first, bool asAssessor) {
        out += std::string(",\"") + key + "\":[";
        bool any = false;
        for (auto page = first;;)
        {
            for (const auto& r : page)
            {
                out += any ? "," : "";
                out += toJson(EvidencePresenter::evidenceJson(r));
                any = true;
            }
            if (page.size() < kExportPage) break;
            page = _privacy.evidencePage(person, asAssessor, page.back().seq, kExportPage);
        }
        out += "]";
    };
    records("evidence", held.asLearner, false);
    records("attested", held.asAssessor, true);

    out += ",\"statements\":[";
    Poco::JSON::Parser parser;
    bool any = false;
    for (auto page = held.statements;;)
    {
        for (const auto& s : page)
        {
            auto so = object();
            so->set("id", s.id);
            so->set("state", s.state);
            so->set("statement", parser.parse(s.body));
            parser.reset();
            out += any ? "," : "";
            out += toJson(so);
            any = true;
        }
        if (page.size() < kExportPage) break;
        page = _privacy.statementPage(person, page.back().seq, kExportPage);
    }
    out += "]";

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
    out += ",\"attainments\":" + toJson(attainments);

    Poco::JSON::Array::Ptr verified = new Poco::JSON::Array;
    for (const auto& v : held.verified)
    {
        auto vo = object();
        vo->set("evidence", v.evidence);
        vo->set("verifiedAt", v.verifiedAt);
        verified->add(vo);
    }
    out += ",\"verified\":" + toJson(verified) + "}";
    return out;
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
