//
// StatementValidator.cpp
//
// Library: sfe_xapi
// Package: validation
//

#include "sfe/xapi/StatementValidator.h"
#include "sfe/xapi/Duration.h"
#include "sfe/xapi/Iri.h"
#include "sfe/xapi/JsonWriter.h"
#include "sfe/xapi/LanguageTag.h"
#include "sfe/xapi/Timestamp.h"
#include "sfe/xapi/Utf8.h"
#include "sfe/xapi/Uuid.h"
#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <unordered_map>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>

namespace sfe {
namespace xapi {

namespace {

std::string number(double d)
{
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, r.ptr);
}

std::string join(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

bool isHex(const std::string& s)
{
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    return true;
}

/// IRIs and language tags repeat from statement to statement (base IRIs, profile IRIs, "de-DE"),
/// so their verdicts are remembered per thread; the memory is dropped when it grows large.
const std::string& remembered(std::unordered_map<std::string, std::string>& memory, const std::string& value,
                              std::string (*check)(const std::string&))
{
    auto it = memory.find(value);
    if (it != memory.end()) return it->second;
    if (memory.size() >= 4096) memory.clear();
    return memory.emplace(value, check(value)).first->second;
}

const std::string& checkIri(const std::string& value)
{
    thread_local std::unordered_map<std::string, std::string> memory;
    return remembered(memory, value, &Iri::check);
}

const std::string& checkLanguageTag(const std::string& value)
{
    thread_local std::unordered_map<std::string, std::string> memory;
    return remembered(memory, value, &LanguageTag::check);
}

/// The character starting at byte `i`, whole (a UTF-8 sequence), so messages stay valid UTF-8.
std::string characterAt(const std::string& text, std::size_t i)
{
    std::size_t end = i;
    std::uint32_t codePoint = 0;
    if (Utf8::decode(text, end, codePoint)) return text.substr(i, end - i);
    static const char* hex = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text[i]);
    return std::string("\\x") + hex[byte >> 4] + hex[byte & 15];
}

/// mailto:name@domain.tld, with the characters Learning Locker's check accepts.
std::string checkMailto(const std::string& mbox)
{
    static const std::string kForm = "it must be mailto:name@domain.tld";
    if (mbox.compare(0, 7, "mailto:") != 0) return "does not start with \"mailto:\"; " + kForm;
    const std::string address = mbox.substr(7);
    const std::size_t at = address.find('@');
    if (at == std::string::npos || address.find('@', at + 1) != std::string::npos)
        return "is not a mailto IRI with one '@'; " + kForm;
    const std::string local = address.substr(0, at), domain = address.substr(at + 1);
    if (local.empty()) return "has nothing before the '@'; " + kForm;
    for (std::size_t i = 0; i < local.size(); ++i)
    {
        const char c = local[i];
        if (!(std::isalnum(static_cast<unsigned char>(c)) || std::string(".`'_%+-").find(c) != std::string::npos))
            return "has '" + characterAt(local, i) + "' in the part before the '@'; " + kForm;
    }
    const std::size_t dot = domain.rfind('.');
    if (domain.empty() || dot == std::string::npos || dot == 0 || dot + 1 == domain.size())
        return "has domain " + JsonWriter::quoted(domain) + " without a top-level domain; " + kForm;
    for (std::size_t i = 0; i < domain.size(); ++i)
    {
        const char c = domain[i];
        const bool ok = i > dot ? std::isalpha(static_cast<unsigned char>(c)) != 0
                                : (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-');
        if (!ok) return "has '" + characterAt(domain, i) + "' in its domain; " + kForm;
    }
    return {};
}

bool isMediaType(const std::string& s)
{
    // type "/" subtype [";" parameters]; tokens of RFC 2045 characters
    auto token = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::string("!#$&-^_.+").find(c) != std::string::npos;
    };
    const std::size_t slash = s.find('/');
    if (slash == std::string::npos || slash == 0) return false;
    std::size_t i = 0;
    for (; i < slash; ++i)
        if (!token(s[i])) return false;
    std::size_t j = slash + 1;
    for (; j < s.size() && s[j] != ';'; ++j)
        if (!token(s[j])) return false;
    return j > slash + 1;
}

/// One validation run: collects problems.
class Run
{
public:
    Run(const ValidatorOptions& options, Problems& out):
        _options(options),
        _out(out)
    {}

    void statement(const Statement& s, const std::string& p)
    {
        if (s.id.empty())
        {
            if (_options.requireId)
                add(p + ".id", "is missing; assign a UUID before the first send so re-sends are idempotent");
        }
        else uuid(p + ".id", s.id);

        agent(p + ".actor", s.actor);
        verb(p + ".verb", s.verb);
        if (s.verb.id == Verb::kVoided && !s.statementRef())
            add(p + ".object", "must be a StatementRef because the verb is " + Verb::kVoided);

        if (const auto* a = s.activity()) activity(p + ".object", *a);
        else if (const auto* ag = std::get_if<Agent>(&s.object)) agent(p + ".object", *ag);
        else uuid(p + ".object.id", s.statementRef()->id);

        if (s.result) result(p + ".result", *s.result);
        if (s.context) context(p + ".context", *s.context, s.activity() != nullptr);

        if (s.timestamp.empty())
        {
            if (_options.requireTimestamp) add(p + ".timestamp", "is missing; give the time of the experience");
        }
        else
        {
            const std::string why = Timestamp::check(s.timestamp);
            if (!why.empty()) add(p + ".timestamp", JsonWriter::quoted(s.timestamp) + " " + why);
        }

        version(p + ".version", s.version);
        for (std::size_t i = 0; i < s.attachments.size(); ++i)
            attachment(p + ".attachments[" + std::to_string(i) + "]", s.attachments[i]);
    }

private:
    void add(std::string path, std::string message) { _out.push_back({std::move(path), std::move(message)}); }

    void iri(const std::string& path, const std::string& value)
    {
        if (value.empty())
        {
            add(path, "is empty; an absolute IRI is required");
            return;
        }
        const std::string& why = checkIri(value);
        if (!why.empty()) add(path, JsonWriter::quoted(value) + " " + why);
    }

    /// Free text goes out byte for byte, so it must be UTF-8 to make valid JSON.
    void utf8(const std::string& path, const std::string& value)
    {
        const std::string why = Utf8::check(value);
        if (!why.empty()) add(path, why);
    }

    void uuid(const std::string& path, const std::string& value)
    {
        const std::string why = Uuid::check(value);
        if (!why.empty()) add(path, JsonWriter::quoted(value) + " " + why);
    }

    void languageMap(const std::string& path, const std::optional<LanguageMap>& map, bool required)
    {
        if (!map)
        {
            if (required) add(path, "is missing; give a language map with at least one language");
            return;
        }
        if (map->empty())
        {
            add(path, "is an empty language map; give at least one language or leave it out");
            return;
        }
        for (const auto& entry : *map)
        {
            const std::string at = path + "[" + JsonWriter::quoted(entry.first) + "]";
            const std::string& why = checkLanguageTag(entry.first);
            if (!why.empty()) add(at, JsonWriter::quoted(entry.first) + " is not an RFC 5646 language tag: it " + why);
            utf8(at, entry.second);
        }
    }

    void extensions(const std::string& path, const Extensions& ext)
    {
        for (const auto& [key, value] : ext)
        {
            const std::string at = path + "[" + JsonWriter::quoted(key) + "]";
            const std::string& why = checkIri(key);
            if (!why.empty()) add(at, "extension key " + JsonWriter::quoted(key) + " is not an IRI: it " + why);
            if (value.kind() == JsonValue::Kind::String) utf8(at, value.text());
            if (value.kind() == JsonValue::Kind::Number && !std::isfinite(value.number()))
                add(at, "is " + number(value.number()) + ", which JSON cannot represent");
            if (value.kind() == JsonValue::Kind::Raw)
            {
                try
                {
                    Poco::JSON::Parser().parse(value.text());
                }
                catch (const Poco::Exception& e)
                {
                    add(at,
                        "raw JSON value " + JsonWriter::quoted(value.text()) + " does not parse: " + e.displayText());
                }
            }
        }
    }

    void agent(const std::string& path, const Agent& a)
    {
        const std::vector<std::string> ifis = a.identifierNames();
        const bool group = a.type == Agent::Type::Group;
        if (ifis.size() > 1)
            add(path,
                "has " + std::to_string(ifis.size()) + " identifiers (" + join(ifis) + "); exactly one is required");
        if (ifis.empty())
        {
            if (!group)
                add(path, "has no identifier; exactly one of mbox, mbox_sha1sum, openid or account is required");
            else if (a.members.empty())
                add(path, "is an anonymous Group (no identifier) without members; it must list its members");
        }
        utf8(path + ".name", a.name);
        if (!a.mbox.empty())
        {
            const std::string why = checkMailto(a.mbox);
            if (!why.empty()) add(path + ".mbox", JsonWriter::quoted(a.mbox) + " " + why);
        }
        if (!a.mboxSha1sum.empty() && !(a.mboxSha1sum.size() == 40 && isHex(a.mboxSha1sum)))
            add(path + ".mbox_sha1sum", JsonWriter::quoted(a.mboxSha1sum) + " is not a SHA-1 in hex (40 hex digits)");
        if (!a.openid.empty()) iri(path + ".openid", a.openid);
        if (a.account)
        {
            if (a.account->homePage.empty())
                add(path + ".account.homePage", "is missing; an account needs homePage (an IRL) and name");
            else iri(path + ".account.homePage", a.account->homePage);
            if (a.account->name.empty())
                add(path + ".account.name", "is missing; an account needs homePage (an IRL) and name");
            else utf8(path + ".account.name", a.account->name);
        }
        if (!group && !a.members.empty())
            add(path + ".member", "is only allowed on a Group; this Agent would lose its members");
        for (std::size_t i = 0; group && i < a.members.size(); ++i)
        {
            const std::string mp = path + ".member[" + std::to_string(i) + "]";
            if (a.members[i].type == Agent::Type::Group) add(mp, "is a Group; the members of a Group must be Agents");
            else agent(mp, a.members[i]);
        }
    }

    void verb(const std::string& path, const Verb& v)
    {
        iri(path + ".id", v.id);
        languageMap(path + ".display", v.display, true);
    }

    void activity(const std::string& path, const Activity& a)
    {
        iri(path + ".id", a.id);
        if (!a.definition) return;
        const ActivityDefinition& d = *a.definition;
        const std::string dp = path + ".definition";
        languageMap(dp + ".name", d.name, false);
        languageMap(dp + ".description", d.description, false);
        if (!d.type.empty()) iri(dp + ".type", d.type);
        if (!d.moreInfo.empty()) iri(dp + ".moreInfo", d.moreInfo);
        extensions(dp + ".extensions", d.extensions);
    }

    void result(const std::string& path, const Result& r)
    {
        if (r.score)
        {
            const Score& sc = *r.score;
            const std::string sp = path + ".score";
            bool finite = true;
            auto finiteCheck = [&](const char* name, const std::optional<double>& v) {
                if (v && !std::isfinite(*v))
                {
                    add(sp + "." + name, "is " + number(*v) + "; it must be a finite number");
                    finite = false;
                }
            };
            finiteCheck("scaled", sc.scaled);
            finiteCheck("raw", sc.raw);
            finiteCheck("min", sc.min);
            finiteCheck("max", sc.max);
            if (finite)
            {
                if (sc.scaled && (*sc.scaled < -1 || *sc.scaled > 1))
                    add(sp + ".scaled", number(*sc.scaled) + " is outside [-1, 1]");
                if (sc.min && sc.max && !(*sc.min < *sc.max))
                    add(sp, "min (" + number(*sc.min) + ") must be less than max (" + number(*sc.max) + ")");
                if (sc.raw && sc.min && *sc.raw < *sc.min)
                    add(sp + ".raw", number(*sc.raw) + " is less than min (" + number(*sc.min) + ")");
                if (sc.raw && sc.max && *sc.raw > *sc.max)
                    add(sp + ".raw", number(*sc.raw) + " is greater than max (" + number(*sc.max) + ")");
            }
        }
        if (r.response) utf8(path + ".response", *r.response);
        if (r.duration)
        {
            const std::string why = Duration::check(*r.duration);
            if (!why.empty())
                add(path + ".duration", JsonWriter::quoted(*r.duration) + " is not an ISO 8601 duration: it " + why);
        }
        extensions(path + ".extensions", r.extensions);
    }

    void relevantTypes(const std::string& path, const std::vector<std::string>& types)
    {
        for (std::size_t i = 0; i < types.size(); ++i) iri(path + "[" + std::to_string(i) + "]", types[i]);
    }

    void context(const std::string& path, const Context& c, bool activityObject)
    {
        const bool v2 = _options.version == SpecVersion::v2_0_0;
        if (!c.registration.empty()) uuid(path + ".registration", c.registration);
        if (c.instructor) agent(path + ".instructor", *c.instructor);
        if (c.team)
        {
            if (c.team->type != Agent::Type::Group) add(path + ".team", "must be a Group");
            else agent(path + ".team", *c.team);
        }
        if (!c.contextAgents.empty() && !v2)
            add(path + ".contextAgents", "is an xAPI 2.0.0 property and is not allowed in 1.0.3 (use instructor)");
        if (!c.contextGroups.empty() && !v2)
            add(path + ".contextGroups", "is an xAPI 2.0.0 property and is not allowed in 1.0.3 (use team)");
        for (std::size_t i = 0; v2 && i < c.contextAgents.size(); ++i)
        {
            const std::string ap = path + ".contextAgents[" + std::to_string(i) + "]";
            if (c.contextAgents[i].agent.type == Agent::Type::Group)
                add(ap + ".agent", "is a Group; use contextGroups for groups");
            else agent(ap + ".agent", c.contextAgents[i].agent);
            relevantTypes(ap + ".relevantTypes", c.contextAgents[i].relevantTypes);
        }
        for (std::size_t i = 0; v2 && i < c.contextGroups.size(); ++i)
        {
            const std::string gp = path + ".contextGroups[" + std::to_string(i) + "]";
            if (c.contextGroups[i].group.type != Agent::Type::Group) add(gp + ".group", "must be a Group");
            else agent(gp + ".group", c.contextGroups[i].group);
            relevantTypes(gp + ".relevantTypes", c.contextGroups[i].relevantTypes);
        }
        const std::string cap = path + ".contextActivities";
        auto list = [&](const char* name, const std::vector<Activity>& activities) {
            for (std::size_t i = 0; i < activities.size(); ++i)
                activity(cap + "." + name + "[" + std::to_string(i) + "]", activities[i]);
        };
        list("parent", c.contextActivities.parent);
        list("grouping", c.contextActivities.grouping);
        list("category", c.contextActivities.category);
        list("other", c.contextActivities.other);
        utf8(path + ".revision", c.revision);
        utf8(path + ".platform", c.platform);
        if (!c.revision.empty() && !activityObject)
            add(path + ".revision", "is only allowed when the object is an Activity");
        if (!c.platform.empty() && !activityObject)
            add(path + ".platform", "is only allowed when the object is an Activity");
        if (!c.language.empty())
        {
            const std::string& why = checkLanguageTag(c.language);
            if (!why.empty())
                add(path + ".language", JsonWriter::quoted(c.language) + " is not an RFC 5646 language tag: it " + why);
        }
        if (c.statement) uuid(path + ".statement.id", c.statement->id);
        extensions(path + ".extensions", c.extensions);
    }

    void version(const std::string& path, const std::string& v)
    {
        if (v.empty()) return;
        if (_options.version == SpecVersion::v2_0_0)
        {
            if (v != "2.0.0")
                add(path,
                    JsonWriter::quoted(v) + " contradicts the 2.0.0 output, which writes \"2.0.0\"; leave it unset");
            return;
        }
        bool ok = v.compare(0, 3, "1.0") == 0;
        if (ok && v.size() > 3)
        {
            ok = v[3] == '.' && v.size() > 4;
            for (std::size_t i = 4; ok && i < v.size(); ++i) ok = std::isdigit(static_cast<unsigned char>(v[i])) != 0;
        }
        if (!ok) add(path, JsonWriter::quoted(v) + " is not a 1.0.x version; for 1.0.3 leave it unset or use 1.0.x");
    }

    void attachment(const std::string& path, const Attachment& a)
    {
        iri(path + ".usageType", a.usageType);
        languageMap(path + ".display", a.display, true);
        languageMap(path + ".description", a.description, false);
        if (a.contentType.empty()) add(path + ".contentType", "is missing; give the media type, e.g. application/pdf");
        else if (!isMediaType(a.contentType))
            add(path + ".contentType",
                JsonWriter::quoted(a.contentType) + " is not a media type of the form type/subtype");
        else if (a.usageType == Attachment::kSignatureUsageType && a.contentType != "application/octet-stream")
            add(path + ".contentType",
                JsonWriter::quoted(a.contentType) + ": a signature attachment must be application/octet-stream");
        if (a.sha2.empty()) add(path + ".sha2", "is missing; give the hex SHA-256 (or -384/-512) of the content");
        else if (!(isHex(a.sha2) && (a.sha2.size() == 64 || a.sha2.size() == 96 || a.sha2.size() == 128)))
            add(path + ".sha2",
                JsonWriter::quoted(a.sha2) + " is not a hex SHA-256, SHA-384 or SHA-512 (64, 96 or 128 hex digits)");
        if (!a.fileUrl.empty()) iri(path + ".fileUrl", a.fileUrl);
    }

    const ValidatorOptions& _options;
    Problems& _out;
};

} // namespace

StatementValidator::StatementValidator(ValidatorOptions options):
    _options(options)
{}

Problems StatementValidator::validate(const Statement& statement) const
{
    Problems problems;
    validate(statement, "statement", problems);
    return problems;
}

Problems StatementValidator::validate(const std::vector<Statement>& statements) const
{
    Problems problems;
    std::map<std::string, std::size_t> firstWithId;
    for (std::size_t i = 0; i < statements.size(); ++i)
    {
        const std::string root = "statements[" + std::to_string(i) + "]";
        validate(statements[i], root, problems);
        const std::string& id = statements[i].id;
        if (id.empty()) continue;
        const auto [it, inserted] = firstWithId.emplace(id, i);
        if (!inserted)
            problems.push_back({root + ".id", JsonWriter::quoted(id) + " repeats the id of statements[" +
                                                  std::to_string(it->second) +
                                                  "]; an LRS refuses the whole batch for that"});
    }
    return problems;
}

void StatementValidator::validate(const Statement& statement, const std::string& root, Problems& problems) const
{
    Run(_options, problems).statement(statement, root);
}

}
} // namespace sfe::xapi
