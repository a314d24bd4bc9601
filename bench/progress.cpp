//
// progress.cpp
//
// Benchmark: the latency of a learner's progress (ProgressService::progress) over a store of 1M
// evidence records of 100k learners, against the plain indexed SQL query that reads the same
// rows through the raw sqlite3 API, in the same run. See bench/README-progress.md.
//

#include "BenchMain.h"
#include "BenchStore.h"
#include "EventMix.h"
#include "ProgressBaseline.h"
#include "ProgressPopulation.h"
#include "MachineFacts.h"
#include "Stopwatch.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"
#include "sfe/store/ProgressRepository.h"

#include <Poco/Data/Session.h>
#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using sfe::bench::cpuModel;
using sfe::bench::loadAverage;

using sfe::bench::BenchStore;
using sfe::bench::EventMix;
using sfe::bench::PopulationFigures;
using sfe::bench::ProgressBaseline;
using sfe::bench::ProgressPopulation;
using sfe::bench::Stopwatch;

const char* const kUsage =
    "usage: sfe-bench-progress [--records N] [--learners N] [--queries N] [--warmup N] [--activities N]\n"
    "                          [--batch N] [--verified PERCENT] [--withdrawn PERCENT] [--dir DIR] [--keep]\n"
    "                          [--reuse PATH] [--cache-mib N] [--mmap-mib N] [--no-baseline]\n"
    "  --records N        evidence records in the store (default 1000000)\n"
    "  --learners N       distinct learners (default 100000)\n"
    "  --queries N        timed progress queries, each for a random learner (default 20000)\n"
    "  --warmup N         untimed queries before them, on other random learners (default 2000)\n"
    "  --activities N     mapped LMS activities (default 20)\n"
    "  --batch N          events per record() call when populating (default 500)\n"
    "  --verified P       percent of the demonstrations an auditor verifies (default 5)\n"
    "  --withdrawn P      percent of the records withdrawn (default 1)\n"
    "  --dir DIR          where the store goes (default: a new temporary folder, removed at the end)\n"
    "  --keep             keep that folder\n"
    "  --reuse PATH       the store file: populated when missing, else used as it is (and kept)\n"
    "  --cache-mib N      give both connections (A's and B's) a page cache of N MiB (default: SQLite's 2 MiB)\n"
    "  --mmap-mib N       let both connections read the store through mmap, up to N MiB (default: off, as in\n"
    "                     the plugin)\n"
    "  --no-baseline      time the progress queries alone (to profile them)\n";

struct Options
{
    std::size_t records = 1000000;
    std::size_t learners = 100000;
    std::size_t queries = 20000;
    std::size_t warmup = 2000;
    std::size_t activities = 20;
    std::size_t batch = 500;
    double verified = 5;
    double withdrawn = 1;
    std::string dir;
    std::string reuse;
    std::size_t cacheMib = 0; // 0: SQLite's default, as the plugin leaves it
    std::size_t mmapMib = 0;  // 0: no mmap, as the plugin leaves it
    bool keep = false;
    bool baseline = true;
};

Options parse(int argc, char** argv)
{
    Options o;
    auto value = [&](int& i) -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(std::string(argv[i]) + " needs a value");
        return argv[++i];
    };
    auto count = [&](int& i, bool zeroAllowed) -> std::size_t {
        const std::string name = argv[i];
        return sfe::bench::BenchMain::wholeNumber(name, value(i), zeroAllowed);
    };
    auto percent = [&](int& i) -> double {
        const std::string name = argv[i], v = value(i);
        char* end = nullptr;
        const double p = std::strtod(v.c_str(), &end);
        if (v.empty() || *end != '\0' || !(p >= 0 && p <= 100))
            throw std::invalid_argument(name + ": '" + v + "' is not a percentage from 0 to 100");
        return p;
    };
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--records") o.records = count(i, false);
        else if (arg == "--learners") o.learners = count(i, false);
        else if (arg == "--queries") o.queries = count(i, false);
        else if (arg == "--warmup") o.warmup = count(i, true);
        else if (arg == "--activities") o.activities = count(i, false);
        else if (arg == "--batch") o.batch = count(i, false);
        else if (arg == "--verified") o.verified = percent(i);
        else if (arg == "--withdrawn") o.withdrawn = percent(i);
        else if (arg == "--dir") o.dir = value(i);
        else if (arg == "--reuse") o.reuse = value(i);
        else if (arg == "--cache-mib") o.cacheMib = count(i, false);
        else if (arg == "--mmap-mib") o.mmapMib = count(i, false);
        else if (arg == "--keep") o.keep = true;
        else if (arg == "--no-baseline") o.baseline = false;
        else if (arg == "--help" || arg == "-h")
        {
            std::cout << kUsage;
            std::exit(0);
        }
        else throw std::invalid_argument("unknown option '" + arg + "'");
    }
    if (!o.reuse.empty() && !o.dir.empty()) throw std::invalid_argument("--reuse and --dir exclude each other");
    return o;
}

std::string learnerName(std::size_t n)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "learner-%06zu", n); // as EventMix names them
    return buffer;
}

/// Random learners, the same on every run (splitmix64).
std::vector<std::string> pickLearners(std::size_t count, std::size_t learners, std::uint64_t seed)
{
    std::vector<std::string> picked;
    picked.reserve(count);
    std::uint64_t state = seed;
    for (std::size_t i = 0; i < count; ++i)
    {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        picked.push_back(learnerName(1 + z % learners));
    }
    return picked;
}

/// Reads the store's files once so that the OS page cache holds them: every query then reads
/// memory, not the disk, on both sides. Returns the bytes read.
std::size_t readIntoPageCache(const std::string& path)
{
    std::size_t bytes = 0;
    std::vector<char> buffer(1 << 20);
    for (const char* suffix : {"", "-wal"})
    {
        std::ifstream in(path + suffix, std::ios::binary);
        while (in)
        {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            bytes += static_cast<std::size_t>(in.gcount());
        }
    }
    return bytes;
}

/// A row as ProgressBaseline::rowsAsText gives it.
std::string asText(const sfe::store::ProgressRow& r)
{
    return r.evidenceId + "|" + r.kind + "|" + std::to_string(r.level) + "|" + r.verb + "|" + r.outcome + "|" +
           r.activityId + "|" + r.responsibility + "|" + (r.withdrawn ? "1" : "0") + "|" + (r.verified ? "1" : "0") +
           "|" + r.occurredAt;
}

/// Latencies of one kind of query, in microseconds: wall clock and this thread's CPU time, and
/// whether the kernel switched the thread out for another one while the query ran (an
/// involuntary context switch: on a busy machine such a query waits a whole time slice).
struct Latencies
{
    std::vector<double> wall, cpu;
    std::vector<bool> switched;

    void add(double wallUs, double cpuUs, bool switchedOut)
    {
        wall.push_back(wallUs);
        cpu.push_back(cpuUs);
        switched.push_back(switchedOut);
    }

    /// The wall times of the queries that ran without being switched out.
    std::vector<double> undisturbed() const
    {
        std::vector<double> v;
        for (std::size_t i = 0; i < wall.size(); ++i)
            if (!switched[i]) v.push_back(wall[i]);
        return v;
    }

    double switchedShare() const
    {
        return static_cast<double>(std::count(switched.begin(), switched.end(), true)) /
               static_cast<double>(std::max<std::size_t>(1, switched.size()));
    }

    static double percentile(std::vector<double> v, double p)
    {
        if (v.empty()) return 0;
        // Nearest rank: the smallest value with at least p of the samples at or below it.
        std::sort(v.begin(), v.end());
        const std::size_t rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p * static_cast<double>(v.size()))));
        return v[std::min(rank, v.size()) - 1];
    }
};

long involuntarySwitches()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_nivcsw;
}

/// Times one call: adds its wall and CPU time (microseconds) to `into`.
template<typename F>
void timed(Latencies& into, F&& f)
{
    const long switches = involuntarySwitches();
    Stopwatch watch;
    watch.start();
    f();
    watch.stop();
    into.add(watch.total().wall * 1e6, watch.total().cpu * 1e6, involuntarySwitches() != switches);
}

void printLatencies(const char* name, const Latencies& l)
{
    using P = Latencies;
    const auto calm = l.undisturbed();
    std::printf("%-44s %8.1f %8.1f %8.1f %9.1f   %8.1f %8.1f   %7.2f%% %8.1f %8.1f\n", name, P::percentile(l.wall, 0.5),
                P::percentile(l.wall, 0.9), P::percentile(l.wall, 0.99), P::percentile(l.wall, 1.0),
                P::percentile(l.cpu, 0.5), P::percentile(l.cpu, 0.99), 100 * l.switchedShare(),
                P::percentile(calm, 0.5), P::percentile(calm, 0.99));
}

void printPopulation(const PopulationFigures& f)
{
    std::printf("  %9zu events, %9zu records in %7.1f s (cpu %6.1f s); %6zu of %zu demonstrations verified in %5.1f s;"
                " %6zu withdrawn in %5.1f s\n",
                f.events, f.records, f.recording.wall, f.recording.cpu, f.verified, f.demonstrations, f.verifying.wall,
                f.withdrawn, f.withdrawing.wall);
    std::fflush(stdout);
}

int run(const Options& options)
{
    const std::string skillCode = "CSMG";
    const bool temporary = options.reuse.empty() && options.dir.empty();
    const std::string dir = !options.dir.empty() ? options.dir : temporary ? Poco::TemporaryFile::tempName() : "";
    const std::string path = options.reuse.empty() ? Poco::Path(dir, "progress.db").toString() : options.reuse;
    const bool populate = !Poco::File(path).exists();
    if (!populate && options.reuse.empty())
        throw std::runtime_error(path + " exists; use an empty --dir, or --reuse " + path);
    if (!dir.empty()) Poco::File(dir).createDirectories();

    std::printf("sfe-bench-progress: %zu records over %zu learners, %zu timed queries after %zu warm-up queries\n",
                options.records, options.learners, options.queries, options.warmup);
    std::printf("machine: %s, %u cores, load average %s; SQLite %s; Poco %lx; build %s\nstore %s (%s)\n",
                cpuModel().c_str(), std::thread::hardware_concurrency(), loadAverage().c_str(), sqlite3_libversion(),
                static_cast<unsigned long>(Poco::Environment::libraryVersion()), SFE_BUILD_TYPE, path.c_str(),
                populate ? "new" : "reused as it is");
    std::fflush(stdout);

    const auto opening = std::chrono::steady_clock::now();
    BenchStore store(path);
    if (!populate)
        std::printf("opened the store in %.1f s (with any pending migrations)\n",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - opening).count());
    if (populate)
    {
        const std::string imported = store.importShippedDefinition();
        if (imported != skillCode)
            throw std::runtime_error("the shipped definition holds " + imported + ", not " + skillCode);
        store.startServices();
        const sfe::store::StoredSkill* skill = store.definitions->current(skillCode);
        if (!skill) throw std::runtime_error("the imported skill " + skillCode + " is not current");
        EventMix mix(skill->skill, options.activities, options.learners);
        for (const auto& request : mix.mapRequests()) store.call("map", request);
        store.definitions->invalidate(); // the mappings were made through the Runtime's services
        std::printf("populating (untimed for the benchmark; EvidenceService::record, %zu events per call,"
                    " then verify and withdraw one by one):\n",
                    options.batch);
        ProgressPopulation population(*store.evidence, mix, options.batch,
                                      {options.verified / 100, options.withdrawn / 100});
        const auto started = std::chrono::steady_clock::now();
        population.populate(options.records, store.host.now(), printPopulation);
        std::printf("population took %.1f s\n",
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
    else store.startServices();

    auto& session = store.runtime->database().session();
    std::vector<std::string> settings;
    if (options.cacheMib) settings.push_back("PRAGMA cache_size=-" + std::to_string(options.cacheMib * 1024));
    if (options.mmapMib) settings.push_back("PRAGMA mmap_size=" + std::to_string(options.mmapMib << 20));
    std::string pragmas;
    for (const auto& pragma : settings)
    {
        session << pragma, Poco::Data::Keywords::now;
        pragmas += pragma + ";";
    }
    if (!pragmas.empty()) std::printf("both connections: %s\n", pragmas.c_str());
    Poco::Int64 records = 0, learners = 0, joined = 0, withdrawn = 0, verified = 0, attainments = 0, pages = 0,
                pageSize = 0;
    session << "SELECT COUNT(*), COUNT(DISTINCT learner), SUM(withdrawn_at IS NOT NULL) FROM evidence",
        Poco::Data::Keywords::into(records), Poco::Data::Keywords::into(learners),
        Poco::Data::Keywords::into(withdrawn), Poco::Data::Keywords::now;
    session << "SELECT COUNT(*) FROM evidence_responsibilities", Poco::Data::Keywords::into(joined),
        Poco::Data::Keywords::now;
    session << "SELECT COUNT(DISTINCT evidence_id) FROM verifications", Poco::Data::Keywords::into(verified),
        Poco::Data::Keywords::now;
    session << "SELECT COUNT(*) FROM attainments WHERE voided_at IS NULL", Poco::Data::Keywords::into(attainments),
        Poco::Data::Keywords::now;
    session << "PRAGMA page_count", Poco::Data::Keywords::into(pages), Poco::Data::Keywords::now;
    session << "PRAGMA page_size", Poco::Data::Keywords::into(pageSize), Poco::Data::Keywords::now;
    std::printf(
        "store: %lld evidence records of %lld learners, %lld responsibility links, %lld withdrawn, %lld verified,"
        " %lld attainments in force; %.0f MiB\n",
        static_cast<long long>(records), static_cast<long long>(learners), static_cast<long long>(joined),
        static_cast<long long>(withdrawn), static_cast<long long>(verified), static_cast<long long>(attainments),
        static_cast<double>(pages * pageSize) / (1 << 20));

    const std::size_t cached = readIntoPageCache(path);
    std::printf("read %.0f MiB of store files into the OS page cache\n", static_cast<double>(cached) / (1 << 20));

    std::unique_ptr<ProgressBaseline> baseline;
    if (options.baseline) baseline = std::make_unique<ProgressBaseline>(path, pragmas);
    // Warm-up, and the check that both sides read the same rows, value for value.
    std::size_t sink = 0;
    {
        sfe::store::ProgressRepository check(store.runtime->database());
        for (const auto& learner : pickLearners(options.warmup, options.learners, 7))
        {
            sink += store.progress->progress(learner, skillCode).levels.size();
            if (!baseline) continue;
            const auto plain = baseline->rowsAsText(learner, skillCode);
            const auto& read = check.rows(learner, skillCode);
            for (std::size_t i = 0; i < std::max(plain.size(), read.size()); ++i)
            {
                const std::string mine = i < read.size() ? asText(read[i]) : "(none)";
                const std::string theirs = i < plain.size() ? plain[i] : "(none)";
                if (mine != theirs)
                    throw std::runtime_error("row " + std::to_string(i + 1) + " of " + learner +
                                             ": ProgressRepository::rows read " + mine + ", the plain query " + theirs);
            }
            baseline->attainments(learner, skillCode);
        }
    }

    // Timed: A, B and B2 for the same learners, one after the other, the order turning each time
    // so that neither side always finds the other's pages freshly touched.
    // B2 is B plus the attainments query that follows it (ProgressService::progress reads both).
    Latencies a, b, b2;
    std::size_t rowsRead = 0;
    const auto learnersTimed = pickLearners(options.queries, options.learners, 11);
    for (std::size_t i = 0; i < learnersTimed.size(); ++i)
    {
        const std::string& learner = learnersTimed[i];
        auto sideA = [&] { timed(a, [&] { sink += store.progress->progress(learner, skillCode).levels.size(); }); };
        auto sideB = [&] {
            if (!baseline) return;
            timed(b, [&] { rowsRead += baseline->rows(learner, skillCode); });
            Latencies attained;
            timed(attained, [&] { sink += baseline->attainments(learner, skillCode); });
            b2.add(b.wall.back() + attained.wall.back(), b.cpu.back() + attained.cpu.back(),
                   b.switched.back() || attained.switched.back());
        };
        if (i % 2 == 0)
        {
            sideA();
            sideB();
        }
        else
        {
            sideB();
            sideA();
        }
    }

    std::printf("\nlatency of one query, microseconds (%zu learners, %.1f rows each on average):\n", options.queries,
                baseline ? static_cast<double>(rowsRead) / static_cast<double>(options.queries) : 0.0);
    std::printf("%-44s %8s %8s %8s %9s   %8s %8s   %8s %8s %8s\n", "", "median", "p90", "p99", "max", "cpu med",
                "cpu p99", "switched", "calm med", "calm p99");
    printLatencies("A  ProgressService::progress(learner, CSMG)", a);
    if (baseline)
    {
        printLatencies("B  raw sqlite3: the rows query", b);
        printLatencies("B2 raw sqlite3: rows + attainments queries", b2);
        using P = Latencies;
        const double p99a = P::percentile(a.wall, 0.99), p99b = P::percentile(b.wall, 0.99);
        const double meda = P::percentile(a.wall, 0.5), medb = P::percentile(b.wall, 0.5);
        const double calmA = P::percentile(a.undisturbed(), 0.99), calmB = P::percentile(b.undisturbed(), 0.99);
        std::printf("\nA/B by wall time: p99 %.2f, median %.2f;  by CPU time: p99 %.2f, median %.2f;"
                    "  calm p99 %.2f\n",
                    p99a / p99b, meda / medb, P::percentile(a.cpu, 0.99) / P::percentile(b.cpu, 0.99),
                    P::percentile(a.cpu, 0.5) / P::percentile(b.cpu, 0.5), calmA / calmB);
        std::printf("A/B2 by wall time: p99 %.2f, median %.2f\n", p99a / P::percentile(b2.wall, 0.99),
                    meda / P::percentile(b2.wall, 0.5));
        std::printf("goal p99(A) <= 1 ms:        %-7s (wall %.0f us; CPU %.0f us; calm %.0f us)\n",
                    p99a <= 1000 ? "met" : "NOT met", p99a, P::percentile(a.cpu, 0.99), calmA);
        std::printf("goal p99(A) <= 2 x p99(B):  %-7s (wall %.2f x; CPU %.2f x; calm %.2f x)\n",
                    p99a <= 2 * p99b ? "met" : "NOT met", p99a / p99b,
                    P::percentile(a.cpu, 0.99) / P::percentile(b.cpu, 0.99), calmA / calmB);
    }
    else
    {
        const double p99a = Latencies::percentile(a.wall, 0.99);
        std::printf("goal p99(A) <= 1 ms: %s (wall %.0f us; CPU %.0f us; calm %.0f us)\n",
                    p99a <= 1000 ? "met" : "NOT met", p99a, Latencies::percentile(a.cpu, 0.99),
                    Latencies::percentile(a.undisturbed(), 0.99));
    }
    std::printf("(switched: share of queries during which the thread was switched out involuntarily; calm: the\n"
                " others. Goals are judged on wall time over all queries.)\n");
    std::printf("(load average now %s)\n", loadAverage().c_str());
    if (sink == 0) std::printf("(no levels read)\n");

    baseline.reset();
    store.close();
    if (temporary && !options.keep) Poco::File(dir).remove(true);
    else std::printf("\nstore kept at %s\n", path.c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    return sfe::bench::BenchMain::run("sfe-bench-progress", kUsage, argc, argv, parse, run);
}
