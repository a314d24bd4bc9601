//
// SyncingPlugin.h
//
// Project: sfia-evidence, tests/outbox
//
// A TestPlugin set up to deliver to an LRS when told to (the `sync` operation).
//

#ifndef SFE_TESTS_OUTBOX_SYNCINGPLUGIN_H
#define SFE_TESTS_OUTBOX_SYNCINGPLUGIN_H

#include "DeliveryCheck.h"
#include "TestHost.h"

#include <string>

namespace sfe {
namespace test {

/// A TestPlugin whose actors are the test's own (lms.home_page, lms.mbox_domain) and that sends to
/// `lrsUrl` on `sync`; there is no background sender, so a test decides when delivery happens.
/// An empty `lrsUrl` leaves the LRS unconfigured (recording only). Set further keys with
/// host.settings() before the first call.
struct SyncingPlugin: TestPlugin
{
    SyncingPlugin(const std::string& lrsUrl, const OurActors& ours)
    {
        host.settings().setString("lms.home_page", ours.homePage);
        host.settings().setString("lms.mbox_domain", ours.mboxDomain);
        if (lrsUrl.empty()) return;
        host.settings().setString("lrs.url", lrsUrl);
        host.settings().setString("lrs.user", "outbox-test");
        host.settings().setString("lrs.password", "any-password-will-do");
        host.settings().setString("lrs.background", "false");
    }
};

}
} // namespace sfe::test

#endif
