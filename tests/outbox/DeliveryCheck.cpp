//
// DeliveryCheck.cpp
//
// Project: sfia-evidence, tests/outbox
//

#include "DeliveryCheck.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/UUIDGenerator.h>

#include <boost/test/unit_test.hpp>

#include <sstream>
#include <vector>

namespace sfe {
namespace test {

namespace {

/// Up to five of the ids, for a failure message.
std::string some(const std::vector<std::string>& ids)
{
    std::ostringstream out;
    for (std::size_t i = 0; i < ids.size() && i < 5; ++i) out << (i ? ", " : "") << ids[i];
    if (ids.size() > 5) out << " and " << ids.size() - 5 << " more";
    return out.str();
}

std::string verbOf(const Poco::JSON::Object& statement)
{
    return statement.getObject("verb")->getValue<std::string>("id");
}

std::string objectOf(const Poco::JSON::Object& statement)
{
    return statement.getObject("object")->getValue<std::string>("id");
}

} // namespace

bool OurActors::own(const Poco::JSON::Object& statement) const
{
    const auto actor = statement.getObject("actor");
    if (!actor) return false;
    if (const auto account = actor->getObject("account"))
        return account->optValue<std::string>("homePage", "") == homePage;
    const std::string mbox = actor->optValue<std::string>("mbox", "");
    const std::string suffix = "@" + mboxDomain;
    return !mboxDomain.empty() && mbox.size() > suffix.size() &&
           mbox.compare(mbox.size() - suffix.size(), suffix.size(), suffix) == 0;
}

OurActors OurActors::fresh()
{
    const std::string run = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    return {"https://lms.example.org/outbox-tests/" + run, run + ".outbox-tests.example.org"};
}

std::string timeNow(int secondsBack)
{
    Poco::Timestamp now;
    now -= Poco::Timespan(secondsBack, 0);
    return Poco::DateTimeFormatter::format(now, "%Y-%m-%dT%H:%M:%S.%iZ");
}

std::map<std::string, std::size_t> checkExactlyOnce(TestPlugin& plugin, LrsReader& lrs, const std::string& since,
                                                    const OurActors& ours, const std::set<std::string>& undelivered)
{
    // The store's view.
    struct Ours
    {
        std::string state;
        Poco::JSON::Object::Ptr body;
    };
    std::map<std::string, Ours> store;
    std::set<std::string> voidedByUs;
    std::map<std::string, std::size_t> kinds;
    const auto listed = plugin.ok("statements")->getArray("statements");
    for (unsigned i = 0; i < listed->size(); ++i)
    {
        const auto s = listed->getObject(i);
        const std::string id = s->getValue<std::string>("id");
        store[id] = {s->getValue<std::string>("state"), s->getObject("statement")};
        ++kinds[s->getValue<std::string>("kind")];
        if (!s->isNull("voids")) voidedByUs.insert(s->getValue<std::string>("voids"));
    }
    std::vector<std::string> notDelivered;
    for (const auto& [id, s] : store)
        if (s.state != "delivered" && !undelivered.count(id)) notDelivered.push_back(id);
    BOOST_TEST(notDelivered.empty(), notDelivered.size() << " statement(s) not delivered: " << some(notDelivered));

    // The LRS's view: what it lists (voided statements excluded), restricted to our actors.
    std::map<std::string, std::size_t> timesListed;
    std::vector<std::string> wrongContent;
    for (const auto& statement : lrs.storedSince(since))
    {
        if (!ours.own(*statement)) continue;
        const std::string id = statement->getValue<std::string>("id");
        ++timesListed[id];
        const auto it = store.find(id);
        if (it != store.end() &&
            (verbOf(*statement) != verbOf(*it->second.body) || objectOf(*statement) != objectOf(*it->second.body)))
            wrongContent.push_back(id);
    }

    std::vector<std::string> missing, duplicated, unknown, deliveredAnyway, voidedMissing;
    for (const auto& [id, count] : timesListed)
    {
        if (!store.count(id)) unknown.push_back(id);
        if (count > 1) duplicated.push_back(id);
    }
    for (const auto& [id, s] : store)
    {
        const bool listedHere = timesListed.count(id) > 0;
        if (undelivered.count(id))
        {
            if (listedHere || lrs.statement(id) || lrs.voided(id)) deliveredAnyway.push_back(id);
            continue;
        }
        if (voidedByUs.count(id))
        {
            // The LRS lists a voided statement nowhere; it must still hold it, under its id.
            if (listedHere) duplicated.push_back(id);
            const auto voided = lrs.voided(id);
            if (!voided || voided->getValue<std::string>("id") != id || verbOf(*voided) != verbOf(*s.body))
                voidedMissing.push_back(id);
            continue;
        }
        if (!listedHere) missing.push_back(id);
    }
    BOOST_TEST(missing.empty(), missing.size() << " statement(s) of the store not in the LRS: " << some(missing));
    BOOST_TEST(voidedMissing.empty(), voidedMissing.size()
                                          << " voided statement(s) not in the LRS as voided: " << some(voidedMissing));
    BOOST_TEST(duplicated.empty(), duplicated.size() << " statement(s) listed more than once: " << some(duplicated));
    BOOST_TEST(unknown.empty(), unknown.size()
                                    << " statement(s) of ours in the LRS unknown to the store: " << some(unknown));
    BOOST_TEST(wrongContent.empty(), wrongContent.size()
                                         << " statement(s) with another verb or object: " << some(wrongContent));
    BOOST_TEST(deliveredAnyway.empty(), deliveredAnyway.size() << " statement(s) reached the LRS though not delivered: "
                                                               << some(deliveredAnyway));

    // What a user sees.
    const auto counts = plugin.ok("outbox")->getObject("counts");
    BOOST_TEST(counts->optValue<long long>("pending", 0) == 0);
    BOOST_TEST(counts->optValue<long long>("delivered", 0) ==
               static_cast<long long>(store.size() - undelivered.size()));
    return kinds;
}

}
} // namespace sfe::test
