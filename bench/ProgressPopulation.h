//
// ProgressPopulation.h
//
// Benchmark support: fills a store with evidence through the plugin's recording path, for the
// progress benchmark.
//

#ifndef SFE_BENCH_PROGRESSPOPULATION_H
#define SFE_BENCH_PROGRESSPOPULATION_H

#include "EventMix.h"
#include "Stopwatch.h"

#include "sfe/service/EvidenceService.h"

#include <Poco/Timestamp.h>

#include <cstddef>
#include <cstdint>
#include <functional>

namespace sfe {
namespace bench {

/// What populate() did, and how long each part took.
struct PopulationFigures
{
    std::size_t events = 0;
    std::size_t records = 0;        ///< evidence records written
    std::size_t demonstrations = 0; ///< records attested as demonstrated
    std::size_t verified = 0;
    std::size_t withdrawn = 0;
    Seconds recording, verifying, withdrawing;
};

/// Records EventMix events through EvidenceService::record in batches (one transaction each)
/// until the store holds `records` evidence records (one more at most: an event can make two);
/// then has auditors verify a share of the demonstrations (EvidenceService::verify) and withdraws
/// a share of all records (EvidenceService::withdraw), each one call as the plugin's users make
/// them. The choice is deterministic (splitmix64 over the record's position). Event ids are
/// renumbered across the mix's chunks so that every event is new.
class ProgressPopulation
{
public:
    struct Shares
    {
        double verified = 0.05;  ///< of the records attested as demonstrated
        double withdrawn = 0.01; ///< of all records
    };

    ProgressPopulation(service::EvidenceService& evidence, EventMix& mix, std::size_t batch, Shares shares);

    /// `progress` is called now and then with the figures so far. Throws what record, verify and
    /// withdraw throw, and std::runtime_error when record() takes an event for a duplicate.
    PopulationFigures populate(std::size_t records, const Poco::Timestamp& now,
                               const std::function<void(const PopulationFigures&)>& progress);

private:
    bool chosen(std::size_t position, double share, std::uint64_t salt) const;

    service::EvidenceService& _evidence;
    EventMix& _mix;
    std::size_t _batch;
    Shares _shares;
};

}
} // namespace sfe::bench

#endif
