//
// ProgressPopulation.cpp
//
// Benchmark support: fills a store with evidence through the plugin's recording path, for the
// progress benchmark.
//

#include "ProgressPopulation.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <stdexcept>
#include <string>
#include <vector>

namespace sfe {
namespace bench {

namespace {

constexpr std::size_t kChunk = 50000; // events the mix makes at a time
constexpr std::size_t kAuditors = 20;

std::uint64_t splitmix(std::uint64_t z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::string numbered(const char* prefix, std::size_t n)
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%09zu", prefix, n);
    return buffer;
}

} // namespace

ProgressPopulation::ProgressPopulation(service::EvidenceService& evidence, EventMix& mix, std::size_t batch,
                                       Shares shares):
    _evidence(evidence),
    _mix(mix),
    _batch(batch),
    _shares(shares)
{
    if (batch == 0) throw std::invalid_argument("the batch size must be at least 1");
}

bool ProgressPopulation::chosen(std::size_t position, double share, std::uint64_t salt) const
{
    const std::uint64_t draw = splitmix(position * 0x100000001b3ULL ^ salt);
    return static_cast<double>(draw % 1000000) < share * 1000000;
}

PopulationFigures ProgressPopulation::populate(std::size_t records, const Poco::Timestamp& now,
                                               const std::function<void(const PopulationFigures&)>& progress)
{
    PopulationFigures f;
    std::vector<std::string> toVerify, all;
    all.reserve(records + 1);
    std::deque<service::LmsEvent> pending;
    Stopwatch recording;
    std::size_t reported = 0;
    while (f.records < records)
    {
        if (pending.empty())
            for (auto& batch : _mix.batches(kChunk, kChunk))
                for (auto& e : batch) pending.push_back(std::move(e));
        // Each event makes one record or two: near the end, ask for at most half the records still
        // missing, so that the store ends with `records` of them, or one more.
        const std::size_t n = std::min(_batch, std::max<std::size_t>(1, (records - f.records) / 2));
        std::vector<service::LmsEvent> batch;
        batch.reserve(n);
        for (std::size_t i = 0; i < n && !pending.empty(); ++i)
        {
            batch.push_back(std::move(pending.front()));
            pending.pop_front();
            batch.back().eventId = numbered("progress-event-", ++f.events);
        }
        recording.start();
        const auto results = _evidence.record(batch, now);
        recording.stop();
        for (std::size_t i = 0; i < results.size(); ++i)
        {
            if (results[i].duplicate)
                throw std::runtime_error("event " + results[i].eventId + " was taken for a duplicate");
            const bool demonstration =
                batch[i].type == service::LmsEvent::Type::Attestation && batch[i].outcome == "demonstrated";
            for (const auto& id : results[i].evidenceIds)
            {
                if (demonstration)
                {
                    ++f.demonstrations;
                    if (chosen(all.size(), _shares.verified, 1)) toVerify.push_back(id);
                }
                all.push_back(id);
            }
        }
        f.records = all.size();
        f.recording = recording.total();
        if (f.records >= reported + 100000 || f.records >= records)
        {
            reported = f.records;
            progress(f);
        }
    }

    Stopwatch verifying;
    for (std::size_t i = 0; i < toVerify.size(); ++i)
    {
        verifying.start();
        _evidence.verify(toVerify[i], numbered("auditor-", 1 + i % kAuditors), std::nullopt, now);
        verifying.stop();
        ++f.verified;
    }
    f.verifying = verifying.total();
    progress(f);

    Stopwatch withdrawing;
    for (std::size_t i = 0; i < all.size(); ++i)
    {
        if (!chosen(i, _shares.withdrawn, 2)) continue;
        withdrawing.start();
        _evidence.withdraw(all[i], "benchmark: recorded in error", std::nullopt, now);
        withdrawing.stop();
        ++f.withdrawn;
    }
    f.withdrawing = withdrawing.total();
    progress(f);
    return f;
}

}
} // namespace sfe::bench
