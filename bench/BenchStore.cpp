//
// BenchStore.cpp
//

#include "BenchStore.h"

#include "EventMix.h"
#include "ProgressPopulation.h"

#include "sfe/presenter/Json.h"
#include "sfe/service/AttainmentRule.h"

#include <Poco/JSON/Parser.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace sfe {
namespace bench {

Poco::JSON::Object::Ptr call(runtime::Runtime& runtime, const std::string& operation, const std::string& json)
{
    auto result = runtime.call(operation, json);
    if (!result.ok()) throw std::runtime_error(operation + " failed: " + result.message);
    Poco::JSON::Parser parser;
    return parser.parse(result.json).extract<Poco::JSON::Object::Ptr>();
}

BenchStore::BenchStore(const std::string& path, const std::string& pgUrl)
{
    host.settings().setString("store.path", path);
    if (!pgUrl.empty())
    {
        host.settings().setString("store.connector", "postgresql");
        host.settings().setString("store.url", pgUrl);
    }
    runtime = std::make_unique<runtime::Runtime>(host);
}

BenchStore::~BenchStore()
{
    close();
}

Poco::JSON::Object::Ptr BenchStore::call(const std::string& operation, const std::string& json)
{
    return bench::call(*runtime, operation, json);
}

std::string BenchStore::importShippedDefinition()
{
    auto request = presenter::object();
    request->set("path", std::string(SFE_SOURCE_DIR) + "/definitions/csmg.de.xml");
    return call("import", presenter::toJson(request))->getArray("skills")->getElement<std::string>(0);
}

void BenchStore::startServices()
{
    auto& db = runtime->database();
    const auto& settings = runtime->settings();
    definitions = std::make_unique<service::DefinitionCache>(db);
    factory = std::make_unique<service::StatementFactory>(settings);
    learnerRefs = std::make_unique<store::LearnerRefs>(db);
    if (!settings.auditSigningKey.empty() || !settings.auditSigningCert.empty())
        signingKeys = std::make_shared<service::SigningKeys>(settings.auditSigningKey, settings.auditSigningCert);
    checkpoints = std::make_unique<service::Checkpointer>(db, signingKeys, settings.auditCheckpointEvery,
                                                          settings.auditCheckpointSeconds);
    progress = std::make_unique<service::ProgressService>(db, *definitions, *factory,
                                                          service::AttainmentRule::parse(settings.progressRule));
    evidence = std::make_unique<service::EvidenceService>(db, *definitions, *factory, *learnerRefs, *progress,
                                                          *checkpoints, signingKeys, settings);
}

void BenchStore::populate(std::size_t records, std::size_t learners)
{
    const std::string code = importShippedDefinition();
    startServices();
    const store::StoredSkill* skill = definitions->current(code);
    if (!skill) throw std::runtime_error("the imported skill " + code + " is not current");
    EventMix mix(skill->skill, 20, learners);
    for (const auto& map : mix.mapRequests()) call("map", map);
    definitions->invalidate(); // the mappings were made through the Runtime's services
    ProgressPopulation population(*evidence, mix, 500, {0.05, 0.01});
    const auto started = std::chrono::steady_clock::now();
    population.populate(records, host.now(), [](const PopulationFigures& f) {
        std::printf("  %9zu events, %9zu records\r", f.events, f.records);
        std::fflush(stdout);
    });
    std::printf("\npopulated in %.1f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

void BenchStore::close()
{
    evidence.reset();
    progress.reset(); // its statements must be finalised before the connection closes
    checkpoints.reset();
    signingKeys.reset();
    learnerRefs.reset();
    factory.reset();
    definitions.reset();
    runtime.reset();
}

}
} // namespace sfe::bench
