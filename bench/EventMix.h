//
// EventMix.h
//
// Benchmark support: a deterministic workload of activity mappings and LMS events.
//

#ifndef SFE_BENCH_EVENTMIX_H
#define SFE_BENCH_EVENTMIX_H

#include "sfe/definition/Model.h"
#include "sfe/service/LmsEvent.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sfe {
namespace bench {

/// The workload of the ingest benchmark, the same for the same inputs on every machine:
/// `activities` LMS activities mapped across the skill's defined levels (every third one to some
/// of the level's responsibilities, every fifth also to the level above), and events from
/// `learners` learners: 60% completions (completed, passed or failed, with a score) of a mapped
/// activity, 40% attestations of a random responsibility by one of 200 assessors (never the
/// learner), some with a note or an evidence URL. Event ids are unique.
class EventMix
{
public:
    /// Throws std::invalid_argument when the skill has no defined level or a count is zero.
    EventMix(const definition::Skill& skill, std::size_t activities, std::size_t learners, std::uint64_t seed = 42);

    /// The `map` requests (JSON) that link the activities to levels, in order.
    const std::vector<std::string>& mapRequests() const { return _mapRequests; }

    /// `count` events, split into batches of at most `batchSize`.
    std::vector<std::vector<service::LmsEvent>> batches(std::size_t count, std::size_t batchSize);

    /// The `record` request (JSON) that carries the batch, as an LMS would send it.
    static std::string recordRequest(const std::vector<service::LmsEvent>& batch);

private:
    std::uint64_t next();
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    service::LmsEvent event(std::size_t index);

    std::uint64_t _state;
    std::size_t _learners;
    std::vector<std::string> _activities;
    std::vector<std::string> _responsibilities;
    std::vector<std::string> _mapRequests;
};

}
} // namespace sfe::bench

#endif
