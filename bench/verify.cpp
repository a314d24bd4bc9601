//
// verify.cpp
//
// sfe-bench-verify: `audit verify` in entries per second over a store of N evidence records, run
// in-process (Runtime::call, one call) and as the real CLI in a child process (in parts, as users
// run it), next to `sha256sum` over the bytes verification hashes (every entry's content and link,
// every statement's body and signature), written to a file and hashed in the same run. See
// README-verify.md.
//

#include "BenchStore.h"
#include "ChildProcess.h"
#include "EventMix.h"
#include "MachineFacts.h"
#include "ProgressPopulation.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"
#include "sfe/store/LogCursor.h"
#include "sfe/store/StatementRepository.h"

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using sfe::bench::BenchStore;
using sfe::bench::call;
using sfe::bench::EventMix;
using sfe::bench::ProgressPopulation;

namespace {

const char* kUsage =
    "usage: sfe-bench-verify [--entries N] [--learners N] [--dir DIR] [--cli PATH] [--manifest PATH] [--repeat N]\n"
    "  --entries N        evidence records to record (default 200000); the log holds a little more (withdrawals,\n"
    "                     verifications)\n"
    "  --learners N       distinct learners (default 100000)\n"
    "  --dir DIR          where the store goes (default /tmp/sfe-bench-verify); a store made before for the\n"
    "                     same N is used as it is\n"
    "  --cli PATH, --manifest PATH   the CLI and manifest to time (default: this build's)\n"
    "  --repeat N         runs of each, the best is printed (default 3)\n";

struct Options
{
    std::size_t entries = 200000;
    std::size_t learners = 100000;
    std::string dir = "/tmp/sfe-bench-verify";
    std::string cli = SFE_CLI_PATH;
    std::string manifest = SFE_MANIFEST_PATH;
    int repeat = 3;
};

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value\n" + kUsage);
            return argv[++i];
        };
        if (arg == "--entries") o.entries = std::stoul(value());
        else if (arg == "--learners") o.learners = std::stoul(value());
        else if (arg == "--dir") o.dir = value();
        else if (arg == "--cli") o.cli = value();
        else if (arg == "--manifest") o.manifest = value();
        else if (arg == "--repeat") o.repeat = std::stoi(value());
        else if (arg == "--help" || arg == "-h")
        {
            std::cout << kUsage;
            std::exit(0);
        }
        else throw std::invalid_argument("unknown argument " + arg + "\n" + kUsage);
    }
    return o;
}

/// Imports the shipped definition, maps the mix's activities and records events until the store
/// holds `records` evidence records (with the usual shares verified and withdrawn).
void populate(const Options& options, const std::string& path)
{
    BenchStore store(path);
    store.populate(options.entries, options.learners);
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

/// Runs `argv` in a child process, its output to `output`; the wall time, its exit status and peak RSS.
struct Run
{
    double seconds = 0;
    double cpu = 0; ///< user + system seconds of the child
    int status = -1;
    long maxRssKiB = 0;
};

double cpuOf(const struct rusage& u)
{
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// This process's CPU seconds so far (user + system).
double cpuNow()
{
    struct rusage u
    {};
    ::getrusage(RUSAGE_SELF, &u);
    return cpuOf(u);
}

/// The runner (`sfe-bench-verify --measure RESULT PROGRAM ARGS...`): runs PROGRAM in a child and
/// writes its peak RSS (KiB) to RESULT. Linux keeps a process's peak across exec, so a child forked
/// from this benchmark after its in-process runs would start at the benchmark's peak (the 157 MiB
/// once printed for the CLI at 1M was that): the runner, a fresh small process, forks the measured one.
int measure(char** argv)
{
    sfe::bench::ChildProcess::Ended ended;
    if (!sfe::bench::ChildProcess::run(argv + 3, "", ended)) return 127;
    if (FILE* f = std::fopen(argv[2], "w"))
    {
        std::fprintf(f, "%ld\n", ended.usage.ru_maxrss);
        std::fclose(f);
    }
    return ended.status;
}

Run runChild(const std::vector<std::string>& measured, const std::string& output)
{
    char self[4096] = {};
    if (::readlink("/proc/self/exe", self, sizeof self - 1) <= 0)
        throw std::runtime_error("cannot read /proc/self/exe");
    const std::string rssFile = output + ".rss";
    std::vector<std::string> args{self, "--measure", rssFile};
    args.insert(args.end(), measured.begin(), measured.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    sfe::bench::ChildProcess::Ended ended;
    if (!sfe::bench::ChildProcess::run(argv.data(), output, ended)) throw std::runtime_error("wait4 failed");
    Run run;
    run.seconds = ended.seconds;
    if (FILE* f = std::fopen(rssFile.c_str(), "r"))
    {
        if (std::fscanf(f, "%ld", &run.maxRssKiB) != 1) run.maxRssKiB = 0;
        std::fclose(f);
    }
    run.cpu = cpuOf(ended.usage);
    run.status = ended.status;
    return run;
}

/// Writes what verification hashes to `path`: each entry's content and the link input (prev_hash
/// followed by content_sha256), each statement's body and signature. Returns the bytes written.
long long writeHashedBytes(sfe::store::Database& db, const std::string& path)
{
    std::ofstream out(path, std::ios::binary);
    long long bytes = 0;
    {
        sfe::store::LogCursor cursor(db, 1, sfe::store::LogCursor::lastSeq(db));
        sfe::store::LogRow row;
        while (cursor.next(row))
        {
            out << row.entry.content << row.entry.prevHash << row.entry.contentSha256;
            bytes += static_cast<long long>(row.entry.content.size() + 128);
        }
    }
    sfe::store::StatementRepository statements(db);
    for (long long after = 0;;)
    {
        const auto page = statements.list(std::nullopt, std::nullopt, after, 5000);
        if (page.empty()) break;
        for (const auto& s : page)
        {
            out << s.body << s.signature.value_or("");
            bytes += static_cast<long long>(s.body.size() + s.signature.value_or("").size());
        }
        after = page.back().seq;
    }
    return bytes;
}

int run(const Options& options)
{
    Poco::File(options.dir).createDirectories();
    const std::string path = Poco::Path(options.dir, "verify-" + std::to_string(options.entries) + ".db").toString();
    const bool made = !Poco::File(path).exists();
    std::printf(
        "sfe-bench-verify: %zu records over %zu learners; machine: %s, %u cores, load %s; SQLite %s; build %s\n",
        options.entries, options.learners, sfe::bench::cpuModel().c_str(), std::thread::hardware_concurrency(),
        sfe::bench::loadAverage().c_str(), sqlite3_libversion(), SFE_BUILD_TYPE);
    std::printf("store %s (%s)\n", path.c_str(), made ? "new" : "reused as it is");
    std::fflush(stdout);
    if (made) populate(options, path);

    // 1. In-process: one audit.verify call through Runtime::call (the whole log, the store check included).
    long long entries = 0;
    double inProcess = 1e99, inProcessCpu = 1e99, storeCheck = 1e99, entriesOnly = 1e99, rest = 1e99;
    double storeCheckCpu = 1e99, storeFull = 1e99, storeFullCpu = 1e99, entriesCpu = 1e99, restCpu = 1e99;
    const std::string hashed = path + ".hashed";
    long long hashedBytes = 0;
    {
        BenchStore store(path);
        sfe::runtime::Runtime& runtime = *store.runtime;
        for (int i = 0; i < options.repeat; ++i)
        {
            auto started = std::chrono::steady_clock::now();
            const double cpuStarted = cpuNow();
            auto r = call(runtime, "audit.verify", "{}");
            inProcess = std::min(inProcess, seconds(started));
            inProcessCpu = std::min(inProcessCpu, cpuNow() - cpuStarted);
            entries = r->getValue<long long>("entries");
            if (!r->getValue<bool>("ok"))
                throw std::runtime_error("the store does not verify: " + sfe::presenter::toJson(r));
            // The parts alone, wall and CPU: the store check (a part with no entries), the default
            // (quick_check) and the full one (integrity_check, the default before), the entries (chain,
            // records, the statements they bind, checkpoints), then the rest.
            auto timed = [&](const std::string& request, double& wall, double& cpu) {
                const auto began = std::chrono::steady_clock::now();
                const double cpuBegan = cpuNow();
                auto response = call(runtime, "audit.verify", request);
                wall = std::min(wall, seconds(began));
                cpu = std::min(cpu, cpuNow() - cpuBegan);
                return response;
            };
            timed(R"({"from":1,"to":0,"store":true})", storeCheck, storeCheckCpu);
            timed(R"({"from":1,"to":0,"store":true,"storeCheck":"full"})", storeFull, storeFullCpu);
            auto part = timed("{\"from\":1,\"to\":" + std::to_string(entries) + "}", entriesOnly, entriesCpu);
            timed("{\"from\":" + std::to_string(entries + 1) + ",\"rest\":true,\"boundBefore\":" +
                      std::to_string(part->getValue<long long>("statementsBound")) + "}",
                  rest, restCpu);
        }
        hashedBytes = writeHashedBytes(runtime.database(), hashed);
    }

    // 2. The CLI, in parts with a progress bar (not drawn: stderr is no terminal here), as users run it:
    // its default (parts side by side, one per core, at most 2) and one part at a time (--jobs 1).
    struct CliTiming
    {
        const char* label;
        std::vector<std::string> extra;
        double wall = 1e99, cpu = 1e99;
        Run last;
    };
    std::vector<CliTiming> clis(2);
    clis[0].label = "sfia-evidence audit verify (CLI, default --jobs)";
    clis[1].label = "sfia-evidence audit verify (CLI, --jobs 1)";
    clis[1].extra = {"--jobs", "1"};
    for (int i = 0; i < options.repeat; ++i)
        for (auto& c : clis)
        {
            std::vector<std::string> args{options.cli, "--manifest", options.manifest, "--db",
                                          path,        "audit",      "verify",         "--json"};
            args.insert(args.end(), c.extra.begin(), c.extra.end());
            c.last = runChild(args, path + ".cli.json");
            if (c.last.status != 0)
                throw std::runtime_error("the CLI's audit verify exited " + std::to_string(c.last.status));
            c.wall = std::min(c.wall, c.last.seconds);
            c.cpu = std::min(c.cpu, c.last.cpu);
        }

    // 3. The baseline: sha256sum over the same bytes (read from the page cache: it was just written).
    double sum = 1e99, sumCpu = 1e99;
    for (int i = 0; i < options.repeat; ++i)
    {
        const Run r = runChild({"sha256sum", hashed}, hashed + ".sum");
        if (r.status != 0) throw std::runtime_error("sha256sum exited " + std::to_string(r.status));
        sum = std::min(sum, r.seconds);
        sumCpu = std::min(sumCpu, r.cpu);
    }
    Poco::File(hashed).remove();

    const double n = static_cast<double>(entries);
    std::printf("\n%lld log entries; verification hashes %.1f MiB (entries' content and links, statements' bodies and"
                " signatures)\n",
                entries, static_cast<double>(hashedBytes) / (1 << 20));
    // Wall time on this machine as it is, and CPU time (user + system): entries per CPU second is
    // the one-core figure, whatever else the machine runs.
    std::printf("  %-52s %9s %12s %9s %14s\n", "", "seconds", "entries/s", "CPU s", "entries/CPU s");
    auto line = [n](const char* what, double wall, double cpu) {
        if (cpu > 0) std::printf("  %-52s %9.2f %12.0f %9.2f %14.0f\n", what, wall, n / wall, cpu, n / cpu);
        else std::printf("  %-52s %9.2f %12.0f %9s %14s\n", what, wall, n / wall, "", "");
    };
    line("audit.verify in-process (Runtime::call, one call)", inProcess, inProcessCpu);
    for (const auto& c : clis)
    {
        line(c.label, c.wall, c.cpu);
        std::printf("  %-52s peak RSS %ld MiB\n", "", c.last.maxRssKiB / 1024);
    }
    line("  parts: the store check (quick_check, the default)", storeCheck, storeCheckCpu);
    line("  parts: the store check, full (integrity_check)", storeFull, storeFullCpu);
    line("  parts: the entries (chain, records, statements)", entriesOnly, entriesCpu);
    line("  parts: the rest (rows no entry names)", rest, restCpu);
    line("sha256sum over the same bytes (baseline)", sum, sumCpu);
    std::printf("  %-52s %.0f MiB/s\n", "", static_cast<double>(hashedBytes) / (1 << 20) / sum);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 3 && std::string(argv[1]) == "--measure") return measure(argv);
    try
    {
        return run(parse(argc, argv));
    }
    catch (const std::exception& e)
    {
        std::cerr << "sfe-bench-verify: " << e.what() << '\n';
        return 1;
    }
}
