//
// pull.cpp
//
// Benchmark: `pull` reading N statements from Learning Locker's statement service (the test LRS)
// and taking them in as learning evidence, against a plain paged GET of the same statements (same
// page size, following `more`, bodies discarded) in the same run. See bench/README-pull.md.
//

#include "BenchStore.h"
#include "LrsBaseline.h"

#include "sfe/runtime/Runtime.h"
#include "sfe/xapi/Uuid.h"
#include "sfe/xapi/delivery/LrsClient.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using sfe::bench::call;

const char* const kUsage =
    "usage: sfe-bench-pull [--statements N] [--limit N] [--batch N] [--activities N] [--dir DIR] [--keep]\n"
    "                      [--node PATH]\n"
    "  --statements N  statements posted to the LRS and pulled (default 20000)\n"
    "  --limit N       statements per page, for pull and the plain GET alike (default 500)\n"
    "  --batch N       statements per POST when filling the LRS (default 500)\n"
    "  --activities N  mapped activities (default 20); a fifth of the statements are of unmapped ones\n"
    "  --dir DIR       where the store and the LRS state go (default: a new temporary folder)\n"
    "  --keep          keep that folder\n"
    "  --node PATH     node binary for the LRS (default $SFE_NODE, else node)\n";

struct Options
{
    std::size_t statements = 20000;
    std::size_t limit = 500;
    std::size_t batch = 500;
    std::size_t activities = 20;
    std::string dir;
    bool keep = false;
    std::string node;
};

Options parse(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        auto count = [&]() -> std::size_t {
            const std::string v = value();
            const long long n = std::stoll(v);
            if (n < 1) throw std::invalid_argument(a + " must be at least 1, not " + v);
            return static_cast<std::size_t>(n);
        };
        if (a == "--statements") o.statements = count();
        else if (a == "--limit") o.limit = count();
        else if (a == "--batch") o.batch = count();
        else if (a == "--activities") o.activities = count();
        else if (a == "--dir") o.dir = value();
        else if (a == "--keep") o.keep = true;
        else if (a == "--node") o.node = value();
        else if (a == "--help" || a == "-h")
        {
            std::cout << kUsage;
            std::exit(0);
        }
        else throw std::invalid_argument("unknown option " + a);
    }
    return o;
}

std::string activityIri(std::size_t i, bool mapped)
{
    return std::string("https://courses.example.org/bench/") + (mapped ? "course-" : "other-") + std::to_string(i);
}

/// N statements as an LMS's content would leave them in an LRS: 80% completions, passes and
/// failures of mapped activities by 2,000 learners, 20% of activities nobody mapped.
std::vector<std::string> statements(const Options& o)
{
    static const char* const verbs[] = {"completed", "passed", "failed"};
    std::vector<std::string> out;
    out.reserve(o.statements);
    for (std::size_t i = 0; i < o.statements; ++i)
    {
        const bool mapped = i % 5 != 4;
        const char* verb = verbs[i % 3];
        out.push_back(
            R"({"id":")" + sfe::xapi::Uuid::random() +
            R"(","actor":{"objectType":"Agent","account":{"homePage":"https://lms.example.org","name":"learner-)" +
            std::to_string(i % 2000) + R"("}},"verb":{"id":"http://adlnet.gov/expapi/verbs/)" + verb +
            R"(","display":{"en-US":")" + verb + R"("}},"object":{"objectType":"Activity","id":")" +
            activityIri(i % o.activities, mapped) +
            R"("},"result":{"score":{"scaled":0.75}},"timestamp":"2026-11-19T08:30:00.000Z"})");
    }
    return out;
}

/// The plain baseline: every page of the same query, bodies read and discarded.
std::pair<double, std::size_t> plainGet(const std::string& url, std::size_t limit)
{
    sfe::xapi::delivery::LrsClient::Settings s;
    s.endpoint = url;
    s.username = "bench";
    s.password = "bench";
    s.loggerName = "sfe.bench.pull.get";
    s.requestTimeout = std::chrono::milliseconds(600000);
    sfe::xapi::delivery::LrsClient client(s);
    const auto started = Clock::now();
    std::size_t pages = 0;
    std::string target = "?ascending=true&limit=" + std::to_string(limit);
    while (true)
    {
        const std::string body = client.getStatements(target);
        ++pages;
        // Only `more` is looked at: where it is, not a parse of the page.
        const auto at = body.rfind("\"more\"");
        if (at == std::string::npos) break;
        const auto open = body.find('"', body.find(':', at) + 1);
        const auto close = body.find('"', open + 1);
        target = body.substr(open + 1, close - open - 1);
        if (target.empty()) break;
    }
    return {std::chrono::duration<double>(Clock::now() - started).count(), pages};
}

} // namespace

int main(int argc, char** argv)
{
    try
    {
        const Options o = parse(argc, argv);
        const bool ownDir = o.dir.empty();
        const std::string dir = ownDir ? Poco::TemporaryFile::tempName() : o.dir;
        Poco::File(dir).createDirectories();

        std::cout << "sfe-bench-pull (" << SFE_BUILD_TYPE << "): " << o.statements << " statements, pages of "
                  << o.limit << ", " << o.activities << " mapped activities\n";
        sfe::bench::LrsBaseline::Service lrs(Poco::Path(dir, "lrs").toString(), o.node);
        std::cout << "LRS: " << lrs.url() << " (Learning Locker's statement service, in memory)\n";

        const std::vector<std::string> bodies = statements(o);
        sfe::bench::LrsBaseline poster(lrs.url());
        const double postSeconds = poster.post(bodies, o.batch).count();
        std::printf(
            "filled:     %zu statements in %zu POSTs of %zu: %.2f s, %.0f statements/s (Learning Locker storing)\n",
            bodies.size(), poster.requests(), o.batch, postSeconds, bodies.size() / postSeconds);

        sfe::bench::BenchHost host;
        host.settings().setString("store.path", Poco::Path(dir, "store.db").toString());
        host.settings().setString("lrs.url", lrs.url());
        host.settings().setString("lrs.user", "bench");
        host.settings().setString("lrs.password", "bench");
        host.settings().setString("lrs.background", "false");
        host.settings().setString("lms.home_page", "https://lms.example.org");
        std::unique_ptr<sfe::runtime::Runtime> runtime = std::make_unique<sfe::runtime::Runtime>(host);
        call(*runtime, "import", std::string(R"({"path":")") + SFE_SOURCE_DIR + "/definitions/csmg.de.xml\"}");
        for (std::size_t a = 0; a < o.activities; ++a)
            call(*runtime, "map",
                 R"({"activity":")" + activityIri(a, true) + R"(","skill":"CSMG","level":)" +
                     std::to_string(1 + a % 6) + "}");

        const auto [getBefore, pages] = plainGet(lrs.url(), o.limit);

        // As the CLI pulls: one page per call, continuing with `next`.
        struct Run
        {
            double seconds = 0;
            std::size_t read = 0, recorded = 0, evidence = 0, duplicates = 0, skipped = 0, calls = 0;
        };
        auto pull = [&](const std::string& since) {
            Run r;
            const auto started = Clock::now();
            Poco::JSON::Object request;
            request.set("pages", 1);
            request.set("limit", o.limit);
            if (!since.empty()) request.set("since", since);
            while (true)
            {
                std::ostringstream text;
                request.stringify(text);
                const auto page = call(*runtime, "pull", text.str());
                ++r.calls;
                r.read += page->getValue<std::size_t>("statements");
                r.recorded += page->getValue<std::size_t>("recorded");
                r.evidence += page->getValue<std::size_t>("evidence");
                r.duplicates += page->getValue<std::size_t>("duplicates");
                r.skipped += page->getArray("skipped")->size();
                if (!page->has("next")) break;
                request.remove("since");
                request.set("next", page->getValue<std::string>("next"));
            }
            r.seconds = std::chrono::duration<double>(Clock::now() - started).count();
            return r;
        };
        const Run first = pull("");
        // The same feed again from the start: read, parsed and checked, and all already taken in.
        const Run again = pull("2000-01-01T00:00:00Z");
        const double pullSeconds = first.seconds;
        const std::size_t read = first.read, recorded = first.recorded, evidence = first.evidence,
                          skipped = first.skipped, calls = first.calls;
        const auto [getAfter, pagesAfter] = plainGet(lrs.url(), o.limit);
        (void)pagesAfter;
        const double getSeconds = std::min(getBefore, getAfter);

        std::printf("plain GET:  %zu statements in %zu pages: %.2f s, %.0f statements/s (best of one run before and "
                    "one after pull: %.2f s, %.2f s)\n",
                    bodies.size(), pages, getSeconds, bodies.size() / getSeconds, getBefore, getAfter);
        std::printf("pull:       %zu statements in %zu calls: %.2f s, %.0f statements/s; %zu recorded (%zu evidence "
                    "records), %zu not counted\n",
                    read, calls, pullSeconds, read / pullSeconds, recorded, evidence, skipped);
        std::printf("pull again: %zu statements in %zu calls: %.2f s, %.0f statements/s; %zu recorded, %zu taken in "
                    "before (--since the start: read, checked, nothing to record)\n",
                    again.read, again.calls, again.seconds, again.read / again.seconds, again.recorded,
                    again.duplicates);
        std::printf("pull / plain GET: %.3f of the plain rate (pull again: %.3f)\n", getSeconds / pullSeconds,
                    getSeconds / again.seconds);
        if (read < bodies.size() || recorded + skipped < bodies.size())
            std::printf(
                "note: the LRS held %zu statements; pull read %zu (the LRS's feed includes nothing else here)\n",
                bodies.size(), read);

        runtime.reset();
        if (ownDir && !o.keep) Poco::File(dir).remove(true);
        else std::cout << "kept " << dir << "\n";
        return 0;
    }
    catch (const std::exception& e)
    {
        std::cerr << "sfe-bench-pull: " << e.what() << "\n";
        return 1;
    }
}
