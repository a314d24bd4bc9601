//
// AuditPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/AuditPresenter.h"

#include "sfe/presenter/Json.h"
#include "sfe/plugin/HostServices.h"
#include "sfe/runtime/Error.h"
#include "sfe/service/SigningKeys.h"

#include <Poco/Path.h>

namespace sfe {
namespace presenter {

AuditPresenter::AuditPresenter(plugin::HostServices& clock, service::AuditService& audit,
                               service::Checkpointer& checkpoints, service::AuditExporter& exporter):
    _clock(clock),
    _audit(audit),
    _checkpoints(checkpoints),
    _exporter(exporter)
{}

std::string AuditPresenter::exportBundle(const Request& request)
{
    auto r = _exporter.exportTo(request.string("dir"), _clock.now());
    auto o = object();
    o->set("dir", r.dir);
    o->set("evidence", r.evidence);
    o->set("statements", r.statements);
    o->set("entries", r.entries);
    o->set("checkpoints", r.checkpoints);
    Poco::JSON::Array::Ptr files = new Poco::JSON::Array;
    for (const auto& f : r.files) files->add(f);
    o->set("files", files);
    return toJson(o);
}

std::string AuditPresenter::checkpoint(const Request&)
{
    if (!_checkpoints.enabled())
        throw runtime::Error::config("audit.checkpoint: no signing key is configured (audit.signing_key)");
    auto seq = _checkpoints.checkpointNow(_clock.now());
    auto o = object();
    o->set("seq", seq ? Poco::Dynamic::Var(*seq) : Poco::Dynamic::Var());
    return toJson(o);
}

std::string AuditPresenter::generateKeys(const Request& request)
{
    const std::string dir = request.string("dir");
    service::SigningKeys::generate(dir, request.optString("commonName").value_or("sfia-evidence signing key"),
                                   request.optBool("force").value_or(false));
    auto o = object();
    o->set("privateKey", Poco::Path(dir, "signing-key.pem").toString());
    o->set("certificate", Poco::Path(dir, "signing-cert.pem").toString());
    return toJson(o);
}

std::string AuditPresenter::verify(const Request& request)
{
    const int max = request.optInt("maxProblems").value_or(100);
    if (max < 1) request.fail("maxProblems", "must be at least 1");
    // A part of a verification (service::AuditService::VerifyScope), or all of it when none is named.
    auto whole = [&](const char* key) -> std::optional<long long> {
        const auto n = request.optNumber(key);
        if (!n) return std::nullopt;
        if (*n != static_cast<double>(static_cast<long long>(*n)) || *n < 0)
            request.fail(key, "must be a whole number, 0 or more");
        return static_cast<long long>(*n);
    };
    service::AuditService::VerifyScope scope;
    const auto from = whole("from");
    const bool part = from || request.optNumber("to");
    if (from) scope.from = *from;
    scope.to = whole("to");
    scope.checkpoint = whole("checkpoint");
    if (scope.checkpoint && !from) scope.from = *scope.checkpoint + 1;
    scope.store = request.optBool("store").value_or(!part && !scope.checkpoint);
    // "storeCheck": "quick" (the default) or "full" (SQLite's integrity_check), when the store is checked.
    const auto storeCheck = request.optString("storeCheck");
    if (storeCheck && *storeCheck != "quick" && *storeCheck != "full")
        request.fail("storeCheck", "must be \"quick\" or \"full\"");
    scope.fullStoreCheck = storeCheck && *storeCheck == "full";
    scope.rest = request.optBool("rest").value_or(!part);
    scope.boundBefore = whole("boundBefore").value_or(0);
    if (scope.from < 1) request.fail("from", "must be at least 1 (entries start at 1)");
    const service::AuditReport report = _audit.verify(scope, static_cast<std::size_t>(max));
    Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
    for (const auto& p : report.problems)
    {
        auto po = object();
        po->set("seq", p.seq);
        po->set("evidence", p.evidenceId);
        po->set("message", p.message);
        problems->add(po);
    }
    auto o = object();
    o->set("ok", report.ok());
    o->set("entries", report.entries);
    o->set("evidenceRecords", report.evidenceRecords);
    o->set("checkpoints", report.checkpoints);
    o->set("checkpointsVerified", report.checkpointsVerified);
    o->set("head", report.head);
    o->set("statements", report.statements);
    o->set("statementsMatched", report.statementsMatched);
    o->set("statementsErased", report.statementsErased);
    o->set("statementsUnbound", report.statementsUnbound);
    o->set("storeCheck", report.storeCheck);
    o->set("from", report.from);
    o->set("to", report.to);
    o->set("last", report.last);
    o->set("statementsBound", report.statementsBound);
    o->set("checkpointsUnverified", report.checkpointsUnverified);
    o->set("problemsOmitted", report.problemsOmitted);
    o->set("storeProblems", report.storeProblems);
    // What could not be checked is said plainly, never passed as OK in silence.
    Poco::JSON::Array::Ptr warnings = new Poco::JSON::Array;
    if (report.checkpointsUnverified)
        warnings->add(std::to_string(report.checkpoints) +
                      " checkpoint(s) not verified: no certificate or key is "
                      "configured to check their signatures (set audit.signing_cert)");
    if (report.statementsUnbound > 0)
        warnings->add(std::to_string(report.statementsUnbound) +
                      " statement(s) predate statement binding (made "
                      "before this version): their bodies are not checked against the log");
    o->set("warnings", warnings);
    o->set("complete", !report.incomplete());
    o->set("firstProblem", report.problems.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(problems->getObject(0)));
    o->set("problems", problems);
    return toJson(o);
}

}
} // namespace sfe::presenter
