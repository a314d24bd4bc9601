//
// ingest.cpp
//
// Benchmark: LMS events recorded as evidence plus outbox, against the same rows inserted through
// the raw sqlite3 API in the same transactions. See bench/README.md.
//

#include "BenchHost.h"
#include "EventMix.h"
#include "RawBaseline.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"
#include "sfe/service/Checkpointer.h"
#include "sfe/service/DefinitionCache.h"
#include "sfe/service/EvidenceService.h"
#include "sfe/service/ProgressService.h"
#include "sfe/service/SigningKeys.h"
#include "sfe/service/StatementFactory.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/LearnerRefs.h"
#include "sfe/store/MappingRepository.h"
#include "sfe/xapi/Uuid.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;
using sfe::bench::BenchHost;
using sfe::bench::EventMix;
using sfe::bench::RawBaseline;

const char* const kUsage =
    "usage: sfe-bench-ingest [--events N] [--learners N] [--activities N] [--batch N] [--dir DIR] [--keep]\n"
    "                        [--no-door] [--no-raw] [--no-breakdown]\n"
    "  --events N      LMS events to record (default 100000)\n"
    "  --learners N    distinct learners (default 10000)\n"
    "  --activities N  mapped LMS activities (default 20)\n"
    "  --batch N       events per transaction (default 500)\n"
    "  --dir DIR       where the stores go (default: a new temporary folder, removed at the end)\n"
    "  --keep          keep the temporary folder\n"
    "  --no-door       skip A2, the run through Runtime::call(\"record\", json)\n"
    "  --no-raw        skip B, the raw sqlite3 baseline (with --no-door --no-breakdown: A alone, to profile)\n"
    "  --no-breakdown  skip the per-phase breakdown of A\n";

struct Options
{
    std::size_t events = 100000;
    std::size_t learners = 10000;
    std::size_t activities = 20;
    std::size_t batch = 500;
    std::string dir;
    bool keep = false;
    bool door = true;
    bool raw = true;
    bool breakdown = true;
};

Options parse(int argc, char** argv)
{
    Options o;
    auto count = [&](int& i) -> std::size_t {
        const std::string name = argv[i];
        if (i + 1 >= argc) throw std::invalid_argument(name + " needs a value");
        const std::string value = argv[++i];
        char* end = nullptr;
        const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || n == 0 || value[0] == '-')
            throw std::invalid_argument(name + ": '" + value + "' is not a positive whole number");
        return static_cast<std::size_t>(n);
    };
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--events") o.events = count(i);
        else if (arg == "--learners") o.learners = count(i);
        else if (arg == "--activities") o.activities = count(i);
        else if (arg == "--batch") o.batch = count(i);
        else if (arg == "--dir")
        {
            if (i + 1 >= argc) throw std::invalid_argument("--dir needs a value");
            o.dir = argv[++i];
        }
        else if (arg == "--keep") o.keep = true;
        else if (arg == "--no-door") o.door = false;
        else if (arg == "--no-raw") o.raw = false;
        else if (arg == "--no-breakdown") o.breakdown = false;
        else if (arg == "--help" || arg == "-h")
        {
            std::cout << kUsage;
            std::exit(0);
        }
        else throw std::invalid_argument("unknown option '" + arg + "'");
    }
    return o;
}

double since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Runs an operation that must succeed (setup); returns its response.
Poco::JSON::Object::Ptr call(sfe::runtime::Runtime& runtime, const std::string& operation, const std::string& json)
{
    auto result = runtime.call(operation, json);
    if (!result.ok()) throw std::runtime_error(operation + " failed: " + result.message);
    Poco::JSON::Parser parser;
    return parser.parse(result.json).extract<Poco::JSON::Object::Ptr>();
}

/// A started Runtime on a fresh store with the shipped CSMG definition imported.
struct Store
{
    explicit Store(const std::string& path)
    {
        host.settings().setString("store.path", path);
        runtime = std::make_unique<sfe::runtime::Runtime>(host);
        auto request = sfe::presenter::object();
        request->set("path", std::string(SFE_SOURCE_DIR) + "/definitions/csmg.de.xml");
        auto imported = call(*runtime, "import", sfe::presenter::toJson(request));
        skillCode = imported->getArray("skills")->getElement<std::string>(0);
    }

    void map(const EventMix& mix)
    {
        for (const auto& request : mix.mapRequests()) call(*runtime, "map", request);
    }

    BenchHost host;
    std::unique_ptr<sfe::runtime::Runtime> runtime;
    std::string skillCode;
};

struct Figures
{
    std::string name;
    std::size_t events = 0;
    std::size_t transactions = 0;
    std::size_t rows = 0;
    double seconds = 0;
};

std::string cpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown";
}

void printFigures(const Figures& f)
{
    std::printf("%-34s %8zu %6zu %9zu %9.3f %10.0f %10.0f\n", f.name.c_str(), f.events, f.transactions, f.rows,
                f.seconds, f.events / f.seconds, f.rows / f.seconds);
}

/// Times what A's statements cost apart from the store: reads back the evidence A wrote and, for
/// each record, makes its statement again (StatementFactory), and validates and serialises it
/// (EvidenceService::serialize), as record() did; and the two random UUIDs each record takes.
/// What is left of A's time is the store work and the checks and lookups around it.
void breakdown(Store& store, sfe::service::DefinitionCache& definitions, const sfe::service::StatementFactory& factory,
               const sfe::service::EvidenceService& evidence, double recordSeconds, std::optional<double> rawSeconds)
{
    auto& db = store.runtime->database();
    const auto records = sfe::store::EvidenceRepository(db).list(sfe::store::EvidenceFilter{});
    sfe::store::MappingRepository mappings(db);
    std::map<std::string, sfe::store::ActivityRecord> activities;
    for (const auto& r : records)
        if (r.activityId && !activities.count(*r.activityId)) activities[*r.activityId] = *mappings.activity(*r.activityId);

    double make = 0, check = 0, uuids = 0;
    for (const auto& r : records)
    {
        auto t = Clock::now();
        const std::string statementId = sfe::xapi::Uuid::random();
        const std::string evidenceId = sfe::xapi::Uuid::random();   // record() makes one per record too
        uuids += since(t);
        static_cast<void>(evidenceId);
        const auto& skill = definitions.skill(r.skillCode, r.definitionSha256);
        t = Clock::now();
        const auto statement = r.kind == "learning" ? factory.learning(statementId, r, activities.at(*r.activityId), skill)
                                                    : factory.attestation(statementId, r, skill);
        make += since(t);
        t = Clock::now();
        evidence.serialize(statement, "breakdown");
        check += since(t);
    }
    std::printf("\nA by phase (the first three measured again on the %zu evidence records A wrote):\n", records.size());
    auto line = [&](const char* what, double seconds) {
        std::printf("  %-62s %8.3f s %5.1f%%\n", what, seconds, 100 * seconds / recordSeconds);
    };
    line("StatementFactory: make the xAPI statements", make);
    line("EvidenceService::serialize: validate and serialise them", check);
    line("xapi::Uuid::random: 2 per record", uuids);
    line("the rest: store work (Poco::Data, SQLite), checks, lookups, log", recordSeconds - make - check - uuids);
    line("A in all", recordSeconds);
    if (rawSeconds) line("for comparison, B: SQLite inserting the same rows", *rawSeconds);
}

int run(const Options& options)
{
    const bool temporary = options.dir.empty();
    const std::string dir = temporary ? Poco::TemporaryFile::tempName() : options.dir;
    Poco::File(dir).createDirectories();
    auto path = [&](const std::string& name) {
        const std::string p = Poco::Path(dir, name).toString();
        for (const char* suffix : {"", "-wal", "-shm"})
            if (Poco::File(p + suffix).exists()) throw std::runtime_error(p + suffix + " exists; use an empty --dir");
        return p;
    };
    const std::string servicePath = path("service.db"), rawPath = path("raw.db"), doorPath = path("door.db");

    std::printf("sfe-bench-ingest: %zu events, %zu learners, %zu activities, %zu events per transaction\n",
                options.events, options.learners, options.activities, options.batch);
    std::printf("machine: %s, %u cores; SQLite %s; Poco %lx; build %s\nstores in %s\n", cpuModel().c_str(),
                std::thread::hardware_concurrency(), sqlite3_libversion(),
                static_cast<unsigned long>(Poco::Environment::libraryVersion()), SFE_BUILD_TYPE, dir.c_str());

    // A: EvidenceService::record with LmsEvent structs, the service built as Runtime builds it
    // (Runtime does not hand out its services).
    Store service(servicePath);
    sfe::service::DefinitionCache definitions(service.runtime->database());
    const sfe::store::StoredSkill* skill = definitions.current(service.skillCode);
    if (!skill) throw std::runtime_error("the imported skill " + service.skillCode + " is not current");
    EventMix mix(skill->skill, options.activities, options.learners);
    service.map(mix);
    const auto batches = mix.batches(options.events, options.batch);
    const auto& settings = service.runtime->settings();
    sfe::service::StatementFactory factory(settings);
    sfe::store::LearnerRefs learnerRefs(service.runtime->database());
    std::shared_ptr<sfe::service::SigningKeys> signingKeys;
    if (!settings.auditSigningKey.empty() || !settings.auditSigningCert.empty())
        signingKeys = std::make_shared<sfe::service::SigningKeys>(settings.auditSigningKey, settings.auditSigningCert);
    sfe::service::Checkpointer checkpoints(service.runtime->database(), signingKeys, settings.auditCheckpointEvery,
                                           settings.auditCheckpointSeconds);
    sfe::service::ProgressService progress(service.runtime->database(), definitions, factory,
                                           sfe::service::AttainmentRule::parse(settings.progressRule));
    sfe::service::EvidenceService evidence(service.runtime->database(), definitions, factory, learnerRefs, progress,
                                           checkpoints, settings);

    RawBaseline watch(servicePath);
    if (options.raw) watch.copyTo(rawPath);
    watch.mark();
    Figures a{"A  EvidenceService::record", options.events, batches.size()};
    std::size_t evidenceIds = 0, statementIds = 0;
    for (const auto& batch : batches)
    {
        const auto start = Clock::now();
        const auto results = evidence.record(batch, service.host.now());
        a.seconds += since(start);
        if (results.size() != batch.size()) throw std::runtime_error("record returned " + std::to_string(results.size()) + " results for " +
                                     std::to_string(batch.size()) + " events");
        for (const auto& r : results)
        {
            if (r.duplicate) throw std::runtime_error("event " + r.eventId + " was taken for a duplicate");
            evidenceIds += r.evidenceIds.size();
            statementIds += r.statementIds.size();
        }
        watch.mark();
    }
    a.rows = watch.rowsAdded();

    // A2: the same events as an LMS sends them, through the door: Runtime::call("record", json).
    Figures door{"A2 Runtime::call(\"record\", json)", options.events, batches.size()};
    if (options.door)
    {
        std::vector<std::string> requests;
        for (const auto& batch : batches) requests.push_back(EventMix::recordRequest(batch));
        Store doorStore(doorPath);
        doorStore.map(mix);
        RawBaseline doorWatch(doorPath);
        doorWatch.mark();
        for (const auto& request : requests)
        {
            const auto start = Clock::now();
            const auto result = doorStore.runtime->call("record", request);
            door.seconds += since(start);
            if (!result.ok()) throw std::runtime_error("record failed: " + result.message);
        }
        doorWatch.mark();
        door.rows = doorWatch.rowsAdded();
    }

    // B: A's rows, inserted into a copy of A's store as it was before A, in A's transactions.
    Figures b{"B  raw sqlite3 inserts of A's rows", options.events, watch.transactions()};
    if (options.raw)
    {
        const auto& tables = watch.load();
        b.seconds = watch.replay();
        std::printf("\nrows A wrote (B inserts the same rows):\n  %-28s %9s %14s\n", "table", "rows", "bytes per row");
        for (const auto& t : tables)
        {
            b.rows += t.rows;
            std::printf("  %-28s %9zu %14.0f\n", t.name.c_str(), t.rows,
                        t.rows ? double(t.bytes) / double(t.rows) : 0.0);
        }
        if (b.rows != a.rows) throw std::runtime_error("B inserted " + std::to_string(b.rows) + " rows, A wrote " +
                                                       std::to_string(a.rows));
    }
    std::printf("\n%zu evidence records and %zu statements reported by record()\n", evidenceIds, statementIds);

    std::printf("\n%-34s %8s %6s %9s %9s %10s %10s\n", "path", "events", "txns", "rows", "seconds", "events/s",
                "rows/s");
    printFigures(a);
    if (options.door) printFigures(door);
    if (options.raw)
    {
        printFigures(b);
        std::printf("\nA/B  = %.2f  (goal: at least 0.50)\n", b.seconds / a.seconds);
        if (options.door) std::printf("A2/B = %.2f\n", b.seconds / door.seconds);
    }

    if (options.breakdown)
        breakdown(service, definitions, factory, evidence, a.seconds,
                  options.raw ? std::optional<double>(b.seconds) : std::nullopt);

    if (temporary && !options.keep) Poco::File(dir).remove(true);
    else std::printf("\nstores kept in %s\n", dir.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try
    {
        return run(parse(argc, argv));
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << "sfe-bench-ingest: " << e.what() << "\n" << kUsage;
        return 2;
    }
    catch (const Poco::Exception& e)
    {
        std::cerr << "sfe-bench-ingest: " << e.displayText() << "\n";
        return 1;
    }
    catch (const std::exception& e)
    {
        std::cerr << "sfe-bench-ingest: " << e.what() << "\n";
        return 1;
    }
}
