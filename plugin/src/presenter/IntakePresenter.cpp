//
// IntakePresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/IntakePresenter.h"

#include "sfe/plugin/HostServices.h"
#include "sfe/presenter/Json.h"
#include "sfe/runtime/Error.h"
#include "sfe/runtime/Time.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

namespace sfe {
namespace presenter {

namespace {

constexpr int kDefaultPageSize = 500;
constexpr int kMaxPageSize = 10000;

} // namespace

IntakePresenter::IntakePresenter(plugin::HostServices& clock, service::PullService& pull,
                                 service::StatementIntake& intake):
    _clock(clock),
    _pull(pull),
    _intake(intake)
{}

Poco::JSON::Object::Ptr IntakePresenter::reportJson(const service::IntakeReport& report)
{
    auto o = object();
    o->set("statements", static_cast<Poco::UInt64>(report.statements));
    o->set("recorded", static_cast<Poco::UInt64>(report.recorded));
    o->set("evidence", static_cast<Poco::UInt64>(report.evidence));
    o->set("duplicates", static_cast<Poco::UInt64>(report.duplicates));
    Poco::JSON::Array::Ptr skipped = new Poco::JSON::Array;
    for (const auto& s : report.skipped)
    {
        auto so = object();
        so->set("id", s.statementId);
        so->set("reason", s.reason);
        if (!s.detail.empty()) so->set("detail", s.detail);
        skipped->add(so);
    }
    o->set("skipped", skipped);
    return o;
}

std::string IntakePresenter::pull(const Request& request)
{
    request.allowOnly({"since", "next", "pages", "limit"});
    service::PullService::Request r;
    if (const auto since = request.optString("since"))
    {
        r.since = runtime::parseTime(*since);
        if (!r.since) request.fail("since", "must be an RFC 3339 date-time with a zone, e.g. 2025-03-01T08:00:00Z");
    }
    r.next = request.optString("next");
    if (r.next && r.since) request.fail("next", "continues a query; it cannot be given with 'since'");
    if (const auto pages = request.optInt("pages"))
    {
        if (*pages < 1) request.fail("pages", "must be at least 1");
        r.pages = static_cast<std::size_t>(*pages);
    }
    const int limit = request.optInt("limit").value_or(kDefaultPageSize);
    if (limit < 1 || limit > kMaxPageSize) request.fail("limit", "must be from 1 to " + std::to_string(kMaxPageSize));
    r.limit = static_cast<std::size_t>(limit);

    const service::PullService::Result result = _pull.pull(r, _clock.now());
    auto o = reportJson(result.report);
    o->set("pages", static_cast<Poco::UInt64>(result.pages));
    if (!result.next.empty()) o->set("next", result.next);
    if (result.position)
    {
        auto cursor = object();
        cursor->set("stored", result.position->stored);
        cursor->set("ids", array(result.position->ids));
        o->set("cursor", cursor);
    }
    return toJson(o);
}

std::string IntakePresenter::recordStatements(const Request& request)
{
    request.allowOnly({"statements"});
    const auto text = request.json("statements");
    if (!text) request.fail("statements", "is required: an array of xAPI statements");
    Poco::Dynamic::Var parsed;
    try
    {
        Poco::JSON::Parser parser;
        parsed = parser.parse(std::string(*text));
    }
    catch (const Poco::Exception& e)
    {
        request.fail("statements", "does not parse: " + e.displayText());
    }
    if (parsed.type() != typeid(Poco::JSON::Array::Ptr))
        request.fail("statements", "must be an array of xAPI statements");
    const auto list = parsed.extract<Poco::JSON::Array::Ptr>();
    std::vector<service::IncomingStatement> statements;
    statements.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i)
    {
        service::IncomingStatement in =
            _reader.read(list->get(static_cast<unsigned int>(i)), "statements[" + std::to_string(i) + "]");
        // What an LMS forwards is checked like any other request: the first problem refuses it all.
        if (!in.problems.empty())
            throw runtime::Error::invalid(request.operation() + ": " + in.problems.front().toString());
        statements.push_back(std::move(in));
    }
    return toJson(reportJson(_intake.take(statements, _clock.now())));
}

}
} // namespace sfe::presenter
