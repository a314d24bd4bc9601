//
// TestHost.h
//
// Test support: a HostServices with an in-memory configuration, a quiet logger and a clock the
// test sets, and a Runtime started over a fresh store in a temporary folder.
//

#ifndef SFE_TESTS_TESTHOST_H
#define SFE_TESTS_TESTHOST_H

#include "sfe/plugin/HostServices.h"
#include "sfe/runtime/Error.h"
#include "sfe/runtime/Runtime.h"

#include <Poco/AutoPtr.h>
#include <Poco/DateTimeParser.h>
#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/NullChannel.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Util/MapConfiguration.h>

#include <memory>
#include <string>

namespace sfe {
namespace test {

/// HostServices for tests: set keys with config().setString before start, move the clock with setNow.
class TestHost : public plugin::HostServices
{
public:
    TestHost(): _config(new Poco::Util::MapConfiguration)
    {
        auto& logger = Poco::Logger::get("sfe.test");
        logger.setChannel(new Poco::NullChannel);
        _now = parse("2026-11-20T10:00:00Z");
    }

    const Poco::Util::AbstractConfiguration& config() const override { return *_config; }
    Poco::Util::MapConfiguration& settings() { return *_config; }
    Poco::Logger& logger() const override { return Poco::Logger::get("sfe.test"); }
    Poco::Timestamp now() const override { return _now; }
    void setNow(const std::string& iso) { _now = parse(iso); }

    static Poco::Timestamp parse(const std::string& iso)
    {
        int tz = 0;
        return Poco::DateTimeParser::parse(iso, tz).timestamp();
    }

private:
    Poco::AutoPtr<Poco::Util::MapConfiguration> _config;
    Poco::Timestamp _now;
};

/// A started Runtime on a fresh SQLite store, with helpers to call operations.
class TestPlugin
{
public:
    TestPlugin():
        _dir(Poco::TemporaryFile::tempName())
    {
        Poco::File(_dir).createDirectories();
        host.settings().setString("store.path", Poco::Path(_dir, "store.db").toString());
    }
    ~TestPlugin()
    {
        runtime.reset();
        try { Poco::File(_dir).remove(true); } catch (...) { }
    }

    std::string dir() const { return _dir; }
    std::string dbPath() const { return Poco::Path(_dir, "store.db").toString(); }

    void start() { runtime = std::make_unique<runtime::Runtime>(host); }

    /// Calls the operation; returns the result (status and JSON).
    plugin::EvidencePlugin::Result call(const std::string& op, const std::string& json = "{}")
    {
        if (!runtime) start();
        return runtime->call(op, json);
    }

    /// Calls the operation, requires success, and returns the parsed response object.
    Poco::JSON::Object::Ptr ok(const std::string& op, const std::string& json = "{}")
    {
        auto r = call(op, json);
        if (!r.ok()) throw std::runtime_error(op + " failed: " + r.message);
        Poco::JSON::Parser parser;
        return parser.parse(r.json).extract<Poco::JSON::Object::Ptr>();
    }

    TestHost host;
    std::unique_ptr<runtime::Runtime> runtime;

private:
    std::string _dir;
};

/// The shipped CSMG definition in the source tree.
inline std::string csmgPath()
{
    return std::string(SFE_SOURCE_DIR) + "/definitions/csmg.de.xml";
}

} } // namespace sfe::test

#endif
