//
// BenchHost.h
//
// Benchmark support: the HostServices a benchmark lends the plugin.
//

#ifndef SFE_BENCH_BENCHHOST_H
#define SFE_BENCH_BENCHHOST_H

#include "sfe/plugin/HostServices.h"

#include <Poco/AutoPtr.h>
#include <Poco/Logger.h>
#include <Poco/NullChannel.h>
#include <Poco/Util/MapConfiguration.h>

namespace sfe {
namespace bench {

/// HostServices for benchmarks: an in-memory configuration, a logger that writes nowhere (so
/// logging costs nothing a real host would not choose), and the real clock.
class BenchHost: public plugin::HostServices
{
public:
    BenchHost():
        _config(new Poco::Util::MapConfiguration)
    {
        Poco::Logger::get("sfe.bench").setChannel(new Poco::NullChannel);
    }

    const Poco::Util::AbstractConfiguration& config() const override { return *_config; }
    Poco::Util::MapConfiguration& settings() { return *_config; }
    Poco::Logger& logger() const override { return Poco::Logger::get("sfe.bench"); }
    Poco::Timestamp now() const override { return Poco::Timestamp(); }

private:
    Poco::AutoPtr<Poco::Util::MapConfiguration> _config;
};

}
} // namespace sfe::bench

#endif
