//
// TestLrs.h
//
// Project: sfia-evidence, tests/lrs (the test LRS harness)
//
// Finds the test LRS that the ctest fixture `lrs` started (tests/lrs/lrs.sh).
//

#ifndef SFE_TESTS_TESTLRS_H
#define SFE_TESTS_TESTLRS_H

#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace sfe::test {

/// The base URL of the running test LRS, e.g. "http://127.0.0.1:41234/xAPI" (statements at <url>/statements;
/// any Basic credentials are accepted). Reads the state directory named by SFE_TEST_LRS_STATE, which
/// sfe_add_lrs_test() sets. Throws std::runtime_error saying what to do when the variable is unset or the
/// LRS is not running.
inline std::string testLrsBaseUrl()
{
    const char* stateDir = std::getenv("SFE_TEST_LRS_STATE");
    if (!stateDir || !*stateDir)
        throw std::runtime_error("SFE_TEST_LRS_STATE is not set: this test needs the test LRS; run it through ctest "
                                 "(fixture `lrs`), or start one with `tests/lrs/lrs.sh start DIR` and set "
                                 "SFE_TEST_LRS_STATE=DIR");
    const std::string dir(stateDir);
    std::ifstream pidFile(dir + "/pid");
    long pid = 0;
    if (!(pidFile >> pid) || pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0)
        throw std::runtime_error("the test LRS is not running (no live process in " + dir +
                                 "/pid); see lrs_start's output and " + dir + "/lrs.log");
    std::ifstream urlFile(dir + "/url");
    std::string url;
    if (!std::getline(urlFile, url) || url.empty())
        throw std::runtime_error("the test LRS has no URL in " + dir + "/url; see " + dir + "/lrs.log");
    return url;
}

} // namespace sfe::test

#endif // SFE_TESTS_TESTLRS_H
