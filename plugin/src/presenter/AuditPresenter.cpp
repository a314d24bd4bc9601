//
// AuditPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/AuditPresenter.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"

namespace sfe {
namespace presenter {

AuditPresenter::AuditPresenter(runtime::Runtime& runtime, service::AuditService& audit):
    _runtime(runtime),
    _audit(audit)
{
}

std::string AuditPresenter::verify(const Request& request)
{
    const int max = request.optInt("maxProblems").value_or(100);
    if (max < 1) request.fail("maxProblems", "must be at least 1");
    const service::AuditReport report = _audit.verify(static_cast<std::size_t>(max));
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
    o->set("firstProblem", report.problems.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(problems->getObject(0)));
    o->set("problems", problems);
    return toJson(o);
}

} } // namespace sfe::presenter
