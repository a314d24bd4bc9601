//
// ingest.cpp
//
// Benchmark: LMS events recorded as evidence plus outbox, against the same rows inserted through
// the raw sqlite3 API in the same transactions. See bench/README.md.
//

#include "BenchMain.h"
#include "BenchStore.h"
#include "EventMix.h"
#include "LrsBaseline.h"
#include "RawBaseline.h"
#include "MachineFacts.h"
#include "Stopwatch.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"
#include "sfe/service/DefinitionCache.h"
#include "sfe/service/EvidenceService.h"
#include "sfe/service/ProgressService.h"
#include "sfe/service/StatementFactory.h"
#include "sfe/store/Database.h"
#include "sfe/store/EvidenceRepository.h"
#include "sfe/store/MappingRepository.h"
#include "sfe/store/StatementRepository.h"
#include "sfe/xapi/Uuid.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <sqlite3.h>

#include <algorithm>
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

using sfe::bench::cpuModel;
using sfe::bench::loadAverage;

using sfe::bench::BenchStore;
using sfe::bench::EventMix;
using sfe::bench::RawBaseline;
using sfe::bench::Seconds;
using sfe::bench::Stopwatch;

const char* const kUsage =
    "usage: sfe-bench-ingest [--events N] [--learners N] [--activities N] [--batch N] [--rounds N] [--dir DIR]\n"
    "                        [--cache-mib N] [--keep] [--no-door] [--no-raw] [--no-lrs] [--no-breakdown] [--pg CONNINFO]\n"
    "  --events N      LMS events to record (default 100000)\n"
    "  --learners N    distinct learners (default 10000)\n"
    "  --activities N  mapped LMS activities (default 20)\n"
    "  --batch N       events per transaction (default 500)\n"
    "  --rounds N      run everything N times on fresh stores and report the best figures (default 1)\n"
    "  --cache-mib N   give every connection (A, A2, B) a page cache of N MiB (default: the store's, 32)\n"
    "  --dir DIR       where the stores go (default: a new temporary folder, removed at the end)\n"
    "  --keep          keep the temporary folder\n"
    "  --no-door       skip A2, the run through Runtime::call(\"record\", json)\n"
    "  --no-raw        skip B, the raw sqlite3 baseline (with --no-door --no-breakdown: A alone, to profile)\n"
    "  --no-lrs        skip L, Learning Locker's statement service storing A's statements\n"
    "  --no-breakdown  skip the per-phase breakdown of A\n"
    "  --pg CONNINFO   run A on a new PostgreSQL database made through CONNINFO (key=value pairs of an\n"
    "                  account that may create databases; dropped at the end unless --keep); no A2, no B\n";

struct Options
{
    std::size_t events = 100000;
    std::size_t learners = 10000;
    std::size_t activities = 20;
    std::size_t batch = 500;
    std::size_t rounds = 1;
    // The store's default page cache (store.cache_mib); B gets the same.
    std::size_t cacheMib = static_cast<std::size_t>(sfe::store::Database::Options{}.cacheMib);
    std::string dir;
    bool keep = false;
    bool door = true;
    bool raw = true;
    bool breakdown = true;
    bool lrs = true;
    std::string pg; // A on PostgreSQL: the admin conninfo
};

Options parse(int argc, char** argv)
{
    Options o;
    auto count = [&](int& i) -> std::size_t {
        const std::string name = argv[i];
        if (i + 1 >= argc) throw std::invalid_argument(name + " needs a value");
        return sfe::bench::BenchMain::wholeNumber(name, argv[++i]);
    };
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--events") o.events = count(i);
        else if (arg == "--learners") o.learners = count(i);
        else if (arg == "--activities") o.activities = count(i);
        else if (arg == "--batch") o.batch = count(i);
        else if (arg == "--rounds") o.rounds = count(i);
        else if (arg == "--cache-mib") o.cacheMib = count(i);
        else if (arg == "--dir")
        {
            if (i + 1 >= argc) throw std::invalid_argument("--dir needs a value");
            o.dir = argv[++i];
        }
        else if (arg == "--keep") o.keep = true;
        else if (arg == "--no-door") o.door = false;
        else if (arg == "--no-raw") o.raw = false;
        else if (arg == "--no-breakdown") o.breakdown = false;
        else if (arg == "--no-lrs") o.lrs = false;
        else if (arg == "--pg")
        {
            if (i + 1 >= argc) throw std::invalid_argument("--pg needs a value");
            o.pg = argv[++i];
            o.door = false;
            o.raw = false;
        }
        else if (arg == "--help" || arg == "-h")
        {
            std::cout << kUsage;
            std::exit(0);
        }
        else throw std::invalid_argument("unknown option '" + arg + "'");
    }
    return o;
}

/// A BenchStore on a fresh store with the page cache at cacheMib (SQLite) and the shipped CSMG definition
/// imported; returns it and the skill's code.
std::pair<std::unique_ptr<BenchStore>, std::string> freshStore(const std::string& path, std::size_t cacheMib,
                                                               const std::string& pgUrl = {})
{
    auto store = std::make_unique<BenchStore>(path, pgUrl);
    if (cacheMib && pgUrl.empty())
        store->runtime->database().session() << "PRAGMA cache_size=-" + std::to_string(cacheMib * 1024),
            Poco::Data::Keywords::now;
    const std::string skillCode = store->importShippedDefinition();
    return {std::move(store), skillCode};
}

void map(BenchStore& store, const EventMix& mix)
{
    for (const auto& request : mix.mapRequests()) store.call("map", request);
}

struct Figures
{
    explicit Figures(std::string n = {}):
        name(std::move(n))
    {}

    std::string name;
    std::size_t events = 0;
    std::size_t transactions = 0;
    std::size_t rows = 0;
    Seconds time;
};

/// Where A's time goes apart from the store: see phases().
struct Phases
{
    std::size_t records = 0;
    Seconds make, check, uuids;
};

/// One run of A, A2 and B on fresh stores.
struct Round
{
    Figures a{"A  EvidenceService::record"};
    Figures door{"A2 Runtime::call(\"record\", json)"};
    Figures b{"B  raw sqlite3 inserts of A's rows"};
    Figures lrs{"L  Learning Locker, A's statements"};
    std::vector<std::pair<std::string, double>> sizes; // bytes by table or index
    std::vector<RawBaseline::Table> tables;
    std::size_t evidenceRecords = 0, statements = 0;
    std::optional<Phases> phases;
};

/// Times what A's statements cost apart from the store: reads back the evidence A wrote and, for
/// each record, makes its statement again (StatementFactory), and validates and serialises it
/// (EvidenceService::seal), as record() did; and the two random UUIDs each record takes.
Phases phases(sfe::store::Database& db, sfe::service::DefinitionCache& definitions,
              const sfe::service::StatementFactory& factory, const sfe::service::EvidenceService& evidence)
{
    const auto records = sfe::store::EvidenceRepository(db).list(sfe::store::EvidenceFilter{});
    sfe::store::MappingRepository mappings(db);
    std::map<std::string, sfe::store::ActivityRecord> activities;
    for (const auto& r : records)
        if (r.activityId && !activities.count(*r.activityId))
            activities[*r.activityId] = *mappings.activity(*r.activityId);

    Stopwatch make, check, uuids;
    for (const auto& r : records)
    {
        uuids.start();
        // record() makes its statement and evidence ids time-ordered (version 7), from the host's
        // clock; what they cost does not depend on the time.
        const long long nowMs = 1764547200000LL;
        const std::string statementId = sfe::xapi::Uuid::timeOrdered(nowMs);
        const std::string evidenceId = sfe::xapi::Uuid::timeOrdered(nowMs);
        uuids.stop();
        static_cast<void>(evidenceId);
        const auto& skill = definitions.skill(r.skillCode, r.definitionSha256);
        make.start();
        const auto statement = r.kind == "learning"
                                   ? factory.learning(statementId, r, activities.at(*r.activityId), skill)
                                   : factory.attestation(statementId, r, skill);
        make.stop();
        sfe::store::StatementRecord sealed;
        check.start();
        evidence.seal(statement, "phases", sealed);
        check.stop();
    }
    return {records.size(), make.total(), check.total(), uuids.total()};
}

/// A new PostgreSQL database for A, made through an admin conninfo; dropped at the end unless kept.
struct PgDatabase
{
    PgDatabase(const std::string& adminConninfo, bool keepIt):
        admin(adminConninfo),
        keep(keepIt)
    {
        name = "sfe_bench_" + sfe::xapi::Uuid::random().substr(0, 8);
        Poco::Data::PostgreSQL::Connector::registerConnector();
        Poco::Data::Session session("postgresql", admin);
        session << "CREATE DATABASE " + name, Poco::Data::Keywords::now;
        url = admin + " dbname=" + name; // a later keyword wins in a libpq conninfo
        std::printf("A on PostgreSQL: database %s\n", name.c_str());
    }
    ~PgDatabase()
    {
        if (keep) return;
        try
        {
            Poco::Data::Session session("postgresql", admin);
            session << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", Poco::Data::Keywords::now;
        }
        catch (const Poco::Exception& e)
        {
            std::cerr << "sfe-bench-ingest: cannot drop " << name << ": " << e.displayText() << "\n";
        }
    }
    PgDatabase(const PgDatabase&) = delete;
    PgDatabase& operator=(const PgDatabase&) = delete;
    std::string admin, name, url;
    bool keep;
};

/// Bytes the store takes, by table and by index: SQLite's dbstat (pages of the file and its WAL);
/// PostgreSQL's pg_table_size (heap, TOAST, maps) and pg_relation_size for indexes.
std::vector<std::pair<std::string, double>> sizes(sfe::store::Database& db)
{
    using namespace Poco::Data::Keywords;
    std::vector<std::string> names;
    std::vector<Poco::Int64> bytes;
    if (db.isSQLite())
        db.session() << "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC", into(names), into(bytes),
            now;
    else
        db.session()
            << "SELECT c.relname, CASE WHEN c.relkind = 'r' THEN pg_table_size(c.oid) ELSE pg_relation_size(c.oid) END"
               " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
               " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i') ORDER BY 2 DESC",
            into(names), into(bytes), now;
    std::vector<std::pair<std::string, double>> out;
    for (std::size_t i = 0; i < names.size(); ++i) out.emplace_back(names[i], static_cast<double>(bytes[i]));
    return out;
}

Round runRound(const Options& options, const std::string& dir, bool measurePhases)
{
    auto path = [&](const std::string& name) {
        const std::string p = Poco::Path(dir, name).toString();
        for (const char* suffix : {"", "-wal", "-shm"})
            if (Poco::File(p + suffix).exists()) throw std::runtime_error(p + suffix + " exists; use an empty --dir");
        return p;
    };
    Poco::File(dir).createDirectories();
    const std::string servicePath = path("service.db"), rawPath = path("raw.db"), doorPath = path("door.db");
    Round round;

    // A: EvidenceService::record with LmsEvent structs. Runtime does not hand out its services, so
    // they are built here as Runtime builds them, over the Runtime's store.
    std::optional<PgDatabase> pg;
    if (!options.pg.empty()) pg.emplace(options.pg, options.keep);
    auto [service, skillCode] = freshStore(servicePath, options.cacheMib, pg ? pg->url : std::string());
    auto& db = service->runtime->database();
    service->startServices();
    sfe::service::DefinitionCache& definitions = *service->definitions;
    const sfe::store::StoredSkill* skill = definitions.current(skillCode);
    if (!skill) throw std::runtime_error("the imported skill " + skillCode + " is not current");
    EventMix mix(skill->skill, options.activities, options.learners);
    map(*service, mix);
    const auto batches = mix.batches(options.events, options.batch);
    const sfe::service::StatementFactory& factory = *service->factory;
    sfe::service::EvidenceService& evidence = *service->evidence;

    // The rows A adds are counted (and, for B, copied) from the SQLite file; not on PostgreSQL.
    std::optional<RawBaseline> watched;
    if (!pg) watched.emplace(servicePath);
    RawBaseline* watch = watched ? &*watched : nullptr;
    if (options.raw) watch->copyTo(rawPath);
    if (watch) watch->mark();
    round.a.events = options.events;
    round.a.transactions = batches.size();
    Stopwatch a(true); // record() compresses on a thread of its own too
    for (const auto& batch : batches)
    {
        a.start();
        const auto results = evidence.record(batch, service->host.now());
        a.stop();
        if (results.size() != batch.size())
            throw std::runtime_error("record returned " + std::to_string(results.size()) + " results for " +
                                     std::to_string(batch.size()) + " events");
        for (const auto& r : results)
        {
            if (r.duplicate) throw std::runtime_error("event " + r.eventId + " was taken for a duplicate");
            round.evidenceRecords += r.evidenceIds.size();
            round.statements += r.statementIds.size();
        }
        // B needs a mark per transaction. Without B, only the first and the last: a mark scans every
        // key of the WITHOUT ROWID tables, which grows with the store (quadratic over a 1M run).
        if (watch && options.raw) watch->mark();
    }
    if (watch && !options.raw) watch->mark();
    round.a.time = a.total();
    if (watch) round.a.rows = watch->rowsAdded();
    round.sizes = sizes(db);

    // L: Learning Locker's statement service storing the statements A made, POSTed in batches of
    // --batch, as the outbox sender posts them.
    if (options.lrs)
    {
        std::vector<std::string> bodies;
        for (const auto& s : sfe::store::StatementRepository(db).list()) bodies.push_back(s.body);
        sfe::bench::LrsBaseline::Service lrs(Poco::Path(dir, "lrs").toString());
        sfe::bench::LrsBaseline baseline(lrs.url());
        const auto wall = baseline.post(bodies, options.batch);
        round.lrs.events = options.events;
        round.lrs.transactions = baseline.requests();
        round.lrs.rows = bodies.size();
        round.lrs.time.wall = wall.count();
    }

    // A2: the same events as an LMS sends them, through the door: Runtime::call("record", json).
    if (options.door)
    {
        std::vector<std::string> requests;
        for (const auto& batch : batches) requests.push_back(EventMix::recordRequest(batch));
        auto door = freshStore(doorPath, options.cacheMib).first;
        map(*door, mix);
        RawBaseline doorWatch(doorPath);
        doorWatch.mark();
        round.door.events = options.events;
        round.door.transactions = requests.size();
        Stopwatch a2(true);
        for (const auto& request : requests)
        {
            a2.start();
            const auto result = door->runtime->call("record", request);
            a2.stop();
            if (!result.ok()) throw std::runtime_error("record failed: " + result.message);
        }
        round.door.time = a2.total();
        doorWatch.mark();
        round.door.rows = doorWatch.rowsAdded();
    }

    // B: A's rows, inserted into a copy of A's store as it was before A, in A's transactions.
    if (options.raw)
    {
        round.tables = watch->load();
        round.b.time = watch->replay(options.cacheMib);
        round.b.events = options.events;
        round.b.transactions = watch->transactions();
        for (const auto& t : round.tables) round.b.rows += t.rows;
        if (round.b.rows != round.a.rows)
            throw std::runtime_error("B inserted " + std::to_string(round.b.rows) + " rows, A wrote " +
                                     std::to_string(round.a.rows));
    }

    if (measurePhases) round.phases = phases(db, definitions, factory, evidence);
    return round;
}

void printRow(const Figures& f)
{
    std::printf("%-34s %7zu %5zu %8zu %8.3f %8.3f %9.0f %9.0f\n", f.name.c_str(), f.events, f.transactions, f.rows,
                f.time.wall, f.time.cpu, f.events / f.time.wall, f.rows / f.time.wall);
}

/// The figures with the least wall time and the least CPU time over the rounds.
Figures best(const std::vector<Round>& rounds, Figures Round::*which)
{
    Figures f = rounds.front().*which;
    for (const auto& r : rounds)
    {
        f.time.wall = std::min(f.time.wall, (r.*which).time.wall);
        f.time.cpu = std::min(f.time.cpu, (r.*which).time.cpu);
    }
    return f;
}

void printPhases(const Phases& p, const Seconds& a, const Seconds& b, bool withB)
{
    std::printf("\nA by phase, last round (the first three measured again on the %zu evidence records A wrote):\n",
                p.records);
    std::printf("  %-62s %8s %8s %6s\n", "", "wall s", "cpu s", "of A");
    auto line = [&](const char* what, const Seconds& s) {
        std::printf("  %-62s %8.3f %8.3f %5.1f%%\n", what, s.wall, s.cpu, 100 * s.cpu / a.cpu);
    };
    Seconds rest = a;
    for (const Seconds* s : {&p.make, &p.check, &p.uuids})
    {
        rest.wall -= s->wall;
        rest.cpu -= s->cpu;
    }
    line("StatementFactory: make the xAPI statements", p.make);
    line("EvidenceService::seal: validate and serialise (and sign) them", p.check);
    line("xapi::Uuid::timeOrdered: 2 per record", p.uuids);
    line("the rest: store work (Poco::Data, SQLite), checks, lookups, log", rest);
    line("A in all", a);
    if (withB) line("for comparison, B: SQLite inserting the same rows", b);
    std::printf("  (percentages of A's CPU time)\n");
}

int run(const Options& options)
{
    const bool temporary = options.dir.empty();
    const std::string dir = temporary ? Poco::TemporaryFile::tempName() : options.dir;

    std::printf("sfe-bench-ingest: %zu events, %zu learners, %zu activities, %zu events per transaction, %zu round%s\n",
                options.events, options.learners, options.activities, options.batch, options.rounds,
                options.rounds == 1 ? "" : "s");
    if (options.cacheMib) std::printf("page cache: %zu MiB per connection\n", options.cacheMib);
    std::printf("machine: %s, %u cores, load average %s; SQLite %s; Poco %lx; build %s\nstores in %s\n",
                cpuModel().c_str(), std::thread::hardware_concurrency(), loadAverage().c_str(), sqlite3_libversion(),
                static_cast<unsigned long>(Poco::Environment::libraryVersion()), SFE_BUILD_TYPE, dir.c_str());

    std::vector<Round> rounds;
    for (std::size_t r = 0; r < options.rounds; ++r)
    {
        const std::string roundDir =
            options.rounds == 1 ? dir : Poco::Path(dir, "round-" + std::to_string(r + 1)).toString();
        rounds.push_back(runRound(options, roundDir, options.breakdown && r + 1 == options.rounds));
        const Round& round = rounds.back();
        std::printf("round %zu: A %.3f s", r + 1, round.a.time.wall);
        if (options.door) std::printf(", A2 %.3f s", round.door.time.wall);
        if (options.raw) std::printf(", B %.3f s, A/B %.2f", round.b.time.wall, round.b.time.wall / round.a.time.wall);
        std::printf(" (wall)\n");
        std::fflush(stdout);
    }
    const Round& last = rounds.back();

    if (options.raw)
    {
        std::printf("\nrows A wrote (B inserts the same rows):\n  %-28s %9s %14s\n", "table", "rows", "bytes per row");
        for (const auto& t : last.tables)
            std::printf("  %-28s %9zu %14.0f\n", t.name.c_str(), t.rows,
                        t.rows ? double(t.bytes) / double(t.rows) : 0.0);
    }
    std::printf("%s%zu evidence records and %zu statements reported by record()\n", options.raw ? "  " : "\n",
                last.evidenceRecords, last.statements);

    if (last.evidenceRecords)
    {
        std::printf("\nstore size after A (%s), bytes per evidence record:\n",
                    options.pg.empty() ? "SQLite, dbstat" : "PostgreSQL");
        double total = 0;
        for (const auto& [name, bytes] : last.sizes)
        {
            total += bytes;
            if (bytes / double(last.evidenceRecords) >= 1)
                std::printf("  %-44s %8.0f\n", name.c_str(), bytes / double(last.evidenceRecords));
        }
        std::printf("  %-44s %8.0f  (goal: at most 2000)\n", "all tables and indexes",
                    total / double(last.evidenceRecords));
    }

    const Figures a = best(rounds, &Round::a), door = best(rounds, &Round::door), b = best(rounds, &Round::b),
                  lrs = best(rounds, &Round::lrs);
    std::printf("\n%s:\n%-34s %7s %5s %8s %8s %8s %9s %9s\n",
                options.rounds == 1 ? "figures" : "best of the rounds (least wall time, least CPU time)", "path",
                "events", "txns", "rows", "wall s", "cpu s", "events/s", "rows/s");
    printRow(a);
    if (options.door) printRow(door);
    if (options.raw)
    {
        printRow(b);
        std::printf("\nA/B  = %.2f by wall time, %.2f by CPU time  (goal: at least 0.50)\n", b.time.wall / a.time.wall,
                    b.time.cpu / a.time.cpu);
        if (options.door)
            std::printf("A2/B = %.2f by wall time, %.2f by CPU time\n", b.time.wall / door.time.wall,
                        b.time.cpu / door.time.cpu);
    }
    if (options.lrs)
    {
        std::printf("%-34s %7zu %5zu %8zu %8.3f %8s %9.0f %9.0f  (rows: statements; txns: POSTs)\n", lrs.name.c_str(),
                    lrs.events, lrs.transactions, lrs.rows, lrs.time.wall, "-", lrs.events / lrs.time.wall,
                    lrs.rows / lrs.time.wall);
        std::printf("\nA/L  = %.1f by events/s  (goal: at least 5)\n", lrs.time.wall / a.time.wall);
    }
    if (last.phases) printPhases(*last.phases, last.a.time, last.b.time, options.raw);

    if (temporary && !options.keep) Poco::File(dir).remove(true);
    else std::printf("\nstores kept in %s\n", dir.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    return sfe::bench::BenchMain::run("sfe-bench-ingest", kUsage, argc, argv, parse, run);
}
