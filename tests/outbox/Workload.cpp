//
// Workload.cpp
//
// Project: sfia-evidence, tests/outbox
//

#include "Workload.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace sfe {
namespace test {

namespace {

std::string stringify(const Poco::JSON::Object& o)
{
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

} // namespace

Workload::Workload(TestPlugin& plugin):
    _plugin(plugin)
{
    _plugin.ok("import", "{\"path\":\"" + csmgPath() + "\"}");
    auto shown = _plugin.ok("show", R"({"code":"CSMG","level":3})");
    auto responsibilities = shown->getArray("levels")->getObject(0)->getArray("responsibilities");
    for (unsigned i = 0; i < responsibilities->size(); ++i)
        _responsibilities.push_back(responsibilities->getObject(i)->getValue<std::string>("id"));
    if (_responsibilities.size() < 2)
        throw std::runtime_error("Workload: CSMG level 3 has fewer than two responsibilities");

    // Two courses that between them cover level 3.
    const std::size_t half = _responsibilities.size() / 2;
    const std::vector<std::string> first(_responsibilities.begin(), _responsibilities.begin() + half);
    const std::vector<std::string> second(_responsibilities.begin() + half, _responsibilities.end());
    for (const auto& [activity, ids] : {std::make_pair("course-a", first), std::make_pair("course-b", second)})
    {
        Poco::JSON::Object request;
        request.set("activity", activity);
        request.set("skill", "CSMG");
        request.set("level", 3);
        Poco::JSON::Array list;
        for (const auto& id : ids) list.add(id);
        request.set("responsibilities", list);
        _plugin.ok("map", stringify(request));
    }
}

std::string Workload::learner(std::size_t n)
{
    return "learner-" + std::to_string(n);
}

void Workload::recordLearners(std::size_t first, std::size_t count, std::size_t withdrawEvery)
{
    for (std::size_t done = 0; done < count; done += 25)
        recordChunk(first + done, std::min<std::size_t>(25, count - done), withdrawEvery);
}

void Workload::recordChunk(std::size_t first, std::size_t count, std::size_t withdrawEvery)
{
    Poco::JSON::Array events;
    for (std::size_t n = first; n < first + count; ++n)
    {
        Poco::JSON::Object passed;
        passed.set("type", "completion");
        passed.set("eventId", "outbox-" + learner(n) + "-course-a");
        passed.set("learner", learner(n));
        passed.set("activity", "course-a");
        passed.set("verb", "passed");
        passed.set("score", 0.5 + static_cast<double>(n % 50) / 100.0);
        events.add(passed);

        Poco::JSON::Object completed;
        completed.set("type", "completion");
        completed.set("eventId", "outbox-" + learner(n) + "-course-b");
        completed.set("learner", learner(n));
        completed.set("activity", "course-b");
        events.add(completed);

        for (const auto& responsibility : _responsibilities)
        {
            Poco::JSON::Object attested;
            attested.set("type", "attestation");
            attested.set("eventId", "outbox-" + learner(n) + "-" + responsibility);
            attested.set("learner", learner(n));
            attested.set("responsibility", responsibility);
            attested.set("assessor", "assessor-" + std::to_string(n % 7));
            attested.set("note", "observed at the service desk");
            events.add(attested);
        }
    }
    Poco::JSON::Object request;
    request.set("events", events);
    auto recorded = _plugin.ok("record", stringify(request));
    auto results = recorded->getArray("results");
    const std::size_t eventsPerLearner = 2 + _responsibilities.size();
    if (results->size() != count * eventsPerLearner)
        throw std::runtime_error("Workload: record answered " + std::to_string(results->size()) + " results for " +
                                 std::to_string(count * eventsPerLearner) + " events");

    for (std::size_t n = first; n < first + count; ++n)
    {
        if (withdrawEvery == 0 || n % withdrawEvery != 0) continue;
        const auto firstAttestation = static_cast<unsigned>((n - first) * eventsPerLearner + 2);
        const std::string evidence =
            results->getObject(firstAttestation)->getArray("evidence")->getElement<std::string>(0);
        _plugin.ok("withdraw", "{\"evidence\":\"" + evidence + "\",\"reason\":\"recorded for the wrong learner\"}");
    }
}

}
} // namespace sfe::test
