//
// EventMix.cpp
//
// Benchmark support: a deterministic workload of activity mappings and LMS events.
//

#include "EventMix.h"

#include "sfe/presenter/Json.h"
#include "sfe/xapi/Timestamp.h"

#include <cstdio>
#include <stdexcept>

namespace sfe {
namespace bench {

namespace {

constexpr std::size_t kAssessors = 200;
const char* const kTypes[] = {"course", "module", "assessment", "task"};
const char* const kNote = "Im Kundengespräch am Servicedesk beobachtet: Anfrage aufgenommen, Lösung erklärt, "
                          "Eskalation korrekt dokumentiert.";

std::string numbered(const char* prefix, std::size_t n, int width)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s%0*zu", prefix, width, n);
    return buffer;
}

Poco::JSON::Array::Ptr array(const std::vector<std::string>& values)
{
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& v : values) a->add(v);
    return a;
}

} // namespace

EventMix::EventMix(const definition::Skill& skill, std::size_t activities, std::size_t learners, std::uint64_t seed):
    _state(seed),
    _learners(learners)
{
    if (activities == 0 || learners == 0) throw std::invalid_argument("activities and learners must be at least 1");
    std::vector<const definition::Level*> defined;
    for (const auto& level : skill.levels)
        if (level.defined && !level.responsibilities.empty()) defined.push_back(&level);
    if (defined.empty()) throw std::invalid_argument("skill " + skill.code + " has no defined level");
    for (const auto* level : defined)
        for (const auto& r : level->responsibilities) _responsibilities.push_back(r.id);

    for (std::size_t i = 0; i < activities; ++i)
    {
        const std::string id = numbered("bench-activity-", i + 1, 3);
        _activities.push_back(id);
        const std::size_t first = i % defined.size();
        // Every fifth activity also develops the level above: its completions make two records.
        const std::size_t levels = (i % 5 == 4 && first + 1 < defined.size()) ? 2 : 1;
        for (std::size_t k = 0; k < levels; ++k)
        {
            const definition::Level& level = *defined[first + k];
            auto request = presenter::object();
            request->set("activity", id);
            request->set("name", "Benchmark activity " + std::to_string(i + 1));
            request->set("type", kTypes[i % 4]);
            request->set("skill", skill.code);
            request->set("level", level.number);
            // Every third activity develops named responsibilities, the others the level as a whole.
            std::vector<std::string> named;
            if (i % 3 == 0)
                for (std::size_t r = 0; r < level.responsibilities.size() && r < 1 + i % 2; ++r)
                    named.push_back(level.responsibilities[r].id);
            if (!named.empty()) request->set("responsibilities", array(named));
            _mapRequests.push_back(presenter::toJson(request));
        }
    }
}

std::uint64_t EventMix::next()
{
    // splitmix64: the same sequence with every compiler and library, unlike std:: distributions.
    std::uint64_t z = (_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

service::LmsEvent EventMix::event(std::size_t index)
{
    // Events happened in the past, 7 s apart from 2025-06-01 on; the service refuses future times.
    static const Poco::Timestamp start = Poco::Timestamp::fromEpochTime(1748764800);
    service::LmsEvent e;
    e.eventId = numbered("bench-event-", index + 1, 9);
    e.learner = numbered("learner-", pick(_learners) + 1, 6);
    e.at = xapi::Timestamp::format(start + Poco::Timestamp::TimeDiff(index) * 7 * Poco::Timestamp::resolution());
    if (pick(10) < 6)
    {
        e.type = service::LmsEvent::Type::Completion;
        e.activity = _activities[pick(_activities.size())];
        const std::size_t verb = pick(20);
        const double raw = static_cast<double>(pick(101));
        e.verb = verb < 10 ? "completed" : raw >= 60 ? "passed" : "failed";
        e.scoreRaw = raw;
        e.scoreMin = 0.0;
        e.scoreMax = 100.0;
        e.scoreScaled = raw / 100;
    }
    else
    {
        e.type = service::LmsEvent::Type::Attestation;
        e.responsibility = _responsibilities[pick(_responsibilities.size())];
        e.assessor = numbered("assessor-", pick(kAssessors) + 1, 3);
        const std::size_t outcome = pick(10);
        e.outcome = outcome < 7 ? "demonstrated" : outcome < 9 ? "partial" : "not-demonstrated";
        if (pick(10) < 3) e.note = kNote;
        if (pick(10) < 2)
            e.evidenceUrl = "https://lms.example.org/files/evidence/" + std::to_string(index + 1) + ".pdf";
    }
    return e;
}

std::vector<std::vector<service::LmsEvent>> EventMix::batches(std::size_t count, std::size_t batchSize)
{
    if (batchSize == 0) throw std::invalid_argument("the batch size must be at least 1");
    std::vector<std::vector<service::LmsEvent>> result;
    for (std::size_t i = 0; i < count; ++i)
    {
        if (i % batchSize == 0)
        {
            result.emplace_back();
            result.back().reserve(batchSize);
        }
        result.back().push_back(event(i));
    }
    return result;
}

std::string EventMix::recordRequest(const std::vector<service::LmsEvent>& batch)
{
    Poco::JSON::Array::Ptr events = new Poco::JSON::Array;
    for (const auto& e : batch)
    {
        auto o = presenter::object();
        o->set("eventId", e.eventId);
        o->set("learner", e.learner);
        if (e.at) o->set("at", *e.at);
        if (e.type == service::LmsEvent::Type::Completion)
        {
            o->set("type", "completion");
            o->set("activity", e.activity);
            o->set("verb", e.verb);
            auto score = presenter::object();
            if (e.scoreScaled) score->set("scaled", *e.scoreScaled);
            if (e.scoreRaw) score->set("raw", *e.scoreRaw);
            if (e.scoreMin) score->set("min", *e.scoreMin);
            if (e.scoreMax) score->set("max", *e.scoreMax);
            o->set("score", score);
        }
        else
        {
            o->set("type", "attestation");
            o->set("responsibility", e.responsibility);
            o->set("assessor", e.assessor);
            o->set("outcome", e.outcome);
            if (e.note) o->set("note", *e.note);
            if (e.evidenceUrl) o->set("evidenceUrl", *e.evidenceUrl);
        }
        events->add(o);
    }
    auto request = presenter::object();
    request->set("events", events);
    return presenter::toJson(request);
}

}
} // namespace sfe::bench
