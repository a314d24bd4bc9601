//
// Workload.h
//
// Project: sfia-evidence, tests/outbox
//
// LMS events for numbered learners, recorded through the plugin's operations, that put every kind
// of statement into the outbox.
//

#ifndef SFE_TESTS_OUTBOX_WORKLOAD_H
#define SFE_TESTS_OUTBOX_WORKLOAD_H

#include "TestHost.h"

#include <cstddef>
#include <string>
#include <vector>

namespace sfe {
namespace test {

/// Records what an LMS would send for a population of learners, as a user of the plugin does:
/// `import` of the shipped CSMG definition, `map` of two courses to level 3, then `record` and
/// `withdraw`. Per learner that makes 2 learning statements, one attested statement per level-3
/// responsibility (5 in CSMG) and one level-achieved statement; every withdrawal adds 2 voiding statements (of the
/// attestation, and of the achievement it broke).
class Workload
{
public:
    /// Imports and maps in `plugin` (started if it is not). Throws std::runtime_error when an
    /// operation fails.
    explicit Workload(TestPlugin& plugin);

    /// Records learners first .. first+count-1 (see learner()): a passed course with a score, a
    /// completed course, and an attestation of each level-3 responsibility; then, for every learner
    /// whose number is a multiple of `withdrawEvery` (0: none), withdraws the first attestation.
    /// Sends one `record` request per 25 learners.
    void recordLearners(std::size_t first, std::size_t count, std::size_t withdrawEvery = 4);

    /// The LMS user id of learner number n.
    static std::string learner(std::size_t n);

private:
    void recordChunk(std::size_t first, std::size_t count, std::size_t withdrawEvery);

    TestPlugin& _plugin;
    std::vector<std::string> _responsibilities; // of level 3, in order
};

}
} // namespace sfe::test

#endif
