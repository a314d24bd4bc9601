//
// BenchStore.h
//
// Benchmark support: a started Runtime over a benchmark's store, and the services a benchmark
// drives directly.
//

#ifndef SFE_BENCH_BENCHSTORE_H
#define SFE_BENCH_BENCHSTORE_H

#include "BenchHost.h"

#include "sfe/runtime/Runtime.h"
#include "sfe/service/Checkpointer.h"
#include "sfe/service/DefinitionCache.h"
#include "sfe/service/EvidenceService.h"
#include "sfe/service/ProgressService.h"
#include "sfe/service/SigningKeys.h"
#include "sfe/service/StatementFactory.h"
#include "sfe/store/LearnerRefs.h"

#include <Poco/JSON/Object.h>

#include <memory>
#include <string>

namespace sfe {
namespace bench {

/// Runs an operation a benchmark's setup needs (import, map, ...) through Runtime::call; throws
/// std::runtime_error naming the operation when it fails. Returns the parsed response.
Poco::JSON::Object::Ptr call(runtime::Runtime& runtime, const std::string& operation, const std::string& json);

/// A Runtime started over a SQLite file (or, with pgUrl, a PostgreSQL database) on a BenchHost, and
/// on demand (startServices) the services EvidenceService::record needs, built over the Runtime's
/// store as Runtime builds them: Runtime does not hand out its services, and benchmarks time them
/// without the JSON of the door around them. Closing ends the services before the Runtime.
class BenchStore
{
public:
    explicit BenchStore(const std::string& path, const std::string& pgUrl = {});
    ~BenchStore();

    BenchStore(const BenchStore&) = delete;
    BenchStore& operator=(const BenchStore&) = delete;

    /// call() on this store's Runtime.
    Poco::JSON::Object::Ptr call(const std::string& operation, const std::string& json);

    /// Imports the shipped CSMG definition (definitions/csmg.de.xml); returns the skill code.
    std::string importShippedDefinition();

    /// Builds definitions .. evidence over the Runtime's store (signing keys when configured).
    void startServices();

    /// Fills a new store as the scale and verify benchmarks measure it: imports the shipped definition,
    /// maps 20 activities (EventMix) and records events through the services in batches of 500
    /// (ProgressPopulation, 5 % of demonstrations verified, 1 % of records withdrawn) until it holds
    /// `records` evidence records of up to `learners` learners; shows its progress on stdout.
    void populate(std::size_t records, std::size_t learners);

    /// Ends the services, then the Runtime, which closes the store.
    void close();

    BenchHost host;
    std::unique_ptr<runtime::Runtime> runtime;
    std::unique_ptr<service::DefinitionCache> definitions;
    std::unique_ptr<service::StatementFactory> factory;
    std::unique_ptr<store::LearnerRefs> learnerRefs;
    std::shared_ptr<service::SigningKeys> signingKeys;
    std::unique_ptr<service::Checkpointer> checkpoints;
    std::unique_ptr<service::ProgressService> progress;
    std::unique_ptr<service::EvidenceService> evidence;
};

}
} // namespace sfe::bench

#endif
