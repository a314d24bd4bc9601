//
// Stopwatch.h
//
// Benchmark support: wall-clock and CPU time of the calling thread (or of the whole process), added
// up over laps; the process's CPU time.
//

#ifndef SFE_BENCH_STOPWATCH_H
#define SFE_BENCH_STOPWATCH_H

#include <sys/resource.h>

#include <chrono>
#include <ctime>

namespace sfe {
namespace bench {

/// Seconds spent: on the wall clock, and on the CPU by this thread. CPU time leaves out waiting
/// for the disk and for other processes, so on a busy machine it is the steadier of the two.
struct Seconds
{
    double wall = 0;
    double cpu = 0;

    Seconds& operator+=(const Seconds& other)
    {
        wall += other.wall;
        cpu += other.cpu;
        return *this;
    }
};

/// Times laps: start() ... stop() adds the lap to total(). The CPU time is the calling thread's, or
/// with `wholeProcess` every thread's (for code that hands work to threads of its own, as `record`
/// does with its TextEncoder: the calling thread's time alone would leave that work out).
class Stopwatch
{
public:
    explicit Stopwatch(bool wholeProcess = false):
        _wholeProcess(wholeProcess)
    {}

    void start()
    {
        _wall = std::chrono::steady_clock::now();
        _cpu = cpu();
    }

    void stop()
    {
        _total.wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - _wall).count();
        _total.cpu += cpu() - _cpu;
    }

    const Seconds& total() const { return _total; }

    /// The CPU seconds (user + system) this process, all its threads, has used so far.
    static double processCpu()
    {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        const auto seconds = [](const timeval& t) {
            return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
        };
        return seconds(usage.ru_utime) + seconds(usage.ru_stime);
    }

private:
    double cpu() const { return _wholeProcess ? processCpu() : threadCpu(); }

    static double threadCpu()
    {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
    }

    bool _wholeProcess;
    std::chrono::steady_clock::time_point _wall;
    double _cpu = 0;
    Seconds _total;
};

}
} // namespace sfe::bench

#endif
