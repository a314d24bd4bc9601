//
// MachineFacts.h
//
// Benchmark support: what each benchmark prints about the machine beside its figures, so that a
// reader can tell a busy machine from a slow plugin.
//

#ifndef SFE_BENCH_MACHINEFACTS_H
#define SFE_BENCH_MACHINEFACTS_H

#include <fstream>
#include <string>

namespace sfe {
namespace bench {

/// The 1-, 5- and 15-minute load averages, as /proc/loadavg gives them; "unknown" elsewhere.
inline std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return in ? one + " " + five + " " + fifteen : "unknown";
}

/// The CPU's model name from /proc/cpuinfo; "unknown" elsewhere.
inline std::string cpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
    return "unknown";
}

}
} // namespace sfe::bench

#endif
