//
// BenchMain.h
//
// Benchmark support: what every benchmark's main() does around its own work, so that all of them
// read numbers, refuse a command line and report a failed run alike.
//

#ifndef SFE_BENCH_BENCHMAIN_H
#define SFE_BENCH_BENCHMAIN_H

#include <Poco/Exception.h>

#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

namespace sfe {
namespace bench {

/// A benchmark's command line and exit code. Header-only: sfe-bench-writers reaches the plugin
/// through the C door only and does not link the benchmark support library.
class BenchMain
{
public:
    /// parse(argc, argv), then work(options); returns work's exit code. A command line parse() refuses
    /// (std::invalid_argument) prints "NAME: message" and the usage and returns 2; a failed run prints
    /// "NAME: message" (a Poco exception's displayText) and returns 1.
    template<typename Parse, typename Work>
    static int run(const char* name, const char* usage, int argc, char** argv, Parse parse, Work work)
    {
        decltype(parse(argc, argv)) options;
        try
        {
            options = parse(argc, argv);
        }
        catch (const std::invalid_argument& e)
        {
            std::cerr << name << ": " << e.what() << "\n" << usage;
            return 2;
        }
        try
        {
            return work(options);
        }
        catch (const Poco::Exception& e)
        {
            std::cerr << name << ": " << e.displayText() << "\n";
            return 1;
        }
        catch (const std::exception& e)
        {
            std::cerr << name << ": " << e.what() << "\n";
            return 1;
        }
    }

    /// The whole number `text` gives for the option `name`; throws std::invalid_argument naming both
    /// when it is not one, or is 0 and `zeroAllowed` is not set.
    static std::size_t wholeNumber(const std::string& name, const std::string& text, bool zeroAllowed = false)
    {
        char* end = nullptr;
        const unsigned long long n = std::strtoull(text.c_str(), &end, 10);
        if (text.empty() || *end != '\0' || text[0] == '-' || (n == 0 && !zeroAllowed))
            throw std::invalid_argument(name + ": '" + text + "' is not a " +
                                        (zeroAllowed ? "whole" : "positive whole") + " number");
        return static_cast<std::size_t>(n);
    }
};

}
} // namespace sfe::bench

#endif
