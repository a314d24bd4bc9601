//
// DeliveryCheck.h
//
// Project: sfia-evidence, tests/outbox
//
// The exactly-once check: the statements in the plugin's store against what the LRS holds.
//

#ifndef SFE_TESTS_OUTBOX_DELIVERYCHECK_H
#define SFE_TESTS_OUTBOX_DELIVERYCHECK_H

#include "LrsReader.h"
#include "TestHost.h"

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <map>
#include <set>
#include <string>

namespace sfe {
namespace test {

/// Tells one test's statements apart from those of other suites sharing the LRS: each test runs the
/// plugin with its own lms.home_page (and lms.mbox_domain), which every actor it sends carries.
struct OurActors
{
    std::string homePage;   ///< lms.home_page of the test
    std::string mboxDomain; ///< lms.mbox_domain of the test, when xapi.actor is mbox

    /// True when the statement's actor is one of ours.
    bool own(const Poco::JSON::Object& statement) const;

    /// An lms.home_page (and mbox domain) no other run uses.
    static OurActors fresh();
};

/// Asserts with Boost.Test what "exactly once" means to a user, after a drain:
///   - every statement in the store (operation `statements`) is delivered, except those in `undelivered`;
///   - the LRS holds each delivered statement exactly once, under the same id, with the same verb
///     and object: statements voided by our own voiding statements are looked up with
///     voidedStatementId, all others must appear once in GET /statements?since=`since`;
///   - the LRS holds no statement of ours that the store does not know, and none in `undelivered`;
///   - `outbox` counts nothing pending and every delivered statement as delivered.
/// Returns how many statements of each kind the store holds, so a test can show it covered them all.
std::map<std::string, std::size_t> checkExactlyOnce(TestPlugin& plugin, LrsReader& lrs, const std::string& since,
                                                    const OurActors& ours,
                                                    const std::set<std::string>& undelivered = {});

/// The current time as RFC 3339 with milliseconds, minus `secondsBack`: a `since` for storedSince.
std::string timeNow(int secondsBack = 0);

}
} // namespace sfe::test

#endif
