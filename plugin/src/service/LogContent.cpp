//
// LogContent.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/LogContent.h"

#include "sfe/store/EvidenceLog.h"
#include "sfe/xapi/JsonWriter.h"

namespace sfe {
namespace service {

namespace {

void text(xapi::JsonWriter& w, const char* key, const std::optional<std::string>& v)
{
    w.key(key);
    if (v) w.string(*v);
    else w.null();
}

void number(xapi::JsonWriter& w, const char* key, const std::optional<double>& v)
{
    w.key(key);
    if (v) w.number(*v);
    else w.null();
}

void statementsKey(xapi::JsonWriter& w, const std::optional<std::vector<StatementBinding>>& statements)
{
    if (!statements) return;
    w.key("statements");
    StatementBinding::write(w, *statements);
}

const std::string kStatementsKey = ",\"statements\":[";

} // namespace

void LogContent::writeRecordFields(xapi::JsonWriter& w, const store::EvidenceRecord& r)
{
    w.key("kind");
    w.string(r.kind);
    w.key("learnerRef");
    w.string(r.learnerRef);
    w.key("skill");
    w.string(r.skillCode);
    w.key("level");
    w.integer(r.level);
    w.key("definition");
    w.string(r.definitionSha256);
    w.key("levelTextSha256");
    w.string(r.levelTextSha256);
    w.key("responsibilities");
    w.beginArray();
    for (const auto& id : r.responsibilities) w.string(id);
    w.endArray();
    text(w, "activity", r.activityId);
    text(w, "mapping", r.mappingId);
    w.key("verb");
    w.string(r.verb);
    number(w, "scoreScaled", r.scoreScaled);
    number(w, "scoreRaw", r.scoreRaw);
    number(w, "scoreMin", r.scoreMin);
    number(w, "scoreMax", r.scoreMax);
    w.key("success");
    if (r.success) w.boolean(*r.success);
    else w.null();
    text(w, "assessorRef", r.assessorRef);
    text(w, "outcome", r.outcome);
    text(w, "noteSha256", r.noteSha256);
    text(w, "evidenceUrl", r.evidenceUrl);
    w.key("occurredAt");
    w.string(r.occurredAt);
    w.key("recordedAt");
    w.string(r.recordedAt);
}

std::string LogContent::withoutStatements(const std::string& content)
{
    // "statements" is always the last key, and no earlier value can hold the key's text unescaped.
    const auto at = content.rfind(kStatementsKey);
    if (at == std::string::npos) return content;
    return content.substr(0, at) + "}";
}

std::string LogContent::record(const store::EvidenceRecord& r,
                               const std::optional<std::vector<StatementBinding>>& statements)
{
    std::string out;
    out.reserve(640);
    xapi::JsonWriter w(out);
    w.beginObject();
    w.key("action");
    w.string("record");
    w.key("evidence");
    w.string(r.id);
    w.key("seq");
    w.integer(r.seq);
    writeRecordFields(w, r);
    w.key("eventId");
    w.string(store::EvidenceLog::sha256(r.eventId));
    statementsKey(w, statements);
    w.endObject();
    return out;
}

std::string LogContent::withdraw(const std::string& evidenceId, const std::string& withdrawnAt,
                                 const std::string& reason,
                                 const std::optional<std::vector<StatementBinding>>& statements)
{
    std::string out;
    xapi::JsonWriter w(out);
    w.beginObject();
    w.key("action");
    w.string("withdraw");
    w.key("evidence");
    w.string(evidenceId);
    w.key("withdrawnAt");
    w.string(withdrawnAt);
    w.key("reasonSha256");
    w.string(store::EvidenceLog::sha256(reason));
    statementsKey(w, statements);
    w.endObject();
    return out;
}

std::string LogContent::verify(const std::string& evidenceId, const std::string& auditorRef,
                               const std::string& verifiedAt,
                               const std::optional<std::vector<StatementBinding>>& statements)
{
    std::string out;
    xapi::JsonWriter w(out);
    w.beginObject();
    w.key("action");
    w.string("verify");
    w.key("evidence");
    w.string(evidenceId);
    w.key("auditorRef");
    w.string(auditorRef);
    w.key("verifiedAt");
    w.string(verifiedAt);
    statementsKey(w, statements);
    w.endObject();
    return out;
}

}
} // namespace sfe::service
