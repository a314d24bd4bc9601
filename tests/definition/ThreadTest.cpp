//
// ThreadTest.cpp
//
// Definition tests: one reader used from several threads at once gives every thread the same
// results as a single thread, good and bad files alike (libxml2 state is per call and per thread).
//

#include "TestFiles.h"
#include "sfe/definition/DefinitionReader.h"
#include <boost/test/unit_test.hpp>
#include <atomic>
#include <thread>

using namespace sfe::definition;

BOOST_AUTO_TEST_SUITE(threads)

BOOST_AUTO_TEST_CASE(concurrent_reads_agree_with_a_single_read)
{
    const DefinitionReader reader;
    const std::vector<std::string> paths = {
        sfe::test::shippedCsmg(),
        sfe::test::definitionData("good/two-languages.xml"),
        sfe::test::definitionData("bad/level-8.xml"),
        sfe::test::definitionData("bad/mismatched-tags.xml"),
        sfe::test::definitionData("bad/id-wrong-skill.xml"),
    };
    std::vector<std::string> expected;
    for (const auto& path : paths)
    {
        const ReadResult result = reader.readFile(path);
        expected.push_back(result.ok() ? result.definition->skills[0].levels[0].textSha256 : result.message());
    }

    std::atomic<int> mismatches{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t)
    {
        workers.emplace_back([&, t] {
            for (int round = 0; round < 10; ++round)
            {
                const std::size_t i = static_cast<std::size_t>(t + round) % paths.size();
                const ReadResult result = reader.readFile(paths[i]);
                const std::string got =
                    result.ok() ? result.definition->skills[0].levels[0].textSha256 : result.message();
                if (got != expected[i]) ++mismatches;
            }
        });
    }
    for (auto& worker : workers) worker.join();
    BOOST_TEST(mismatches.load() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
