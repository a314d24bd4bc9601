//
// ChildProcess.h
//
// Benchmark support: a program run in a child process and waited for, as the benchmarks that
// measure the CLI's time and peak memory run it.
//

#ifndef SFE_BENCH_CHILDPROCESS_H
#define SFE_BENCH_CHILDPROCESS_H

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

namespace sfe {
namespace bench {

/// Forks, runs a program in the child and waits for it (wait4, for its resource use). Header-only,
/// as the other small helpers of the benchmarks.
class ChildProcess
{
public:
    /// How the program ended.
    struct Ended
    {
        int status = -1;    ///< its exit status; 128 + the signal's number when a signal ended it
        double seconds = 0; ///< wall time from the fork to the end of the wait
        rusage usage{};     ///< what it used (ru_maxrss: its peak RSS in KiB; CPU times)
    };

    /// Runs argv[0] (searched in PATH when it has no '/') with `argv` (ending in a null pointer), its
    /// standard output to the file `output` unless that is empty, and waits for it. False when the
    /// fork or the wait failed: `ended` then says nothing.
    static bool run(char* const argv[], const std::string& output, Ended& ended)
    {
        const auto started = std::chrono::steady_clock::now();
        const pid_t pid = ::fork();
        if (pid < 0) return false; // no child: nothing to wait for (wait4(-1) would take any child)
        if (pid == 0)
        {
            if (!output.empty())
            {
                const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
                if (fd >= 0)
                {
                    ::dup2(fd, 1);
                    ::close(fd);
                }
            }
            ::execvp(argv[0], argv);
            std::_Exit(127);
        }
        int status = 0;
        if (::wait4(pid, &status, 0, &ended.usage) < 0) return false;
        ended.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        ended.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return true;
    }
};

}
} // namespace sfe::bench

#endif
