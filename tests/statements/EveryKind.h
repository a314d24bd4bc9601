//
// EveryKind.h
//
// Project: sfia-evidence, tests/statements
//
// A plugin driven through Runtime::call until it has emitted a statement of every kind.
//

#ifndef SFE_TESTS_EVERYKIND_H
#define SFE_TESTS_EVERYKIND_H

#include "StatementListing.h"
#include "TestHost.h"

#include <Poco/JSON/Array.h>

#include <ostream>
#include <string>
#include <vector>

namespace sfe {
namespace test {

/// The configuration a run makes its statements in.
struct Mode
{
    const char* name;
    const char* xapiVersion; ///< xapi.version
    const char* actor;       ///< xapi.actor (mbox uses lms.mbox_domain example.org)
    bool sign = false;       ///< xapi.sign, with a key pair made by keys.generate
};

inline std::ostream& operator<<(std::ostream& out, const Mode& m)
{
    return out << m.name;
}

/// Every configuration of statement form we support.
const Mode kModes[] = {
    {"xAPI 1.0.3, account", "1.0.3", "account"},
    {"xAPI 2.0.0, account", "2.0.0", "account"},
    {"xAPI 1.0.3, mbox", "1.0.3", "mbox"},
    {"xAPI 2.0.0, mbox", "2.0.0", "mbox"},
    {"xAPI 1.0.3, account, signed", "1.0.3", "account", true},
    {"xAPI 2.0.0, mbox, signed", "2.0.0", "mbox", true},
};

/// The statement kinds (template names) the plugin emits.
const std::vector<std::string> kKinds = {"learning-completed",     "learning-passed", "learning-failed",
                                         "demonstration-attested", "level-achieved",  "voided"};

/// The CSMG level 3 responsibilities; attesting all of them attains the level.
const std::vector<std::string> kLevel3 = {"CSMG-3.1", "CSMG-3.2", "CSMG-3.3", "CSMG-3.4", "CSMG-3.5"};

/// A plugin on a fresh store with CSMG imported and four LMS activities (one of each type) mapped.
/// emit() then records, through the operations an LMS calls, one or more events of each kind:
///
/// - completions: course-101 (CSMG 3, responsibilities 3.1 and 3.3, no score), module-2 (CSMG 2,
///   level-wide, scaled score), task-9 (CSMG 3, responsibility 3.5); exam-7 (CSMG 4) passed with
///   raw/min/max/scaled score and failed with raw/min/max;
/// - attestations by a7: CSMG-3.2 partial and CSMG-3.4 not demonstrated (notes, evidence URL), then
///   all five CSMG 3 responsibilities demonstrated, which attains level 3 (level-achieved);
/// - withdrawals: the course-101 completion (voids its statement) and the CSMG-3.5 demonstration
///   (voids its statement and, the level no longer being attained, the level-achieved statement).
class EveryKind: public TestPlugin
{
public:
    static constexpr const char* kLearner = "u123";
    static constexpr const char* kAssessor = "a7";

    /// Without a mode, the plugin's defaults (xAPI 1.0.3, account actors) apply.
    explicit EveryKind(const Mode* mode = nullptr)
    {
        if (!mode) return;
        host.settings().setString("xapi.version", mode->xapiVersion);
        host.settings().setString("xapi.actor", mode->actor);
        host.settings().setString("lms.mbox_domain", "example.org");
        if (mode->sign)
        {
            host.settings().setString("audit.signing_key", Poco::Path(keysDir(), "signing-key.pem").toString());
            host.settings().setString("audit.signing_cert", certificatePath());
            host.settings().setString("xapi.sign", "true");
        }
    }

    /// The certificate statements are signed with (xapi.sign).
    static std::string certificatePath() { return Poco::Path(keysDir(), "signing-cert.pem").toString(); }

    /// Imports and maps; call after changing settings, before emit().
    void prepare()
    {
        ok("import", "{\"path\":\"" + csmgPath() + "\"}");
        ok("map", R"({"activity":"course-101","name":"Servicedesk-Grundlagen","type":"course","skill":"CSMG",
                      "level":3,"responsibilities":["CSMG-3.1","CSMG-3.3"]})");
        ok("map", R"({"activity":"module-2","name":"Anfragen annehmen","type":"module","skill":"CSMG","level":2})");
        ok("map", R"({"activity":"task-9","name":"Eskalation im Team üben","type":"task","skill":"CSMG","level":3,
                      "responsibilities":["CSMG-3.5"]})");
        ok("map", R"({"activity":"exam-7","name":"Prüfung Kundenservice","type":"assessment","skill":"CSMG",
                      "level":4})");
    }

    /// Records the events described above; the ids it gets back are kept in the members below.
    void emit()
    {
        prepare();
        completion = first(ok("complete", R"({"eventId":"ev-c1","learner":"u123","activity":"course-101",
                                              "at":"2026-11-19T08:30:00+01:00"})"));
        first(ok("complete", R"({"learner":"u123","activity":"module-2","score":0.75,"at":"2026-11-19T09:00:00Z"})"));
        first(ok("complete", R"({"learner":"u123","activity":"task-9","at":"2026-11-19T09:15:00Z"})"));
        passed = first(ok("complete", R"({"learner":"u123","activity":"exam-7","verb":"passed",
                                          "score":{"raw":85,"min":0,"max":100,"scaled":0.85},
                                          "at":"2026-11-19T10:00:00Z"})"));
        failed = first(ok("complete", R"({"learner":"u123","activity":"exam-7","verb":"failed",
                                          "score":{"raw":30,"min":0,"max":100},"at":"2026-11-19T09:30:00Z"})"));
        partial = first(ok("attest", R"({"learner":"u123","responsibility":"CSMG-3.2","assessor":"a7",
                                         "outcome":"partial","note":"Freundlich, aber die Eskalation fehlte.",
                                         "evidenceUrl":"https://lms.example.org/files/77",
                                         "at":"2026-11-19T11:00:00Z"})"));
        notDemonstrated = first(ok("attest", R"({"learner":"u123","responsibility":"CSMG-3.4","assessor":"a7",
                                                 "outcome":"not-demonstrated","note":"Noch nicht beobachtet.",
                                                 "at":"2026-11-19T11:05:00Z"})"));
        for (const std::string& id : kLevel3)
            demonstrated.push_back(
                first(ok("attest", "{\"learner\":\"u123\",\"assessor\":\"a7\",\"responsibility\":\"" + id +
                                       "\",\"outcome\":\"demonstrated\",\"note\":\"Im Einsatz " +
                                       "beobachtet.\",\"evidenceUrl\":\"https://lms.example.org/" + "files/" + id +
                                       "\",\"at\":\"2026-11-19T12:00:00Z\"}")));
        withdrawnCompletion = ok("withdraw", "{\"evidence\":\"" + completion.evidence +
                                                 "\",\"reason\":\"für die falsche Person erfasst\"}");
        withdrawnDemonstration = ok("withdraw", "{\"evidence\":\"" + demonstrated.back().evidence +
                                                    "\",\"reason\":\"Fehler der begutachtenden Person\"}");
    }

    /// The outbox as the `statements` operation lists it.
    StatementListing listing(const std::string& request = "{}")
    {
        auto r = call("statements", request);
        if (!r.ok()) throw std::runtime_error("statements failed: " + r.message);
        return StatementListing(r.json);
    }

    /// The evidence and statement id of a single-record event.
    struct Recorded
    {
        std::string evidence;
        std::string statement;
    };

    Recorded completion, passed, failed, partial, notDemonstrated;
    std::vector<Recorded> demonstrated; ///< in the order of kLevel3
    Poco::JSON::Object::Ptr withdrawnCompletion, withdrawnDemonstration;

private:
    /// One key pair for the whole run, made by the plugin's own keys.generate (RSA key generation
    /// takes a while); removed when the process ends.
    static const std::string& keysDir()
    {
        static const std::string dir = [] {
            const std::string d = Poco::TemporaryFile::tempName();
            Poco::TemporaryFile::registerForDeletion(d);
            TestPlugin maker;
            maker.ok("keys.generate", "{\"dir\":\"" + d + "\"}");
            return d;
        }();
        return dir;
    }

    static Recorded first(const Poco::JSON::Object::Ptr& response)
    {
        return {response->getArray("evidence")->getElement<std::string>(0),
                response->getArray("statements")->getElement<std::string>(0)};
    }
};

}
} // namespace sfe::test

#endif
