//
// EvidencePresenter.cpp
//
// Library: sfe_core
// Package: presenter
//

#include "sfe/presenter/EvidencePresenter.h"

#include "sfe/plugin/HostServices.h"
#include "sfe/presenter/Json.h"
#include "sfe/runtime/Error.h"
#include "sfe/runtime/Time.h"
#include "sfe/xapi/Timestamp.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/StatementRepository.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/RegularExpression.h>

#include <algorithm>
#include <cstring>

namespace sfe {
namespace presenter {

namespace {

template<typename T>
Poco::Dynamic::Var orNull(const std::optional<T>& v)
{
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

Poco::JSON::Object::Ptr resultJson(const service::RecordResult& r)
{
    auto o = object();
    o->set("eventId", r.eventId);
    o->set("duplicate", r.duplicate);
    o->set("evidence", array(r.evidenceIds));
    o->set("statements", array(r.statementIds));
    return o;
}

/// A filter's bound in the stored form (UTC with milliseconds, compared as text): an RFC 3339
/// date-time with a zone, or a date, which means its midnight UTC.
std::optional<std::string> timeBound(const Request& request, const char* key)
{
    const auto text = request.optString(key);
    if (!text) return std::nullopt;
    static const Poco::RegularExpression date("^\\d{4}-\\d{2}-\\d{2}$");
    Poco::DateTime day;
    int zone = 0;
    if (date.match(*text) && Poco::DateTimeParser::tryParse("%Y-%m-%d", *text, day, zone))
        return xapi::Timestamp::format(day.timestamp());
    const auto parsed = runtime::parseTime(*text);
    if (!parsed)
        request.fail(key, "is neither a date (2026-11-19) nor an RFC 3339 date-time with a zone: '" + *text + "'");
    return xapi::Timestamp::format(*parsed);
}

/// A filter naming a person or skill: given, it must name one.
std::optional<std::string> idFilter(const Request& request, const char* key)
{
    if (!request.has(key)) return std::nullopt;
    return request.string(key);
}

Poco::JSON::Object::Ptr checkpointJson(const store::CheckpointRecord& c)
{
    auto o = object();
    o->set("seq", c.seq);
    o->set("fromSeq", c.fromSeq);
    o->set("chainHash", c.chainHash);
    o->set("signedAt", c.signedAt);
    o->set("keyId", c.keyId);
    o->set("jws", c.jws);
    return o;
}

Poco::JSON::Object::Ptr logEntryJson(const service::LoggedEntryView& v)
{
    auto o = object();
    o->set("seq", v.entry.seq);
    o->set("action", v.entry.action);
    o->set("loggedAt", v.entry.loggedAt);
    o->set("contentSha256", v.entry.contentSha256);
    o->set("prevHash", v.entry.prevHash);
    o->set("chainHash", v.entry.chainHash);
    o->set("contentIntact", v.contentIntact);
    o->set("linkIntact", v.linkIntact);
    o->set("followsPrevious", v.followsPrevious);
    o->set("matchesRecord", orNull(v.matchesRecord));
    o->set("checkpoint", v.checkpoint ? Poco::Dynamic::Var(checkpointJson(*v.checkpoint)) : Poco::Dynamic::Var());
    // As text: its SHA-256 is contentSha256, byte for byte.
    o->set("content", v.entry.content);
    return o;
}

/// What `statements` and a record's proof both say of a stored statement, before their own fields.
Poco::JSON::Object::Ptr statementJson(const store::StatementRecord& s)
{
    auto o = object();
    o->set("id", s.id);
    o->set("kind", s.kind);
    o->set("state", s.state);
    o->set("evidence", orNull(s.evidenceId));
    o->set("voids", orNull(s.voidsStatementId));
    o->set("createdAt", s.createdAt);
    o->set("deliveredAt", orNull(s.deliveredAt));
    return o;
}

Poco::JSON::Object::Ptr statementProofJson(const service::StatementProofView& p)
{
    const store::StatementRecord& s = p.statement;
    auto o = statementJson(s);
    o->set("logSeq", orNull(s.logSeq));
    o->set("bodySha256", p.bodySha256);
    o->set("signed", s.signature.has_value());
    o->set("matchesLog", p.mismatch.empty());
    o->set("mismatch", p.mismatch.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(p.mismatch));
    // Its members in the order it is sent (the hash is over the stored bytes, `statements` has them).
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    o->set("statement", parser.parse(s.body));
    return o;
}

} // namespace

EvidencePresenter::EvidencePresenter(plugin::HostServices& clock, service::EvidenceService& evidence,
                                     Audience::Defaults readers):
    _clock(clock),
    _evidence(evidence),
    _readers(std::move(readers))
{}

service::LmsEvent EvidencePresenter::event(const Request& request, service::LmsEvent::Type type)
{
    if (type == service::LmsEvent::Type::Completion)
        request.allowOnly({"type", "eventId", "learner", "at", "activity", "verb", "score"});
    else
        request.allowOnly(
            {"type", "eventId", "learner", "at", "responsibility", "assessor", "outcome", "note", "evidenceUrl"});
    service::LmsEvent e;
    e.type = type;
    e.eventId = request.optString("eventId").value_or("");
    e.learner = request.string("learner");
    e.at = request.optString("at");
    if (type == service::LmsEvent::Type::Completion)
    {
        e.activity = request.string("activity");
        e.verb = request.optString("verb").value_or("completed");
        if (request.isNumber("score")) e.scoreScaled = request.optNumber("score");
        else if (request.has("score"))
        {
            if (!request.isObject("score")) request.fail("score", "must be a number or an object");
            const auto s = request.optObject("score");
            s->allowOnly({"scaled", "raw", "min", "max"});
            e.scoreScaled = s->optNumber("scaled");
            e.scoreRaw = s->optNumber("raw");
            e.scoreMin = s->optNumber("min");
            e.scoreMax = s->optNumber("max");
        }
    }
    else
    {
        e.responsibility = request.string("responsibility");
        e.assessor = request.string("assessor");
        e.outcome = request.optString("outcome").value_or("demonstrated");
        e.note = request.optText("note");
        e.evidenceUrl = request.optString("evidenceUrl");
    }
    return e;
}

std::string EvidencePresenter::complete(const Request& request)
{
    auto results = _evidence.record({event(request, service::LmsEvent::Type::Completion)}, _clock.now());
    return toJson(resultJson(results.at(0)));
}

std::string EvidencePresenter::attest(const Request& request)
{
    auto results = _evidence.record({event(request, service::LmsEvent::Type::Attestation)}, _clock.now());
    return toJson(resultJson(results.at(0)));
}

service::LmsEvent EvidencePresenter::recordEvent(const Request::Objects& items, std::size_t i)
{
    // Events of a batch are named as the service names them: "event N (complete)", from 1.
    const std::string number = "event " + std::to_string(i + 1);
    const Request item = items.at(i).renamed(number);
    const std::string type = item.string("type");
    if (type != "completion" && type != "attestation")
        item.fail("type", "must be completion or attestation, not '" + type + "'");
    const bool completion = type == "completion";
    const std::string name = items.size() > 1 ? number + " (" + (completion ? "complete" : "attest") + ")"
                                              : std::string(completion ? "complete" : "attest");
    return event(item.renamed(name),
                 completion ? service::LmsEvent::Type::Completion : service::LmsEvent::Type::Attestation);
}

std::string EvidencePresenter::record(const Request& request)
{
    request.allowOnly({"events"});
    const Request::Objects items = request.objects("events");
    // Every event is read and checked first, so a malformed one refuses the call before anything
    // is written; events are then built again, a chunk at a time, so memory stays bounded.
    for (std::size_t i = 0; i < items.size(); ++i) recordEvent(items, i);

    const Poco::Timestamp now = _clock.now();
    // The response is written as text (a DOM of 200,000 results costs gigabytes), in one buffer
    // sized for it up front: about 150 bytes a result, the counts put in front at the end.
    std::string results;
    results.reserve(items.size() * 160 + 64);
    std::size_t recorded = 0, duplicates = 0;
    for (std::size_t first = 0; first < items.size(); first += kRecordChunk)
    {
        const std::size_t end = std::min(items.size(), first + kRecordChunk);
        std::vector<service::LmsEvent> chunk;
        chunk.reserve(end - first);
        for (std::size_t i = first; i < end; ++i) chunk.push_back(recordEvent(items, i));
        std::vector<service::RecordResult> done;
        try
        {
            done = _evidence.record(chunk, now);
        }
        catch (const runtime::Error& e)
        {
            if (items.size() <= kRecordChunk) throw;
            throw chunkFailure(e, first, chunk.size());
        }
        for (const auto& r : done)
        {
            (r.duplicate ? duplicates : recorded)++;
            if (!results.empty()) results += ',';
            results += toJson(resultJson(r));
        }
    }
    results.insert(0, "{\"recorded\":" + std::to_string(recorded) + ",\"duplicates\":" + std::to_string(duplicates) +
                          ",\"results\":[");
    results += "]}";
    return results;
}

runtime::Error EvidencePresenter::chunkFailure(const runtime::Error& e, std::size_t first, std::size_t count)
{
    // The service numbers events within its chunk ("event 3 (complete): ...", or "complete: ..." for
    // a chunk of one); the host numbers them within its request.
    std::string message = e.message();
    const std::size_t digits = message.rfind("event ", 0) == 0 ? message.find_first_not_of("0123456789", 6) : 0;
    if (digits > 6 && digits != std::string::npos)
        message = "event " + std::to_string(first + std::stoul(message.substr(6, digits - 6))) + message.substr(digits);
    else if (count == 1)
        for (const char* op : {"complete: ", "attest: "})
            if (message.rfind(op, 0) == 0)
                message = "event " + std::to_string(first + 1) + " (" + std::string(op, std::strlen(op) - 2) + ")" +
                          message.substr(std::strlen(op) - 2);
    if (first > 0)
        message += "; events 1 to " + std::to_string(first) + " were recorded before it, in chunks of " +
                   std::to_string(kRecordChunk) + " (a retry with the same eventIds records only the rest)";
    return runtime::Error(e.status(), message, e.problems());
}

std::string EvidencePresenter::withdraw(const Request& request)
{
    auto r = _evidence.withdraw(request.string("evidence"), request.text("reason"), request.optString("eventId"),
                                _clock.now());
    auto o = object();
    o->set("evidence", r.evidenceId);
    o->set("duplicate", r.duplicate);
    o->set("voidingStatements", array(r.voidingStatementIds));
    o->set("learner", r.learner.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.learner));
    o->set("skill", r.skillCode.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.skillCode));
    Poco::JSON::Array::Ptr lost = new Poco::JSON::Array;
    for (int level : r.levelsLost) lost->add(level);
    o->set("levelsLost", lost);
    return toJson(o);
}

Poco::JSON::Object::Ptr EvidencePresenter::evidenceJson(const store::EvidenceRecord& r)
{
    auto o = object();
    o->set("id", r.id);
    o->set("seq", r.seq);
    o->set("eventId", r.eventId);
    o->set("kind", r.kind);
    o->set("learner", r.learner);
    o->set("skill", r.skillCode);
    o->set("level", r.level);
    o->set("responsibilities", array(r.responsibilities));
    o->set("definition", r.definitionSha256);
    o->set("levelTextSha256", r.levelTextSha256);
    o->set("activity", orNull(r.activityId));
    o->set("mapping", orNull(r.mappingId));
    o->set("verb", r.verb);
    auto score = object();
    score->set("scaled", orNull(r.scoreScaled));
    score->set("raw", orNull(r.scoreRaw));
    score->set("min", orNull(r.scoreMin));
    score->set("max", orNull(r.scoreMax));
    o->set("score", score);
    o->set("success", orNull(r.success));
    o->set("assessor", orNull(r.assessor));
    o->set("outcome", orNull(r.outcome));
    o->set("note", orNull(r.note));
    o->set("evidenceUrl", orNull(r.evidenceUrl));
    o->set("occurredAt", r.occurredAt);
    o->set("recordedAt", r.recordedAt);
    o->set("withdrawnAt", orNull(r.withdrawnAt));
    o->set("withdrawnReason", orNull(r.withdrawnReason));
    o->set("state", store::stateName(r.state));
    return o;
}

std::string EvidencePresenter::evidence(const Request& request)
{
    request.allowOnly({"learner", "assessor", "skill", "level", "kind", "state", "from", "to", "includeWithdrawn",
                       "limit", "offset", "after"});
    store::EvidenceFilter f;
    f.learner = idFilter(request, "learner");
    f.assessor = idFilter(request, "assessor");
    f.skillCode = idFilter(request, "skill");
    f.level = request.optInt("level");
    if (f.level && (*f.level < 1 || *f.level > 7)) request.fail("level", "must be from 1 to 7");
    f.kind = request.optString("kind");
    if (f.kind && *f.kind != "learning" && *f.kind != "demonstrated")
        request.fail("kind", "must be learning or demonstrated, not '" + *f.kind + "'");
    if (const auto state = request.optString("state"))
    {
        f.state = store::stateNamed(*state);
        if (!f.state) request.fail("state", "must be active, verified or withdrawn, not '" + *state + "'");
    }
    // Times are compared as stored text, so they are normalised to the stored form first.
    f.from = timeBound(request, "from");
    f.to = timeBound(request, "to");
    if (f.from && f.to && *f.to <= *f.from) request.fail("to", "must be later than 'from'");
    f.includeWithdrawn = request.optBool("includeWithdrawn").value_or(true);
    const Request::Page page = request.page();
    const int offset = request.optInt("offset").value_or(0);
    if (offset < 0) request.fail("offset", "must not be negative");
    // One more than the page: whether there is a next page is known without another query.
    f.limit = page.limit + 1;
    f.offset = static_cast<std::size_t>(offset);
    f.afterSeq = page.afterSeq;
    auto records = _evidence.list(f);
    const bool more = records.size() > page.limit;
    if (more) records.pop_back();
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& r : records) list->add(evidenceJson(r));
    const std::string skill = f.skillCode ? *f.skillCode : records.empty() ? std::string() : records.front().skillCode;
    auto o = object();
    o->set("lang", Audience::of(request, _readers, _evidence.definitionLanguage(skill)).language());
    o->set("evidence", list);
    if (more) o->set("next", request.nextCursor(records.back().seq));
    return toJson(o);
}

std::string EvidencePresenter::show(const Request& request)
{
    request.allowOnly({"evidence"});
    const service::EvidenceView view = _evidence.show(request.string("evidence"));
    auto o = object();
    o->set("lang", Audience::of(request, _readers, view.language).language());
    o->set("evidence", evidenceJson(view.record));
    Poco::JSON::Array::Ptr verifications = new Poco::JSON::Array;
    for (const auto& v : view.verifications)
    {
        auto vo = object();
        vo->set("auditor", v.auditor);
        vo->set("verifiedAt", v.verifiedAt);
        vo->set("note", orNull(v.note));
        verifications->add(vo);
    }
    o->set("verifications", verifications);
    o->set("checkpointsEnabled", view.checkpointsEnabled);
    Poco::JSON::Array::Ptr log = new Poco::JSON::Array;
    for (const auto& entry : view.log) log->add(logEntryJson(entry));
    o->set("log", log);
    Poco::JSON::Array::Ptr statements = new Poco::JSON::Array;
    for (const auto& s : view.statements) statements->add(statementProofJson(s));
    o->set("statements", statements);
    return toJson(o);
}

std::string EvidencePresenter::statements(const Request& request)
{
    const auto state = request.optString("state");
    if (state && *state != "pending" && *state != "delivered" && *state != "quarantined")
        request.fail("state", "must be pending, delivered or quarantined");
    const Request::Page page = request.page();
    auto records = _evidence.statements(request.optString("learner"), state, page.afterSeq, page.limit + 1);
    const bool more = records.size() > page.limit;
    if (more) records.pop_back();
    // The bodies are inserted verbatim: they are exactly what is sent to the LRS.
    std::string out = "{\"statements\":[";
    bool first = true;
    for (const auto& s : records)
    {
        auto meta = statementJson(s);
        meta->set("attempts", s.attempts);
        meta->set("lastError", orNull(s.lastError));
        std::string m = toJson(meta);
        m.pop_back();
        out += (first ? "" : ",") + m + ",\"statement\":" + s.body + "}";
        first = false;
    }
    out += "]";
    if (more) out += ",\"next\":" + toJson(Poco::Dynamic::Var(request.nextCursor(records.back().seq)));
    out += "}";
    return out;
}

}
} // namespace sfe::presenter
