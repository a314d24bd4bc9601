//
// StatementIntake.cpp
//
// Library: sfe_core
// Package: service
//

#include "sfe/service/StatementIntake.h"

#include "sfe/runtime/Time.h"
#include "sfe/service/Vocabulary.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/MappingRepository.h"
#include "sfe/xapi/Timestamp.h"

#include <map>
#include <set>

namespace sfe {
namespace service {

namespace {

constexpr std::size_t kMaxLearnerLength = 256; // as EvidenceService takes
// As EvidenceService: an LMS or LRS clock may run a little ahead of ours.
constexpr Poco::Timestamp::TimeDiff kAllowedClockSkew = Poco::Timestamp::TimeDiff(5) * 60 * 1000000;

bool ours(const xapi::Statement& s)
{
    if (!s.context) return false;
    for (const auto& a : s.context->contextActivities.category)
        if (a.id == vocabulary::kProfileVersion || a.id.rfind(vocabulary::kProfile, 0) == 0) return true;
    return false;
}

std::string problemsText(const xapi::Problems& problems)
{
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p.toString();
    return text;
}

} // namespace

StatementIntake::StatementIntake(store::Database& db, EvidenceService& evidence, const runtime::Settings& settings):
    _db(db),
    _evidence(evidence),
    _settings(settings)
{}

std::string StatementIntake::learnerOf(const xapi::Agent& actor, std::string& why) const
{
    std::string learner;
    if (actor.account)
    {
        if (actor.account->homePage != _settings.lmsHomePage)
        {
            why = "an account of " + actor.account->homePage + ", not of this LMS (lms.home_page " +
                  _settings.lmsHomePage + ")";
            return {};
        }
        learner = actor.account->name;
    }
    else if (actor.mbox.rfind("mailto:", 0) == 0)
    {
        learner = actor.mbox.substr(7);
        // The inverse of StatementFactory::agent(): with xapi.actor=mbox, an LMS id without '@' was
        // sent as id@lms.mbox_domain.
        const std::string domain = "@" + _settings.lmsMboxDomain;
        if (_settings.xapiActor == "mbox" && !_settings.lmsMboxDomain.empty() && learner.size() > domain.size() &&
            learner.compare(learner.size() - domain.size(), domain.size(), domain) == 0)
            learner.resize(learner.size() - domain.size());
    }
    else
    {
        why = actor.mboxSha1sum.empty() ? "the actor is identified by openid, which names no LMS user"
                                        : "the actor is identified by mbox_sha1sum, which names no LMS user";
        return {};
    }
    if (learner.empty() || learner.size() > kMaxLearnerLength)
    {
        why = "the learner id is empty or longer than 256 bytes";
        return {};
    }
    for (unsigned char c : learner)
        if (c < 0x20 || c == 0x7f)
        {
            why = "the learner id contains a control character";
            return {};
        }
    return learner;
}

IntakeReport StatementIntake::take(const std::vector<IncomingStatement>& statements, const Poco::Timestamp& now)
{
    IntakeReport report;
    report.statements = statements.size();
    auto skip = [&](const std::string& id, const char* reason, const std::string& detail) {
        report.skipped.push_back({id, reason, detail});
    };

    // Statements voided by another one of the same set never count, wherever they stand in it.
    std::map<std::string, std::string> voidedBy;
    std::set<std::string> present;
    for (const auto& in : statements)
    {
        present.insert(in.statement.id);
        if (in.problems.empty() && in.statement.verb.id == vocabulary::kVerbVoided && in.statement.statementRef())
            voidedBy.emplace(in.statement.statementRef()->id, in.statement.id);
    }
    // A voiding statement whose target counted before: the evidence stays until it is withdrawn.
    std::vector<std::string> targets;
    for (const auto& [target, by] : voidedBy) targets.push_back(target);
    const std::set<std::string> countedBefore = store::EvidenceRepository(_db).knownEvents(targets);

    store::MappingRepository mappings(_db);
    std::map<std::string, std::optional<store::ActivityRecord>> activities; // by IRI, for this set
    std::vector<LmsEvent> events;
    for (const auto& in : statements)
    {
        const xapi::Statement& s = in.statement;
        if (!in.problems.empty())
        {
            skip(s.id, "invalid", problemsText(in.problems));
            continue;
        }
        if (ours(s))
        {
            skip(s.id, "own", "");
            continue;
        }
        if (s.verb.id == vocabulary::kVerbVoided)
        {
            const std::string& target = s.statementRef()->id;
            skip(s.id, "voiding",
                 countedBefore.count(target) ? "voids " + target + ", which counted as evidence: withdraw that evidence"
                                             : "voids " + target);
            // The LRS hides a voided statement from its feed: it is reported here, once.
            if (!present.count(target)) skip(target, "voided", "voided by " + s.id);
            continue;
        }
        if (auto v = voidedBy.find(s.id); v != voidedBy.end())
        {
            skip(s.id, "voided", "voided by " + v->second);
            continue;
        }
        if (s.actor.type == xapi::Agent::Type::Group)
        {
            skip(s.id, "group-actor", "a Group is no single learner");
            continue;
        }
        std::string why;
        const std::string learner = learnerOf(s.actor, why);
        if (learner.empty())
        {
            skip(s.id, "unknown-actor", why);
            continue;
        }
        const xapi::Activity* object = in.objectType == "Activity" ? s.activity() : nullptr;
        if (!object)
        {
            skip(s.id, "not-an-activity", "the object is a " + in.objectType);
            continue;
        }
        auto known = activities.find(object->id);
        if (known == activities.end())
        {
            auto activity = mappings.activity(object->id);
            // Only an activity whose xAPI IRI this is: an LMS id that happens to equal it is another one.
            if (activity && activity->iri != object->id) activity.reset();
            if (activity && mappings.activeMappings(std::nullopt, activity->id).empty()) activity.reset();
            known = activities.emplace(object->id, activity).first;
        }
        if (!known->second)
        {
            skip(s.id, "unmapped-activity", object->id);
            continue;
        }
        std::string verb;
        if (s.verb.id == vocabulary::kVerbCompleted) verb = "completed";
        else if (s.verb.id == vocabulary::kVerbPassed) verb = "passed";
        else if (s.verb.id == vocabulary::kVerbFailed) verb = "failed";
        else if (!s.result)
        {
            skip(s.id, "no-result", s.verb.id);
            continue;
        }
        else if (s.result->success) verb = *s.result->success ? "passed" : "failed";
        else if (s.result->completion.value_or(false)) verb = "completed";
        else
        {
            skip(s.id, "unsupported-verb", s.verb.id);
            continue;
        }
        const std::string& when = !in.timestamp.empty() ? in.timestamp : in.stored;
        std::optional<std::string> at;
        if (!when.empty())
        {
            const Poco::Timestamp t = *runtime::parseTime(when);
            if (t - now > kAllowedClockSkew)
            {
                skip(s.id, "future", when);
                continue;
            }
            at = xapi::Timestamp::format(t);
        }
        LmsEvent e;
        e.type = LmsEvent::Type::Completion;
        e.eventId = s.id;
        e.learner = learner;
        e.at = at;
        e.activity = known->second->id;
        e.verb = verb;
        if (s.result && s.result->score)
        {
            e.scoreScaled = s.result->score->scaled;
            e.scoreRaw = s.result->score->raw;
            e.scoreMin = s.result->score->min;
            e.scoreMax = s.result->score->max;
        }
        events.push_back(std::move(e));
    }
    if (events.empty()) return report;
    for (const RecordResult& r : _evidence.record(events, now))
    {
        if (r.duplicate) ++report.duplicates;
        else
        {
            ++report.recorded;
            report.evidence += r.evidenceIds.size();
        }
    }
    return report;
}

}
} // namespace sfe::service
