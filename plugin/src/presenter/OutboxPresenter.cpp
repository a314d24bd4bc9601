//
// OutboxPresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/OutboxPresenter.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Error.h"
#include "sfe/store/StatementRepository.h"
#include "sfe/xapi/delivery/DeliveryClock.h"

#include <chrono>

namespace sfe {
namespace presenter {

OutboxPresenter::OutboxPresenter(service::DeliveryService& delivery, store::Database& db, std::string lrsUrl):
    _delivery(delivery),
    _db(db),
    _lrsUrl(std::move(lrsUrl))
{}

std::string OutboxPresenter::sync(const Request& request)
{
    const int limit = request.optInt("timeLimitMs").value_or(0);
    if (limit < 0) request.fail("timeLimitMs", "must not be negative");
    const std::size_t refusedBefore = _delivery.queue().refused();
    auto summary = _delivery.sync(std::chrono::milliseconds(limit), {});
    auto o = object();
    // Statements that no longer match the evidence log: quarantined, never sent.
    o->set("refused", _delivery.queue().refused() - refusedBefore);
    o->set("delivered", summary.delivered);
    o->set("quarantined", summary.quarantined);
    o->set("retries", summary.retries);
    o->set("requests", summary.requests);
    o->set("elapsedMs", static_cast<Poco::Int64>(summary.elapsed.count()));
    o->set("finished", summary.finished);
    o->set("lastError", summary.lastError.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(summary.lastError));
    return toJson(o);
}

std::string OutboxPresenter::outbox(const Request& request)
{
    // The quarantined statements a page at a time ("limit", "after"; "next" while there are more).
    const Request::Page page = request.page();
    store::StatementRepository statements(_db);
    auto counts = object();
    for (const auto& [state, count] : statements.countByState()) counts->set(state, count);
    auto held = statements.list(std::nullopt, std::string("quarantined"), page.afterSeq, page.limit + 1);
    const bool more = held.size() > page.limit;
    if (more) held.pop_back();
    Poco::JSON::Array::Ptr quarantined = new Poco::JSON::Array;
    for (const auto& s : held)
    {
        auto q = object();
        q->set("id", s.id);
        q->set("kind", s.kind);
        q->set("learner", s.learner);
        q->set("attempts", s.attempts);
        q->set("reason", s.lastError.value_or(""));
        quarantined->add(q);
    }
    auto o = object();
    o->set("lrs", _lrsUrl.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(_lrsUrl));
    o->set("counts", counts);
    o->set("quarantined", quarantined);
    if (more) o->set("next", request.nextCursor(held.back().seq));
    return toJson(o);
}

std::string OutboxPresenter::retry(const Request& request)
{
    // The sender's clock, not the host's: next_attempt_at is compared with the sender's now, which is
    // xapi::delivery::DeliveryClock::system() (backoff and HTTP dates are real time, whatever the
    // host's clock says), so a retried statement is due at once for it.
    const auto now = xapi::delivery::DeliveryClock::system().now();
    std::size_t retried = 0;
    if (request.optBool("all").value_or(false)) retried = _delivery.queue().retryAll(now);
    else
    {
        const std::string id = request.string("id");
        if (!_delivery.queue().retry(id, now))
            throw runtime::Error::notFound("retry: no quarantined statement with id '" + id + "'");
        retried = 1;
    }
    _delivery.notify();
    auto o = object();
    o->set("retried", retried);
    return toJson(o);
}

}
} // namespace sfe::presenter
