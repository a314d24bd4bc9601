//
// writers.cpp
//
// Benchmark: LMS events recorded by 1, 2, 4 and 8 writer processes at once on one store, SQLite and
// PostgreSQL, each process loading the plugin module with dlopen() and talking to it through the C
// door (sfe.h) as a non-C++ LMS would. The baseline, measured in the same run, is one process.
// See bench/README-writers.md.
//

#include "BenchMain.h"
#include "MachineFacts.h"
#include "Stopwatch.h"

#include "sfe.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using sfe::bench::BenchMain;
using sfe::bench::cpuModel;
using sfe::bench::loadAverage;
using sfe::bench::Stopwatch;

using Clock = std::chrono::steady_clock;

const char* const kUsage =
    "usage: sfe-bench-writers [--events N] [--procs LIST] [--rounds N] [--learners N] [--activities N]\n"
    "                         [--plugin PATH] [--pg CONNINFO] [--no-sqlite] [--busy-timeout-ms N]\n"
    "                         [--timeout-s N] [--dir DIR] [--keep]\n"
    "  --events N          events recorded per run, one per `record` call, split evenly over the writer\n"
    "                      processes: the same events for every process count (default 4000)\n"
    "  --procs LIST        writer process counts, comma-separated; the first is the baseline (default 1,2,4,8)\n"
    "  --rounds N          run every store and count N times on fresh stores; the median rate counts,\n"
    "                      latencies are pooled over the rounds (default 1)\n"
    "  --learners N        distinct learners (default 500)\n"
    "  --activities N      mapped LMS activities (default 20)\n"
    "  --plugin PATH       the plugin module each writer dlopen()s (default: this build's)\n"
    "  --pg CONNINFO       also run on PostgreSQL: an admin connection (libpq key=value or URI) that may\n"
    "                      CREATE and DROP DATABASE; each run gets a fresh database (default $SFE_BENCH_PG)\n"
    "  --no-sqlite         PostgreSQL only\n"
    "  --busy-timeout-ms N store.busy_timeout_ms for the writers (default: the plugin's default)\n"
    "  --timeout-s N       a writer still running after N s is killed and its calls count as failed (default 900)\n"
    "  --dir DIR           where SQLite stores and the writers' reports go (default: a new temporary folder)\n"
    "  --keep              keep that folder and the PostgreSQL databases\n";

struct Options
{
    std::size_t events = 4000;
    std::vector<std::size_t> procs{1, 2, 4, 8};
    std::size_t rounds = 1;
    std::size_t learners = 500;
    std::size_t activities = 20;
    std::string plugin = SFE_PLUGIN_PATH;
    std::string pg;
    bool sqlite = true;
    long busyTimeoutMs = -1; // -1: the plugin's default
    unsigned timeoutS = 900;
    std::string dir;
    bool keep = false;
};

Options parse(int argc, char** argv)
{
    Options o;
    if (const char* pg = std::getenv("SFE_BENCH_PG")) o.pg = pg;
    auto value = [&](int& i) -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(std::string(argv[i]) + " needs a value");
        return argv[++i];
    };
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--events") o.events = BenchMain::wholeNumber(arg, value(i));
        else if (arg == "--procs")
        {
            o.procs.clear();
            std::stringstream list(value(i));
            std::string item;
            while (std::getline(list, item, ',')) o.procs.push_back(BenchMain::wholeNumber(arg, item));
            if (o.procs.empty()) throw std::invalid_argument("--procs: empty list");
        }
        else if (arg == "--rounds") o.rounds = BenchMain::wholeNumber(arg, value(i));
        else if (arg == "--learners") o.learners = BenchMain::wholeNumber(arg, value(i));
        else if (arg == "--activities") o.activities = BenchMain::wholeNumber(arg, value(i));
        else if (arg == "--plugin") o.plugin = value(i);
        else if (arg == "--pg") o.pg = value(i);
        else if (arg == "--no-sqlite") o.sqlite = false;
        else if (arg == "--busy-timeout-ms")
        {
            const std::string text = value(i);
            o.busyTimeoutMs = text == "0" ? 0 : static_cast<long>(BenchMain::wholeNumber(arg, text));
        }
        else if (arg == "--timeout-s") o.timeoutS = static_cast<unsigned>(BenchMain::wholeNumber(arg, value(i)));
        else if (arg == "--dir") o.dir = value(i);
        else if (arg == "--keep") o.keep = true;
        else if (arg == "--help" || arg == "-h")
        {
            std::cout << kUsage;
            std::exit(0);
        }
        else throw std::invalid_argument("unknown option '" + arg + "'");
    }
    if (!o.sqlite && o.pg.empty()) throw std::invalid_argument("--no-sqlite without --pg: nothing to run");
    for (std::size_t n : o.procs)
        if (n > o.events) throw std::invalid_argument("--procs: more writers than --events");
    return o;
}

// ---------------------------------------------------------------------------------------------
// The C door, loaded as an LMS loads it.

struct Door
{
    void* library = nullptr;
    int (*abiVersion)() = nullptr;
    const char* (*libVersion)() = nullptr;
    int (*open)(const char*, const sfe_host*, sfe_plugin**, char**) = nullptr;
    int (*call)(sfe_plugin*, const char*, const char*, char**) = nullptr;
    const char* (*errmsg)(sfe_plugin*) = nullptr;
    const char* (*errstr)(int) = nullptr;
    void (*free)(void*) = nullptr;
    void (*close)(sfe_plugin*) = nullptr;
};

template<typename F>
void bind(void* library, const char* symbol, F& function)
{
    void* address = dlsym(library, symbol);
    if (!address) throw std::runtime_error(std::string("dlsym ") + symbol + ": " + dlerror());
    function = reinterpret_cast<F>(address);
}

Door loadDoor(const std::string& path)
{
    Door d;
    d.library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!d.library) throw std::runtime_error(std::string("dlopen: ") + dlerror());
    bind(d.library, "sfe_abi_version", d.abiVersion);
    bind(d.library, "sfe_libversion", d.libVersion);
    bind(d.library, "sfe_open", d.open);
    bind(d.library, "sfe_call", d.call);
    bind(d.library, "sfe_errmsg", d.errmsg);
    bind(d.library, "sfe_errstr", d.errstr);
    bind(d.library, "sfe_free", d.free);
    bind(d.library, "sfe_close", d.close);
    if (d.abiVersion() != SFE_ABI_VERSION)
        throw std::runtime_error(path + " implements ABI " + std::to_string(d.abiVersion()) + ", this bench " +
                                 std::to_string(SFE_ABI_VERSION));
    return d;
}

/// Warnings and errors the plugin logs, through the host's log callback (as an LMS would see them).
struct LogTally
{
    std::size_t lines = 0;
    std::vector<std::string> first;
};

void logToTally(void* data, int level, const char* message)
{
    auto* tally = static_cast<LogTally*>(data);
    if (level > 4) return; // 1 fatal .. 4 warning
    ++tally->lines;
    if (tally->first.size() < 3) tally->first.push_back(message);
}

std::string jsonString(const std::string& s)
{
    std::string out = "\"";
    for (unsigned char c : s)
    {
        if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
        else if (c < 0x20)
        {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
        }
        else out += static_cast<char>(c);
    }
    return out + "\"";
}

/// Where a writer finds the store: the configuration sfe_open() gets.
struct Store
{
    std::string kind;   // sqlite | postgresql
    std::string target; // file path or libpq connection string
    long busyTimeoutMs = -1;

    std::string config() const
    {
        std::string json = "{\"log.level\":\"warning\",\"lrs.background\":\"false\"";
        if (kind == "sqlite") json += ",\"store.path\":" + jsonString(target);
        else json += ",\"store.connector\":\"postgresql\",\"store.url\":" + jsonString(target);
        if (busyTimeoutMs >= 0) json += ",\"store.busy_timeout_ms\":\"" + std::to_string(busyTimeoutMs) + "\"";
        return json + "}";
    }
};

sfe_plugin* openStore(const Door& door, const Store& store, const sfe_host* host)
{
    sfe_plugin* plugin = nullptr;
    char* message = nullptr;
    const int status = door.open(store.config().c_str(), host, &plugin, &message);
    if (status != SFE_OK)
    {
        const std::string text = message ? message : door.errstr(status);
        door.free(message);
        throw std::runtime_error("sfe_open: status " + std::to_string(status) + ": " + text);
    }
    return plugin;
}

// ---------------------------------------------------------------------------------------------
// The workload.

/// What the writers need to know of the prepared store: the mapped activities and the
/// responsibilities of the defined levels.
struct Workload
{
    std::vector<std::string> activities;
    std::vector<std::string> responsibilities;
};

std::string numbered(const char* prefix, std::size_t n, int width)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s%0*zu", prefix, width, n);
    return buffer;
}

std::uint64_t splitmix(std::uint64_t x)
{
    std::uint64_t z = x + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// Event number `g` of a run as a one-event `record` request. It depends on `g` alone, so every
/// process count records the same events; only who records which differs. The mix is the ingest
/// benchmark's (EventMix): 60% completions (half completed, the rest passed or failed by score,
/// with raw/min/max/scaled) of a mapped activity, 40% attestations of a responsibility by one of
/// 200 assessors (70% demonstrated, 20% partial, 10% not demonstrated; 30% with a note, 20% with
/// an evidence URL), each by one of `learners` learners, in the past, 7 s apart.
std::string eventRequest(const Workload& w, std::size_t learners, std::size_t g)
{
    std::uint64_t state = splitmix(0x5fe0000000000000ULL ^ g);
    auto pick = [&](std::size_t n) {
        state = splitmix(state);
        return static_cast<std::size_t>(state % n);
    };
    const std::time_t at = 1748764800 + static_cast<std::time_t>(g) * 7; // 2025-06-01T00:00:00Z on
    std::tm tm{};
    gmtime_r(&at, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S.000Z", &tm);

    std::string e = "{\"eventId\":\"" + numbered("writers-event-", g + 1, 9) + "\",\"learner\":\"" +
                    numbered("learner-", pick(learners) + 1, 6) + "\",\"at\":\"" + when + "\"";
    if (pick(10) < 6)
    {
        const std::string& activity = w.activities[pick(w.activities.size())];
        const std::size_t verb = pick(20);
        const std::size_t raw = pick(101);
        const char* verbName = verb < 10 ? "completed" : raw >= 60 ? "passed" : "failed";
        char score[96];
        std::snprintf(score, sizeof score, "{\"scaled\":%.2f,\"raw\":%zu,\"min\":0,\"max\":100}",
                      static_cast<double>(raw) / 100, raw);
        e += ",\"type\":\"completion\",\"activity\":" + jsonString(activity) + ",\"verb\":\"" + verbName +
             "\",\"score\":" + score;
    }
    else
    {
        const std::string& responsibility = w.responsibilities[pick(w.responsibilities.size())];
        const std::size_t outcome = pick(10);
        e += ",\"type\":\"attestation\",\"responsibility\":" + jsonString(responsibility) + ",\"assessor\":\"" +
             numbered("assessor-", pick(200) + 1, 3) + "\",\"outcome\":\"" +
             (outcome < 7   ? "demonstrated"
              : outcome < 9 ? "partial"
                            : "not-demonstrated") +
             "\"";
        if (pick(10) < 3)
            e += ",\"note\":" + jsonString("Im Kundengespräch am Servicedesk beobachtet: Anfrage aufgenommen, "
                                           "Lösung erklärt, Eskalation korrekt dokumentiert.");
        if (pick(10) < 2)
            e += ",\"evidenceUrl\":\"https://lms.example.org/files/evidence/" + std::to_string(g + 1) + ".pdf\"";
    }
    return "{\"events\":[" + e + "}]}";
}

Poco::JSON::Object::Ptr mustCall(const Door& door, sfe_plugin* plugin, const std::string& operation,
                                 const std::string& request)
{
    char* response = nullptr;
    const int status = door.call(plugin, operation.c_str(), request.c_str(), &response);
    const std::string text = response ? response : "";
    door.free(response);
    if (status != SFE_OK)
        throw std::runtime_error(operation + ": status " + std::to_string(status) + ": " + door.errmsg(plugin));
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

/// In a child process: imports the shipped CSMG definition and maps `activities` activities across
/// its defined levels as EventMix does (every third to one or two named responsibilities, every
/// fifth also to the level above). Writes the workload to `file`: "a ID" and "r ID" lines.
void prepare(const Options& options, const Store& store, const std::string& file)
{
    const Door door = loadDoor(options.plugin);
    sfe_plugin* plugin = openStore(door, store, nullptr);
    const auto imported =
        mustCall(door, plugin, "import",
                 "{\"path\":" + jsonString(std::string(SFE_SOURCE_DIR) + "/definitions/csmg.de.xml") + "}");
    const std::string code = imported->getArray("skills")->getElement<std::string>(0);
    const auto skill = mustCall(door, plugin, "show", "{\"code\":" + jsonString(code) + "}");
    struct Level
    {
        int number;
        std::vector<std::string> responsibilities;
    };
    std::vector<Level> defined;
    const auto levels = skill->getArray("levels");
    for (unsigned i = 0; i < levels->size(); ++i)
    {
        const auto level = levels->getObject(i);
        if (!level->getValue<bool>("defined")) continue;
        Level l{level->getValue<int>("number"), {}};
        const auto rs = level->getArray("responsibilities");
        for (unsigned k = 0; rs && k < rs->size(); ++k)
            l.responsibilities.push_back(rs->getObject(k)->getValue<std::string>("id"));
        if (!l.responsibilities.empty()) defined.push_back(l);
    }
    if (defined.empty()) throw std::runtime_error(code + " has no defined level");

    std::ofstream out(file);
    const char* const types[] = {"course", "module", "assessment", "task"};
    for (std::size_t i = 0; i < options.activities; ++i)
    {
        const std::string id = numbered("writers-activity-", i + 1, 3);
        const std::size_t first = i % defined.size();
        const std::size_t count = (i % 5 == 4 && first + 1 < defined.size()) ? 2 : 1;
        for (std::size_t k = 0; k < count; ++k)
        {
            const Level& level = defined[first + k];
            std::string request = "{\"activity\":\"" + id + "\",\"name\":\"Writers activity " + std::to_string(i + 1) +
                                  "\",\"type\":\"" + types[i % 4] + "\",\"skill\":" + jsonString(code) +
                                  ",\"level\":" + std::to_string(level.number);
            if (i % 3 == 0)
            {
                request += ",\"responsibilities\":[";
                for (std::size_t r = 0; r < level.responsibilities.size() && r < 1 + i % 2; ++r)
                    request += (r ? "," : "") + jsonString(level.responsibilities[r]);
                request += "]";
            }
            mustCall(door, plugin, "map", request + "}");
        }
        out << "a " << id << "\n";
    }
    for (const auto& level : defined)
        for (const auto& r : level.responsibilities) out << "r " << r << "\n";
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + file);
    door.close(plugin);
}

// ---------------------------------------------------------------------------------------------
// One writer process.

long long nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

/// CPU time of the calling thread, in nanoseconds.
long long threadCpuNs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<long long>(t.tv_sec) * 1000000000LL + t.tv_nsec;
}

/// The text on one line, runs of white space made one space, at most 300 characters.
std::string oneLine(const std::string& raw)
{
    std::string text;
    for (char c : raw)
    {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (!space) text += c;
        else if (!text.empty() && text.back() != ' ') text += ' ';
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (text.size() > 300) text = text.substr(0, 300) + "...";
    return text;
}

/// In a child process: records events [first, first + count) one per `record` call, after the
/// parent's go, and writes its report to `file`:
///   calls N / failed N / start NS / end NS / cpu S / logged N / status CODE COUNT /
///   message TEXT (first few) / log TEXT (first few) / then one "L NS" line per call.
/// A writer that cannot start reports "error TEXT".
void writer(const Options& options, const Store& store, const Workload& workload, std::size_t first, std::size_t count,
            int readyFd, int goFd, const std::string& file)
{
    std::ofstream out(file);
    LogTally tally;
    sfe_host host{SFE_ABI_VERSION, &tally, logToTally, nullptr};
    Door door;
    sfe_plugin* plugin = nullptr;
    std::vector<std::string> requests;
    try
    {
        door = loadDoor(options.plugin);
        plugin = openStore(door, store, &host);
        requests.reserve(count);
        for (std::size_t g = first; g < first + count; ++g)
            requests.push_back(eventRequest(workload, options.learners, g));
    }
    catch (const std::exception& e)
    {
        out << "error " << oneLine(e.what()) << "\n";
        out.flush();
        if (write(readyFd, "x", 1) < 0)
        {}
        return;
    }
    if (write(readyFd, "r", 1) != 1) return;
    close(readyFd);
    char c;
    while (read(goFd, &c, 1) < 0 && errno == EINTR)
    {} // EOF: go

    std::vector<long long> latencies, offCpu;
    std::vector<long> voluntary, involuntary; // context switches during each call
    latencies.reserve(count);
    offCpu.reserve(count);
    voluntary.reserve(count);
    involuntary.reserve(count);
    std::map<int, std::size_t> statuses;
    std::map<std::string, std::size_t> messages; // the first few distinct messages, with their counts
    std::size_t failed = 0;
    const double cpuBefore = Stopwatch::processCpu();
    const long long start = nowNs();
    long long end = start;
    for (const auto& request : requests)
    {
        char* response = nullptr;
        rusage before{}, after{};
        getrusage(RUSAGE_THREAD, &before);
        const long long cpu0 = threadCpuNs();
        const long long t0 = nowNs();
        const int status = door.call(plugin, "record", request.c_str(), &response);
        end = nowNs();
        const long long cpu1 = threadCpuNs();
        getrusage(RUSAGE_THREAD, &after);
        latencies.push_back(end - t0);
        offCpu.push_back(std::max(0LL, (end - t0) - (cpu1 - cpu0)));
        voluntary.push_back(after.ru_nvcsw - before.ru_nvcsw);
        involuntary.push_back(after.ru_nivcsw - before.ru_nivcsw);
        if (status != SFE_OK)
        {
            ++failed;
            ++statuses[status];
            const std::string message = "status " + std::to_string(status) + ": " + oneLine(door.errmsg(plugin));
            const auto known = messages.find(message);
            if (known != messages.end()) ++known->second;
            else if (messages.size() < 5) messages.emplace(message, 1);
        }
        door.free(response);
    }
    const double cpu = Stopwatch::processCpu() - cpuBefore;
    out << "calls " << latencies.size() << "\nfailed " << failed << "\nstart " << start << "\nend " << end << "\ncpu "
        << cpu << "\nlogged " << tally.lines << "\n";
    // The status's words come from the door (sfe_errstr): the parent never loads the plugin.
    for (const auto& [status, n] : statuses)
        out << "status " << status << " " << n << " " << door.errstr(status) << "\n";
    for (const auto& [m, n] : messages) out << "message " << n << " " << m << "\n";
    for (const auto& m : tally.first) out << "log " << oneLine(m) << "\n";
    for (std::size_t i = 0; i < latencies.size(); ++i)
        out << "L " << latencies[i] << " " << offCpu[i] << " " << voluntary[i] << " " << involuntary[i] << "\n";
    out.flush();
    door.close(plugin);
}

// ---------------------------------------------------------------------------------------------
// The parent: stores, runs, figures.

/// Sends this process's stderr (the plugin's, libpq's notices) to `file`.
void stderrTo(const std::string& file)
{
    std::fflush(stderr);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0)
    {
        dup2(fd, 2);
        ::close(fd);
    }
}

/// The distinct lines of `file`, with how often each came.
std::map<std::string, std::size_t> distinctLines(const std::string& file)
{
    std::map<std::string, std::size_t> lines;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line))
        if (!oneLine(line).empty()) ++lines[oneLine(line)];
    return lines;
}

/// Runs `body` in a child process; returns its wait status. Output is flushed first so the child
/// does not repeat the parent's buffered text. The child leaves with _exit: no parent destructors.
template<typename F>
int inChild(F body)
{
    std::fflush(stdout);
    std::cout.flush();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0)
    {
        int status = 0;
        try
        {
            body();
        }
        catch (const std::exception& e)
        {
            std::fprintf(stderr, "sfe-bench-writers [%d]: %s\n", static_cast<int>(getpid()), e.what());
            status = 1;
        }
        std::fflush(nullptr);
        _exit(status);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {}
    return status;
}

std::string describeExit(int status)
{
    if (WIFSIGNALED(status))
        return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
               strsignal(WTERMSIG(status)) + ")";
    return "exit status " + std::to_string(WEXITSTATUS(status));
}

struct RunResult
{
    std::size_t procs = 0;
    std::size_t events = 0;    ///< calls the run should make
    std::size_t calls = 0;     ///< calls made
    std::size_t succeeded = 0; ///< calls that returned SFE_OK
    std::size_t failed = 0;    ///< calls with status != SFE_OK, plus calls never made
    double wall = 0;           ///< from the go to the last writer's last call
    double cpu = 0;            ///< the writers' CPU time while recording (not the server's)
    std::size_t logged = 0;    ///< warnings and errors the plugin logged
    std::vector<long long> latencies;
    std::vector<long long> offCpu;  ///< per call: its wall time less the CPU time of the calling thread
    double offTotal = 0;            ///< off-CPU seconds over all calls
    std::size_t blockedCalls = 0;   ///< calls in which the thread blocked (a voluntary context switch)
    double offBlocked = 0;          ///< their off-CPU seconds
    std::size_t preemptedCalls = 0; ///< calls that did not block but were switched out involuntarily
    double offPreempted = 0;        ///< their off-CPU seconds
    std::map<int, std::size_t> statuses;
    std::map<int, std::string> statusTexts;      ///< each status's sfe_errstr, as the writers' door gave it
    std::map<std::string, std::size_t> messages; ///< distinct failure messages and how often each came
    std::string prepareError;
    double load = 0;       ///< 1-minute load average at the end
    double serverCpu = -1; ///< the PostgreSQL server's CPU seconds during the run, -1: not known
    double walMib = -1;    ///< SQLite: the size of the -wal file after the run, -1: none
    double rate() const { return wall > 0 ? static_cast<double>(succeeded) / wall : 0; }
};

double loadAverage1()
{
    std::ifstream in("/proc/loadavg");
    double one = 0;
    in >> one;
    return one;
}

std::string fileSystem(const std::string& dir)
{
    struct statfs fs
    {};
    if (statfs(dir.c_str(), &fs) != 0) return "unknown";
    switch (static_cast<unsigned long>(fs.f_type))
    {
        case 0x01021994UL:
            return "tmpfs";
        case 0xEF53UL:
            return "ext4";
        case 0x794c7630UL:
            return "overlayfs";
        case 0x58465342UL:
            return "xfs";
        case 0x9123683EUL:
            return "btrfs";
        default:
        {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "fs type 0x%lx", static_cast<unsigned long>(fs.f_type));
            return buffer;
        }
    }
}

/// Fields 3.. of /proc/PID/stat (after the command name), or nothing.
std::vector<std::string> procStat(const std::string& pid)
{
    std::ifstream in("/proc/" + pid + "/stat");
    std::string line;
    std::getline(in, line);
    const auto paren = line.rfind(')');
    std::vector<std::string> fields;
    if (paren == std::string::npos) return fields;
    std::istringstream rest(line.substr(paren + 1));
    std::string f;
    while (rest >> f) fields.push_back(f);
    return fields;
}

/// CPU seconds a local PostgreSQL server has used so far: the postmaster, the children it reaped
/// (backends that ended) and its live children (backends, WAL writer, checkpointer, ...).
double serverCpuSeconds(const std::string& postmaster)
{
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    const auto own = procStat(postmaster);
    if (own.size() < 15) return -1;
    double ticks = std::stod(own[11]) + std::stod(own[12]) + std::stod(own[13]) + std::stod(own[14]);
    if (DIR* proc = opendir("/proc"))
    {
        while (const dirent* entry = readdir(proc))
        {
            if (!std::isdigit(static_cast<unsigned char>(entry->d_name[0]))) continue;
            const auto child = procStat(entry->d_name);
            if (child.size() >= 13 && child[1] == postmaster) ticks += std::stod(child[11]) + std::stod(child[12]);
        }
        closedir(proc);
    }
    return ticks / tick;
}

/// A PostgreSQL server the bench may create and drop databases on.
class PgAdmin
{
public:
    explicit PgAdmin(const std::string& conninfo):
        _conninfo(conninfo)
    {
        PGconn* c = connect();
        _version = PQparameterStatus(c, "server_version") ? PQparameterStatus(c, "server_version") : "?";
        // A server on this machine: its postmaster, to count the server's CPU time (needs a role that
        // may read data_directory, and the data directory readable here).
        PGresult* r = PQexec(c, "SHOW data_directory");
        if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        {
            std::ifstream pidFile(std::string(PQgetvalue(r, 0, 0)) + "/postmaster.pid");
            std::string pid;
            if (std::getline(pidFile, pid) && !pid.empty() && procStat(pid).size() >= 15) _postmaster = pid;
        }
        PQclear(r);
        PQfinish(c);
        char* error = nullptr;
        PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
        if (!options)
        {
            const std::string text = error ? error : "cannot parse";
            PQfreemem(error);
            throw std::runtime_error("--pg: " + text);
        }
        for (PQconninfoOption* o = options; o->keyword; ++o)
            if (o->val && *o->val && std::string(o->keyword) != "dbname") _params.emplace_back(o->keyword, o->val);
        PQconninfoFree(options);
    }

    const std::string& version() const { return _version; }

    /// The server's CPU seconds so far, or -1 when it is not on this machine (or not visible).
    double cpuSeconds() const { return _postmaster.empty() ? -1 : serverCpuSeconds(_postmaster); }
    bool cpuVisible() const { return !_postmaster.empty(); }

    /// Host, port and user, for printing (never the password).
    std::string where() const
    {
        std::string text;
        for (const auto& [k, v] : _params)
            if (k == "host" || k == "hostaddr" || k == "port" || k == "user")
                text += (text.empty() ? "" : " ") + k + "=" + v;
        return text;
    }

    /// The connection string of database `name` on the same server, as the same user.
    std::string conninfo(const std::string& name) const
    {
        std::string text;
        auto quoted = [](const std::string& v) {
            std::string q = "'";
            for (char c : v)
            {
                if (c == '\'' || c == '\\') q += '\\';
                q += c;
            }
            return q + "'";
        };
        for (const auto& [k, v] : _params) text += k + "=" + quoted(v) + " ";
        return text + "dbname=" + quoted(name);
    }

    void create(const std::string& name) { exec("CREATE DATABASE " + name); }

    void drop(const std::string& name)
    {
        try
        {
            exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (const std::exception& e)
        {
            std::cerr << "sfe-bench-writers: " << e.what() << "\n";
        }
    }

private:
    PGconn* connect() const
    {
        PGconn* c = PQconnectdb(_conninfo.c_str());
        PQsetNoticeProcessor(
            c, [](void*, const char*) {}, nullptr); // "does not exist, skipping"
        if (PQstatus(c) != CONNECTION_OK)
        {
            const std::string text = PQerrorMessage(c);
            PQfinish(c);
            throw std::runtime_error("--pg: cannot connect: " + oneLine(text));
        }
        return c;
    }

    void exec(const std::string& sql) const
    {
        PGconn* c = connect();
        PGresult* r = PQexec(c, sql.c_str());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        const std::string text = ok ? "" : PQerrorMessage(c);
        PQclear(r);
        PQfinish(c);
        if (!ok) throw std::runtime_error(sql + ": " + oneLine(text));
    }

    std::string _conninfo;
    std::string _version;
    std::string _postmaster;
    std::vector<std::pair<std::string, std::string>> _params;
};

Workload readWorkload(const std::string& file)
{
    Workload w;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line))
    {
        if (line.rfind("a ", 0) == 0) w.activities.push_back(line.substr(2));
        else if (line.rfind("r ", 0) == 0) w.responsibilities.push_back(line.substr(2));
    }
    return w;
}

/// Reads a writer's report into `r`; `planned` calls were its share.
void readReport(const std::string& file, std::size_t planned, int exitStatus, RunResult& r, long long& start,
                long long& end)
{
    std::ifstream in(file);
    std::string key;
    std::size_t calls = 0, failed = 0;
    bool error = false;
    while (in >> key)
    {
        if (key == "L")
        {
            long long ns, off;
            long vol, invol;
            in >> ns >> off >> vol >> invol;
            r.latencies.push_back(ns);
            r.offCpu.push_back(off);
            const double offS = static_cast<double>(off) / 1e9;
            r.offTotal += offS;
            if (vol > 0)
            {
                ++r.blockedCalls;
                r.offBlocked += offS;
            }
            else if (invol > 0)
            {
                ++r.preemptedCalls;
                r.offPreempted += offS;
            }
            continue;
        }
        if (key == "calls") in >> calls;
        else if (key == "failed") in >> failed;
        else if (key == "start")
        {
            long long s;
            in >> s;
            start = std::min(start, s);
        }
        else if (key == "end")
        {
            long long e;
            in >> e;
            end = std::max(end, e);
        }
        else if (key == "cpu")
        {
            double c;
            in >> c;
            r.cpu += c;
        }
        else if (key == "logged")
        {
            std::size_t n;
            in >> n;
            r.logged += n;
        }
        else if (key == "status")
        {
            int s;
            std::size_t n;
            std::string text;
            in >> s >> n;
            std::getline(in, text);
            if (!text.empty() && text[0] == ' ') text.erase(0, 1);
            r.statuses[s] += n;
            r.statusTexts[s] = text;
        }
        else
        {
            std::size_t n = 1;
            if (key == "message") in >> n;
            std::string rest;
            std::getline(in, rest);
            if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
            if (key == "error") error = true;
            if (key == "message" || key == "error" || key == "log")
                r.messages[(key == "log" ? "logged: " : key == "error" ? "writer could not start: " : "") + rest] += n;
        }
    }
    r.succeeded += calls - std::min(calls, failed);
    if (error || calls < planned)
    {
        // Calls never made count as failed; say why when the writer did not say it.
        if (!error) ++r.messages["writer " + describeExit(exitStatus) + " after " + std::to_string(calls) + " calls"];
        failed += planned - std::min(planned, calls);
        r.statuses[-1] += planned - std::min(planned, calls);
    }
    r.calls += calls;
    r.failed += failed;
}

RunResult runOnce(const Options& options, const Store& store, const PgAdmin* server, std::size_t procs,
                  const std::string& dir, const std::string& tag)
{
    RunResult r;
    r.procs = procs;
    r.events = options.events;

    const std::string workloadFile = dir + "/" + tag + ".workload";
    const std::string prepareLog = dir + "/" + tag + ".prepare.stderr";
    const int prepared = inChild([&] {
        stderrTo(prepareLog);
        prepare(options, store, workloadFile);
    });
    if (!WIFEXITED(prepared) || WEXITSTATUS(prepared) != 0)
    {
        r.prepareError = "preparing the store failed (" + describeExit(prepared) + ")";
        for (const auto& [line, n] : distinctLines(prepareLog))
            r.prepareError += "\n    " + std::to_string(n) + "x " + line;
        r.failed = r.events;
        r.load = loadAverage1();
        return r;
    }
    const Workload workload = readWorkload(workloadFile);
    if (workload.activities.empty() || workload.responsibilities.empty())
        throw std::runtime_error(workloadFile + ": no activities or responsibilities");

    int ready[2], go[2];
    if (pipe(ready) != 0 || pipe(go) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    std::vector<pid_t> pids;
    std::vector<std::size_t> shares;
    std::vector<std::string> reports;
    std::size_t first = 0;
    std::fflush(stdout);
    std::cout.flush();
    for (std::size_t k = 0; k < procs; ++k)
    {
        const std::size_t count = options.events / procs + (k < options.events % procs ? 1 : 0);
        const std::string report = dir + "/" + tag + ".writer-" + std::to_string(k + 1);
        const pid_t pid = fork();
        if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
        if (pid == 0)
        {
            close(ready[0]);
            close(go[1]);
            stderrTo(report + ".stderr");
            alarm(options.timeoutS);
            int status = 0;
            try
            {
                writer(options, store, workload, first, count, ready[1], go[0], report);
            }
            catch (const std::exception& e)
            {
                std::fprintf(stderr, "sfe-bench-writers: writer %zu: %s\n", k + 1, e.what());
                status = 1;
            }
            std::fflush(nullptr);
            _exit(status);
        }
        pids.push_back(pid);
        shares.push_back(count);
        reports.push_back(report);
        first += count;
    }
    close(ready[1]);
    close(go[0]);
    // Wait until every writer has loaded the plugin, opened the store and built its requests (or
    // died), then let them all go at once by closing the go pipe.
    std::size_t readyCount = 0;
    char c;
    while (readyCount < procs)
    {
        const ssize_t n = read(ready[0], &c, 1);
        if (n == 1) ++readyCount;
        else if (n == 0 || errno != EINTR) break;
    }
    close(ready[0]);
    const double serverBefore = server ? server->cpuSeconds() : -1;
    const long long goNs = nowNs();
    close(go[1]);

    long long start = goNs, end = goNs;
    for (std::size_t k = 0; k < procs; ++k)
    {
        int status = 0;
        while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
        {}
        readReport(reports[k], shares[k], status, r, start, end);
        for (const auto& [line, n] : distinctLines(reports[k] + ".stderr")) r.messages["stderr: " + line] += n;
    }
    r.wall = static_cast<double>(end - goNs) / 1e9;
    const double serverAfter = server ? server->cpuSeconds() : -1;
    if (serverBefore >= 0 && serverAfter >= 0) r.serverCpu = serverAfter - serverBefore;
    r.load = loadAverage1();
    struct stat wal
    {};
    if (store.kind == "sqlite" && stat((store.target + "-wal").c_str(), &wal) == 0)
        r.walMib = static_cast<double>(wal.st_size) / (1024.0 * 1024.0);
    return r;
}

double percentileMs(std::vector<long long>& sorted, double p)
{
    if (sorted.empty()) return 0;
    std::size_t rank = static_cast<std::size_t>(p * static_cast<double>(sorted.size()) + 0.999999);
    rank = std::max<std::size_t>(1, std::min(rank, sorted.size()));
    return static_cast<double>(sorted[rank - 1]) / 1e6;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// All rounds of one store and process count.
struct Cell
{
    std::string store;
    std::size_t procs = 0;
    std::vector<RunResult> rounds;
};

void printTable(const std::vector<Cell>& cells, const Options& options)
{
    std::printf("\n%-10s %5s %6s %6s %7s %8s %6s | %-23s | %-13s | %9s %5s %5s\n", "", "", "", "", "", "", "",
                "call latency, ms", "off-CPU, ms", "", "", "");
    std::printf("%-10s %5s %6s %6s %7s %8s %6s | %7s %7s %7s | %6s %6s | %9s %5s %5s\n", "store", "procs", "events",
                "failed", "wall s", "events/s", "vs 1", "p50", "p99", "max", "p50", "p99", "CPU ms/ev", "cores",
                "load");
    std::map<std::string, double> baseline;
    for (const auto& cell : cells)
    {
        std::vector<double> rates;
        std::vector<long long> latencies, offCpu;
        std::size_t events = 0, failed = 0;
        double wall = 0, cpu = 0, load = 0;
        bool prepareFailed = false;
        for (const auto& r : cell.rounds)
        {
            rates.push_back(r.rate());
            latencies.insert(latencies.end(), r.latencies.begin(), r.latencies.end());
            offCpu.insert(offCpu.end(), r.offCpu.begin(), r.offCpu.end());
            events += r.events;
            failed += r.failed;
            wall += r.wall;
            cpu += r.cpu;
            load = std::max(load, r.load);
            prepareFailed = prepareFailed || !r.prepareError.empty();
        }
        const double rate = median(rates);
        if (cell.procs == options.procs.front()) baseline[cell.store] = rate;
        const double base = baseline.count(cell.store) ? baseline[cell.store] : 0;
        std::sort(latencies.begin(), latencies.end());
        std::sort(offCpu.begin(), offCpu.end());
        const std::size_t calls = latencies.size();
        char ratio[16] = "-";
        if (base > 0) std::snprintf(ratio, sizeof ratio, "%.2f", rate / base);
        std::printf("%-10s %5zu %6zu %6zu %7.2f %8.0f %6s | %7.2f %7.2f %7.1f | %6.2f %6.2f | %9.2f %5.2f %5.2f%s\n",
                    cell.store.c_str(), cell.procs, events, failed, wall / static_cast<double>(cell.rounds.size()),
                    rate, ratio, percentileMs(latencies, 0.50), percentileMs(latencies, 0.99),
                    calls ? static_cast<double>(latencies.back()) / 1e6 : 0.0, percentileMs(offCpu, 0.50),
                    percentileMs(offCpu, 0.99), calls ? cpu * 1000 / static_cast<double>(calls) : 0.0,
                    wall > 0 ? cpu / wall : 0.0, load, prepareFailed ? "  (store not prepared)" : "");
    }
}

/// Where the calls' off-CPU time went: calls that blocked (slept on the lock, waited for the disk or
/// the database server) against calls that only lost their core to another process.
void printOffCpu(const std::vector<Cell>& cells)
{
    std::printf("\noff-CPU time of the calls, by what the calling thread did (context switches during the call):\n");
    std::printf("%-10s %5s | %9s | %-26s | %-26s | %-9s | %s\n", "", "", "", "blocked (voluntary switch)",
                "preempted only", "server", "SQLite");
    std::printf("%-10s %5s | %9s | %7s %9s %8s | %7s %9s %8s | %9s | %s\n", "store", "procs", "off-CPU s", "calls",
                "off-CPU s", "ms/call", "calls", "off-CPU s", "ms/call", "CPU ms/ev", "WAL MiB after");
    for (const auto& cell : cells)
    {
        std::size_t blocked = 0, preempted = 0, calls = 0;
        double total = 0, offBlocked = 0, offPreempted = 0, server = 0, wal = -1;
        bool serverKnown = !cell.rounds.empty();
        for (const auto& r : cell.rounds)
        {
            calls += r.latencies.size();
            serverKnown = serverKnown && r.serverCpu >= 0;
            server += std::max(0.0, r.serverCpu);
            wal = std::max(wal, r.walMib);
            blocked += r.blockedCalls;
            preempted += r.preemptedCalls;
            total += r.offTotal;
            offBlocked += r.offBlocked;
            offPreempted += r.offPreempted;
        }
        const auto perCall = [](double s, std::size_t n) { return n ? s * 1000 / static_cast<double>(n) : 0.0; };
        char serverText[16] = "-";
        if (serverKnown && calls) std::snprintf(serverText, sizeof serverText, "%.2f", perCall(server, calls));
        char walText[16] = "-";
        if (wal >= 0) std::snprintf(walText, sizeof walText, "%.1f", wal);
        std::printf("%-10s %5zu | %9.2f | %7zu %9.2f %8.2f | %7zu %9.2f %8.2f | %9s | %s\n", cell.store.c_str(),
                    cell.procs, total, blocked, offBlocked, perCall(offBlocked, blocked), preempted, offPreempted,
                    perCall(offPreempted, preempted), serverText, walText);
    }
}

void printFailures(const std::vector<Cell>& cells)
{
    bool any = false;
    for (const auto& cell : cells)
        for (std::size_t i = 0; i < cell.rounds.size(); ++i)
        {
            const RunResult& r = cell.rounds[i];
            if (r.failed == 0 && r.messages.empty() && r.logged == 0 && r.prepareError.empty()) continue;
            if (!any)
                std::printf(
                    "\nfailures, logged warnings and stderr (distinct messages, at most 5 per writer, with counts):\n");
            any = true;
            std::printf("  %s, %zu proc%s, round %zu: %zu of %zu calls failed", cell.store.c_str(), cell.procs,
                        cell.procs == 1 ? "" : "s", i + 1, r.failed, r.events);
            const char* separator = " (";
            for (const auto& [status, n] : r.statuses)
            {
                if (status < 0) std::printf("%s%zu never made", separator, n);
                else std::printf("%s%zu status %d %s", separator, n, status, r.statusTexts.at(status).c_str());
                separator = ", ";
            }
            if (!r.statuses.empty()) std::printf(")");
            if (r.logged) std::printf("; %zu warning/error lines logged", r.logged);
            std::printf("\n");
            if (!r.prepareError.empty()) std::printf("    %s\n", r.prepareError.c_str());
            for (const auto& [m, n] : r.messages) std::printf("    %zux %s\n", n, m.c_str());
        }
}

void printGoals(const std::vector<Cell>& cells, const Options& options)
{
    std::printf("\n");
    std::map<std::string, std::pair<double, double>> firstLast;
    std::map<std::string, std::size_t> failed;
    for (const auto& cell : cells)
    {
        std::vector<double> rates;
        for (const auto& r : cell.rounds)
        {
            rates.push_back(r.rate());
            failed[cell.store] += r.failed;
        }
        if (cell.procs == options.procs.front()) firstLast[cell.store].first = median(rates);
        if (cell.procs == options.procs.back()) firstLast[cell.store].second = median(rates);
    }
    std::vector<std::string> stores;
    for (const auto& cell : cells)
        if (std::find(stores.begin(), stores.end(), cell.store) == stores.end()) stores.push_back(cell.store);
    for (const auto& store : stores)
    {
        const auto& rates = firstLast[store];
        const double ratio = rates.first > 0 ? rates.second / rates.first : 0;
        const bool met = ratio >= 0.8 && failed[store] == 0;
        std::printf("goal, %s: %zu processes at %.2f of the %zu-process rate (goal >= 0.80), %zu failed calls in all "
                    "runs (goal 0): %s\n",
                    store.c_str(), options.procs.back(), ratio, options.procs.front(), failed[store],
                    met ? "met" : "NOT met");
    }
}

int run(const Options& options)
{
    const bool temporary = options.dir.empty();
    std::string dir = options.dir;
    if (temporary)
    {
        char pattern[] = "/tmp/sfe-bench-writers-XXXXXX";
        if (!mkdtemp(pattern)) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
        dir = pattern;
    }
    else if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
        throw std::runtime_error("cannot create " + dir + ": " + std::strerror(errno));

    std::unique_ptr<PgAdmin> pg;
    // Removes the folder (unless kept) and any PostgreSQL database left, also when a run throws.
    // Writer processes never run it: they leave with _exit.
    struct Cleanup
    {
        bool keepFiles;
        bool keepDatabases;
        std::string dir;
        PgAdmin* pg = nullptr;
        std::vector<std::string> databases;
        ~Cleanup()
        {
            for (const auto& d : databases)
                if (keepDatabases) std::printf("database kept: %s\n", d.c_str());
                else pg->drop(d);
            if (keepFiles) std::printf("files kept in %s\n", dir.c_str());
            else if (std::system(("rm -rf '" + dir + "'").c_str()) != 0)
                std::cerr << "sfe-bench-writers: could not remove " << dir << "\n";
        }
    } cleanup{options.keep || !temporary, options.keep, dir, nullptr, {}};
    if (!options.pg.empty())
    {
        pg = std::make_unique<PgAdmin>(options.pg);
        cleanup.pg = pg.get();
    }

    // The plugin's version, read in a child so that the parent never loads it (writers are forked
    // from the parent, and a loaded plugin's threads and statics must not be forked).
    const std::string versionFile = dir + "/plugin-version";
    if (inChild([&] {
            const Door door = loadDoor(options.plugin);
            std::ofstream(versionFile) << door.libVersion() << " ABI " << door.abiVersion();
        }) != 0)
        throw std::runtime_error("cannot load the plugin " + options.plugin + " (the message is above)");
    std::string pluginVersion;
    std::getline(std::ifstream(versionFile), pluginVersion);

    std::string procList;
    for (std::size_t n : options.procs) procList += (procList.empty() ? "" : ",") + std::to_string(n);
    std::printf(
        "sfe-bench-writers (%s): %zu events per run, one per `record` call, split evenly over %s writer "
        "processes\n(the same events for every count); %zu learners, %zu activities; %zu round%s; a fresh store "
        "per run\n",
        SFE_BUILD_TYPE, options.events, procList.c_str(), options.learners, options.activities, options.rounds,
        options.rounds == 1 ? "" : "s");
    std::printf("plugin: %s (sfia-evidence %s), dlopen()ed and sfe_open()ed by every writer\n", options.plugin.c_str(),
                pluginVersion.c_str());
    std::printf("machine: %s, %ld cores, load average %s; SQLite %s\n", cpuModel().c_str(),
                sysconf(_SC_NPROCESSORS_ONLN), loadAverage().c_str(), sqlite3_libversion());
    if (options.sqlite) std::printf("sqlite stores in %s (%s)\n", dir.c_str(), fileSystem(dir).c_str());
    if (pg)
        std::printf("postgresql: server %s at %s, a fresh database per run\n", pg->version().c_str(),
                    pg->where().c_str());
    if (options.busyTimeoutMs >= 0) std::printf("store.busy_timeout_ms = %ld\n", options.busyTimeoutMs);
    std::printf(
        "events/s: events recorded without failure / time from the go to the last writer's last call; vs 1: over\n"
        "the first process count's rate. call latency: the wall time of each sfe_call(\"record\"), which includes\n"
        "any wait for the store's write lock (the plugin does not report that wait on its own yet). off-CPU: a\n"
        "call's wall time less the CPU time of the calling thread, i.e. waiting (for the lock, the disk, the\n"
        "database server, or a free core). Percentiles over all calls of all writers and rounds. CPU ms/ev: the\n"
        "writers' own CPU (user+sys) per call; cores: that CPU time over the wall time. load: 1-minute load\n"
        "average after the run. PostgreSQL server CPU: everything the server did meanwhile, other clients too.\n");
    std::fflush(stdout);

    std::vector<std::string> kinds;
    if (options.sqlite) kinds.push_back("sqlite");
    if (pg) kinds.push_back("postgresql");
    std::vector<Cell> cells;
    for (const auto& kind : kinds)
        for (std::size_t n : options.procs) cells.push_back(Cell{kind, n, {}});

    for (std::size_t round = 1; round <= options.rounds; ++round)
        for (auto& cell : cells)
        {
            const std::string tag = cell.store + "-p" + std::to_string(cell.procs) + "-r" + std::to_string(round);
            Store store;
            store.kind = cell.store;
            store.busyTimeoutMs = options.busyTimeoutMs;
            std::string database;
            if (cell.store == "sqlite") store.target = dir + "/" + tag + ".db";
            else
            {
                database = "sfe_bench_writers_" + std::to_string(getpid()) + "_p" + std::to_string(cell.procs) + "_r" +
                           std::to_string(round);
                pg->drop(database);
                pg->create(database);
                cleanup.databases.push_back(database);
                store.target = pg->conninfo(database);
            }
            std::printf("  %s, %zu proc%s, round %zu...", cell.store.c_str(), cell.procs, cell.procs == 1 ? "" : "s",
                        round);
            std::fflush(stdout);
            cell.rounds.push_back(
                runOnce(options, store, cell.store == "postgresql" ? pg.get() : nullptr, cell.procs, dir, tag));
            const RunResult& r = cell.rounds.back();
            std::printf(" %.0f events/s, %zu failed\n", r.rate(), r.failed);
            std::fflush(stdout);
            if (!database.empty() && !options.keep)
            {
                pg->drop(database);
                cleanup.databases.pop_back();
            }
        }

    printTable(cells, options);
    printOffCpu(cells);
    printFailures(cells);
    printGoals(cells, options);
    std::printf("load average at the end: %s\n", loadAverage().c_str());

    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    return BenchMain::run("sfe-bench-writers", kUsage, argc, argv, parse, run);
}
