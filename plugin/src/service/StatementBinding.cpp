//
// StatementBinding.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/StatementBinding.h"

#include "sfe/runtime/Error.h"
#include "sfe/service/StatementSigner.h"
#include "sfe/store/EvidenceLog.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/StoredText.h"
#include "sfe/xapi/JsonWriter.h"

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Nullable.h>

#include <cstring>

namespace sfe {
namespace service {

namespace {

const char* const kBlindKeys[] = {"name", "mbox", "response"};

/// The text between the quotes JsonWriter writes for `text`.
std::string escaped(const std::string& text)
{
    std::string out;
    xapi::JsonWriter::appendQuoted(out, text);
    return out.substr(1, out.size() - 2);
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

std::optional<std::string> optionalString(const Poco::JSON::Object::Ptr& o, const std::string& key)
{
    if (!o->has(key) || o->isNull(key)) return std::nullopt;
    return o->getValue<std::string>(key);
}

} // namespace

StatementBinding StatementBinding::of(const store::StatementRecord& statement)
{
    StatementBinding b;
    b.id = statement.id;
    b.evidenceId = statement.evidenceId;
    b.bodySha256 = store::EvidenceLog::sha256(statement.body);
    if (statement.signature) b.signatureSha256 = store::EvidenceLog::sha256(*statement.signature);
    b.blindSha256 = store::EvidenceLog::sha256(blind(StatementSigner::unsignedBody(statement.body)));
    return b;
}

void StatementBinding::write(xapi::JsonWriter& w, const std::vector<StatementBinding>& bindings)
{
    w.beginArray();
    for (const StatementBinding& b : bindings)
    {
        w.beginObject();
        w.key("id");
        w.string(b.id);
        w.key("evidence");
        if (b.evidenceId) w.string(*b.evidenceId);
        else w.null();
        w.key("bodySha256");
        w.string(b.bodySha256);
        w.key("signatureSha256");
        if (b.signatureSha256) w.string(*b.signatureSha256);
        else w.null();
        w.key("blindSha256");
        w.string(b.blindSha256);
        w.endObject();
    }
    w.endArray();
}

std::optional<std::vector<StatementBinding>> StatementBinding::read(const std::string& logContent)
{
    Poco::JSON::Parser parser;
    auto content = parser.parse(logContent).extract<Poco::JSON::Object::Ptr>();
    if (!content->has("statements")) return std::nullopt;
    std::vector<StatementBinding> result;
    auto array = content->getArray("statements");
    for (std::size_t i = 0; array && i < array->size(); ++i)
    {
        auto o = array->getObject(static_cast<unsigned>(i));
        if (!o) continue;
        StatementBinding b;
        b.id = o->optValue<std::string>("id", "");
        b.evidenceId = optionalString(o, "evidence");
        b.bodySha256 = o->optValue<std::string>("bodySha256", "");
        b.signatureSha256 = optionalString(o, "signatureSha256");
        b.blindSha256 = o->optValue<std::string>("blindSha256", "");
        result.push_back(std::move(b));
    }
    return result;
}

std::string StatementBinding::refusal(store::Database& db, const store::StatementRecord& statement)
{
    using namespace Poco::Data::Keywords;
    const std::string prefix = "not sent: statement " + statement.id + " does not match the evidence log: ";
    if (!statement.logSeq)
    {
        Poco::Nullable<Poco::Int64> boundFrom;
        db.session() << "SELECT value FROM sequences WHERE name = 'statements_bound_from'", into(boundFrom), now;
        if (!boundFrom.isNull() && statement.seq < boundFrom.value()) return {}; // made before binding
        return prefix + "no log entry binds it";
    }
    // The entry as `audit verify` reads it (store::EvidenceLog::entries).
    const std::string entry = "entry " + std::to_string(*statement.logSeq);
    std::vector<store::LogEntry> entries;
    try
    {
        entries = store::EvidenceLog(db).entries(*statement.logSeq, 1);
    }
    catch (const runtime::Error&)
    {
        return prefix + entry + " was changed"; // its stored text does not decode
    }
    if (entries.empty() || entries.front().seq != *statement.logSeq) return prefix + entry + " is missing";
    const store::LogEntry& e = entries.front();
    if (store::EvidenceLog::sha256(e.content) != e.contentSha256 ||
        store::EvidenceLog::link(e.prevHash, e.contentSha256) != e.chainHash)
        return prefix + entry + " was changed";
    std::optional<std::vector<StatementBinding>> bindings;
    try
    {
        bindings = read(e.content);
    }
    catch (const Poco::Exception&)
    {
        return prefix + entry + " is not JSON";
    }
    std::optional<StatementBinding> binding;
    if (bindings)
        for (const auto& b : *bindings)
            if (b.id == statement.id) binding = b;
    if (!binding) return prefix + entry + " does not bind it";

    std::vector<std::string> people{statement.learner};
    std::optional<std::string> note;
    if (statement.evidenceId)
        if (auto row = store::EvidenceRepository(db).find(*statement.evidenceId))
        {
            people.push_back(row->learner);
            if (row->assessor) people.push_back(*row->assessor);
            note = row->note;
        }
    std::string why;
    if (binding->check(statement, people, note, why) == Match::Differs) return prefix + entry + ": " + why;
    return {};
}

std::string StatementBinding::blind(const std::string& body, std::vector<std::pair<std::string, std::string>>* values)
{
    constexpr std::size_t kKeys = sizeof(kBlindKeys) / sizeof(kBlindKeys[0]);
    static const std::vector<std::string> patterns = [] {
        std::vector<std::string> p;
        for (const char* key : kBlindKeys) p.push_back(std::string("\"") + key + "\":\"");
        return p;
    }();
    std::string out;
    out.reserve(body.size());
    // Where each string-valued "name", "mbox" or "response" key is next (a language map such as an
    // activity's "name":{...} is not a string, and a quote inside a string is escaped); a key is
    // looked for again only once the text before `i` has passed it (once per key and value, not
    // three searches per value: this runs for every statement recorded).
    // memmem, not std::string::find: that stops at every '"' of the JSON to compare.
    const auto find = [&body](const std::string& pattern, std::size_t from) {
        const void* at = memmem(body.data() + from, body.size() - from, pattern.data(), pattern.size());
        return at ? static_cast<std::size_t>(static_cast<const char*>(at) - body.data()) : std::string::npos;
    };
    std::size_t next[kKeys];
    for (std::size_t k = 0; k < kKeys; ++k) next[k] = find(patterns[k], 0);
    std::size_t i = 0;
    for (;;)
    {
        std::size_t k = 0;
        for (std::size_t j = 1; j < kKeys; ++j)
            if (next[j] < next[k]) k = j;
        if (next[k] == std::string::npos)
        {
            out.append(body, i, std::string::npos);
            break;
        }
        const std::size_t start = next[k] + patterns[k].size();
        std::size_t end = start;
        while (end < body.size() && body[end] != '"') end += body[end] == '\\' ? 2 : 1;
        out.append(body, i, start - i);
        if (values) values->emplace_back(kBlindKeys[k], body.substr(start, std::min(end, body.size()) - start));
        i = std::min(end, body.size());
        for (std::size_t j = 0; j < kKeys; ++j)
            if (next[j] != std::string::npos && next[j] < i) next[j] = find(patterns[j], i);
    }
    return out;
}

StatementBinding::Match StatementBinding::check(const store::StatementRecord& statement,
                                                const std::vector<std::string>& people,
                                                const std::optional<std::string>& note, std::string& why) const
{
    if (statement.id != id)
    {
        why = "the log binds statement " + id + " here, not " + statement.id;
        return Match::Differs;
    }
    if (statement.evidenceId != evidenceId)
    {
        why = "it is stored for evidence " + statement.evidenceId.value_or("(none)") + " but was made for " +
              evidenceId.value_or("(none)");
        return Match::Differs;
    }
    const std::optional<std::string> signature =
        statement.signature ? std::optional<std::string>(store::EvidenceLog::sha256(*statement.signature))
                            : std::nullopt;
    if (store::EvidenceLog::sha256(statement.body) == bodySha256 && signature == signatureSha256) return Match::Same;

    std::vector<std::pair<std::string, std::string>> values;
    if (store::EvidenceLog::sha256(blind(StatementSigner::unsignedBody(statement.body), &values)) != blindSha256)
    {
        why = store::EvidenceLog::sha256(statement.body) == bodySha256 ? "its signature is not the one logged"
                                                                       : "its body is not the one logged";
        return Match::Differs;
    }
    // Only people, mboxes and the note differ: acceptable as an erasure's rewrite, and only then.
    for (const auto& [key, value] : values)
    {
        bool fine = false;
        if (key == "response") fine = value == "[erased]" || (note && value == escaped(*note));
        else if (key == "name") fine = startsWith(value, "erased-");
        else fine = startsWith(value, "mailto:erased-");
        for (const std::string& person : people)
        {
            if (fine) break;
            const std::string p = escaped(person);
            fine = key == "name"   ? value == p
                   : key == "mbox" ? value == "mailto:" + p || startsWith(value, "mailto:" + p + "@")
                                   : false;
        }
        if (!fine)
        {
            why = "its " + key + " is not the one logged";
            return Match::Differs;
        }
    }
    return Match::Erased;
}

}
} // namespace sfe::service
