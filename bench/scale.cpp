//
// scale.cpp
//
// sfe-bench-scale: the store's bytes per evidence record, and the peak resident memory of each
// listing run as the real CLI in a child process (audit export, statements --json, evidence --json,
// evidence, privacy export, replay) over a store of N records, next to the floor: the peak of
// `show` on the same store (the CLI and the plugin loaded, nothing listed). With --old-cli, the
// same listings by another build of the CLI (the code before paging), side by side. See
// README-scale.md.
//

#include "BenchStore.h"
#include "ChildProcess.h"
#include "EventMix.h"
#include "MachineFacts.h"
#include "ProgressPopulation.h"

#include "sfe/presenter/Json.h"
#include "sfe/runtime/Runtime.h"

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using sfe::bench::BenchStore;
using sfe::bench::EventMix;
using sfe::bench::ProgressPopulation;

namespace {

const char* kUsage =
    "usage: sfe-bench-scale [--records N] [--learners N] [--replay N] [--dir DIR] [--cli PATH] [--manifest PATH]\n"
    "                       [--old-cli PATH --old-manifest PATH] [--only NAME,...] [--keep]\n"
    "  --records N        evidence records in the store (default 200000)\n"
    "  --learners N       distinct learners (default 100000)\n"
    "  --replay N         events in the file `replay` records into a copy of the store (default 100000)\n"
    "  --dir DIR          where the store goes (default /var/tmp/sfe-bench-scale); a store of N records\n"
    "                     found there (scale-N.db) is used as it is, else made and kept with --keep\n"
    "  --cli, --manifest  the CLI measured and its plugin manifest (default: this build's)\n"
    "  --old-cli, --old-manifest  another build's CLI and manifest, measured on the same store beside it\n"
    "  --only NAMES       only these listings (show,statements-json,evidence-json,evidence,audit-export,\n"
    "                     privacy-export,replay)\n"
    "  --keep             keep a store made by this run\n";

struct Options
{
    std::size_t records = 200000;
    std::size_t learners = 100000;
    std::size_t replay = 100000;
    std::string dir = "/var/tmp/sfe-bench-scale";
    std::string cli = SFE_CLI_PATH;
    std::string manifest = SFE_MANIFEST_PATH;
    std::string oldCli, oldManifest;
    std::string only;
    bool keep = false;
};

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        auto count = [&]() { return static_cast<std::size_t>(std::stoull(value())); };
        if (arg == "--records") o.records = count();
        else if (arg == "--learners") o.learners = count();
        else if (arg == "--replay") o.replay = count();
        else if (arg == "--dir") o.dir = value();
        else if (arg == "--cli") o.cli = value();
        else if (arg == "--manifest") o.manifest = value();
        else if (arg == "--old-cli") o.oldCli = value();
        else if (arg == "--old-manifest") o.oldManifest = value();
        else if (arg == "--only") o.only = "," + value() + ",";
        else if (arg == "--keep") o.keep = true;
        else if (arg == "--help" || arg == "-h")
        {
            std::cout << kUsage;
            std::exit(0);
        }
        else throw std::invalid_argument("unknown argument " + arg + "\n" + kUsage);
    }
    if (o.oldCli.empty() != o.oldManifest.empty()) throw std::invalid_argument("--old-cli needs --old-manifest");
    return o;
}

/// Imports the shipped definition, maps the mix's activities and records events until the store
/// holds `records` evidence records; writes `replay` further events (new ids) to `eventsPath`.
void populate(const Options& options, const std::string& path, const std::string& eventsPath)
{
    BenchStore store(path);
    store.populate(options.records, options.learners);
    const sfe::store::StoredSkill* skill = store.definitions->current("CSMG");
    if (!skill) throw std::runtime_error("the imported skill CSMG is not current");

    EventMix other(skill->skill, 20, options.learners, 4242);
    std::ofstream events(eventsPath);
    std::size_t n = 0;
    for (const auto& batch : other.batches(options.replay, 1000))
    {
        Poco::JSON::Parser parser;
        auto array =
            parser.parse(EventMix::recordRequest(batch)).extract<Poco::JSON::Object::Ptr>()->getArray("events");
        for (std::size_t i = 0; i < array->size(); ++i)
        {
            auto event = array->getObject(static_cast<unsigned>(i));
            event->set("eventId", "replay-" + std::to_string(++n));
            events << sfe::presenter::toJson(event) << '\n';
        }
    }
}

long long fileSize(const std::string& path)
{
    Poco::File f(path);
    return f.exists() ? static_cast<long long>(f.getSize()) : 0;
}

struct Run
{
    long maxRssKiB = 0;
    double seconds = 0;
    int status = -1;
    long long outputBytes = 0;
};

/// The runner (`sfe-bench-scale --measure OUTPUT PROGRAM ARGS...`): runs PROGRAM in a child, its
/// standard output to OUTPUT, and prints "status maxrss-KiB seconds". Linux keeps a process's peak
/// across exec, so a child forked from this benchmark after populating would start at its peak: the
/// runner, a fresh small process, forks the measured one.
int measure(int argc, char** argv)
{
    sfe::bench::ChildProcess::Ended ended;
    if (!sfe::bench::ChildProcess::run(argv + 3, argv[2], ended)) return 1;
    std::printf("%d %ld %.3f\n", ended.status, ended.usage.ru_maxrss, ended.seconds);
    (void)argc;
    return 0;
}

/// Runs the CLI with `args` through the runner (measure()), its output to `output`.
Run runCli(const std::string& cli, const std::string& manifest, const std::string& db,
           const std::vector<std::string>& args, const std::string& output)
{
    char self[4096] = {};
    if (::readlink("/proc/self/exe", self, sizeof self - 1) <= 0)
        throw std::runtime_error("cannot read /proc/self/exe");
    std::string command = std::string("'") + self + "' --measure '" + output + "' '" + cli + "' --manifest '" +
                          manifest + "' --db '" + db + "'";
    for (const auto& a : args) command += " '" + a + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    Run run;
    if (std::fscanf(pipe, "%d %ld %lf", &run.status, &run.maxRssKiB, &run.seconds) != 3) run.status = -1;
    ::pclose(pipe);
    run.outputBytes = fileSize(output);
    return run;
}

void copyFile(const std::string& from, const std::string& to)
{
    if (Poco::File(to).exists()) Poco::File(to).remove(false);
    Poco::File(from).copyTo(to);
}

int run(const Options& options)
{
    Poco::File(options.dir).createDirectories();
    const std::string path = Poco::Path(options.dir, "scale-" + std::to_string(options.records) + ".db").toString();
    const std::string eventsPath = path + ".events.jsonl";
    const bool made = !Poco::File(path).exists();
    std::printf("sfe-bench-scale: %zu records over %zu learners; machine: %s, %u cores, load %s; SQLite %s; build %s\n",
                options.records, options.learners, sfe::bench::cpuModel().c_str(), std::thread::hardware_concurrency(),
                sfe::bench::loadAverage().c_str(), sqlite3_libversion(), SFE_BUILD_TYPE);
    std::printf("store %s (%s)\n", path.c_str(), made ? "new" : "reused as it is");
    std::fflush(stdout);
    if (made) populate(options, path, eventsPath);

    // Bytes per record: the file, and each table and index (SQLite's dbstat).
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot open " + path);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    long long records = 0;
    std::string busiest;
    {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM evidence", -1, &s, nullptr);
        if (sqlite3_step(s) == SQLITE_ROW) records = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        sqlite3_prepare_v2(db, "SELECT learner FROM evidence GROUP BY learner ORDER BY COUNT(*) DESC LIMIT 1", -1, &s,
                           nullptr);
        if (sqlite3_step(s) == SQLITE_ROW) busiest = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    const long long bytes = fileSize(path) + fileSize(path + "-wal");
    std::printf("\nbytes per evidence record: %.0f (file %.1f MiB / %lld records)\n",
                static_cast<double>(bytes) / static_cast<double>(records), static_cast<double>(bytes) / (1 << 20),
                records);
    sqlite3_stmt* stat = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC", -1, &stat,
                           nullptr) == SQLITE_OK)
    {
        std::printf("  %-40s %14s %10s\n", "table or index", "bytes", "per record");
        while (sqlite3_step(stat) == SQLITE_ROW)
        {
            const long long size = sqlite3_column_int64(stat, 1);
            if (size * 100 < bytes) continue; // under 1 %
            std::printf("  %-40s %14lld %10.0f\n", reinterpret_cast<const char*>(sqlite3_column_text(stat, 0)), size,
                        static_cast<double>(size) / static_cast<double>(records));
        }
    }
    else std::printf("  (dbstat not compiled into this SQLite: no per-table figures)\n");
    sqlite3_finalize(stat);
    sqlite3_close(db);

    struct Listing
    {
        std::string name;
        std::vector<std::string> args;
    };
    const std::string bundle = Poco::Path(options.dir, "bundle").toString();
    const std::vector<Listing> listings{
        {"show", {"show", "CSMG"}},
        {"statements-json", {"statements", "--json"}},
        {"evidence-json", {"evidence", "--json"}},
        {"evidence", {"evidence"}},
        {"audit-export", {"audit", "export", bundle}},
        {"privacy-export", {"privacy", "export", "--learner", busiest}},
        {"replay", {"replay", eventsPath}},
    };
    struct Cli
    {
        std::string label, cli, manifest;
    };
    std::vector<Cli> clis{{"this build", options.cli, options.manifest}};
    if (!options.oldCli.empty()) clis.push_back({"--old-cli", options.oldCli, options.oldManifest});

    std::printf("\npeak RSS of each listing, the CLI as a child process (wait4 ru_maxrss); `show` is the floor:\n");
    std::printf("  %-16s", "listing");
    for (const auto& c : clis)
        std::printf(" | %-12s %10s %9s %12s", c.label.c_str(), "peak MiB", "seconds", "output MiB");
    std::printf("\n");
    const std::string output = Poco::Path(options.dir, "listing.out").toString();
    const std::string copy = path + ".copy";
    for (const auto& listing : listings)
    {
        if (!options.only.empty() && options.only.find("," + listing.name + ",") == std::string::npos) continue;
        std::printf("  %-16s", listing.name.c_str());
        std::fflush(stdout);
        for (const auto& c : clis)
        {
            std::string store = path;
            if (listing.name == "replay")
            {
                copyFile(path, copy); // the events go into a copy, so the store stays as populated
                if (Poco::File(path + "-wal").exists()) copyFile(path + "-wal", copy + "-wal");
                store = copy;
            }
            if (listing.name == "audit-export" && Poco::File(bundle).exists()) Poco::File(bundle).remove(true);
            const Run r = runCli(c.cli, c.manifest, store, listing.args, output);
            std::printf(
                " | %-12s %10.1f %9.1f %12.1f%s", r.status == 0 ? "ok" : ("exit " + std::to_string(r.status)).c_str(),
                static_cast<double>(r.maxRssKiB) / 1024, r.seconds, static_cast<double>(r.outputBytes) / (1 << 20), "");
            std::fflush(stdout);
            if (listing.name == "replay")
                for (const auto& p : {copy, copy + "-wal", copy + "-shm"})
                    if (Poco::File(p).exists()) Poco::File(p).remove(false);
            if (listing.name == "audit-export" && Poco::File(bundle).exists()) Poco::File(bundle).remove(true);
        }
        std::printf("\n");
    }
    Poco::File(output).remove(false);
    if (made && !options.keep)
    {
        for (const auto& p : {path, path + "-wal", path + "-shm", eventsPath})
            if (Poco::File(p).exists()) Poco::File(p).remove(false);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 3 && std::string(argv[1]) == "--measure") return measure(argc, argv);
    try
    {
        return run(parse(argc, argv));
    }
    catch (const std::exception& e)
    {
        std::cerr << "sfe-bench-scale: " << e.what() << '\n';
        return 1;
    }
}
