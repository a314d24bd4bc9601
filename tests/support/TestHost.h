//
// TestHost.h
//
// Test support: a HostServices with an in-memory configuration, a quiet logger and a clock the
// test sets, and a Runtime started over a fresh store: a SQLite file in a temporary folder, or,
// when SFE_TEST_PG is set, a fresh PostgreSQL database.
//

#ifndef SFE_TESTS_TESTHOST_H
#define SFE_TESTS_TESTHOST_H

#include "sfe/plugin/HostServices.h"
#include "sfe/runtime/Error.h"
#include "sfe/runtime/Runtime.h"

#include <Poco/AutoPtr.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/NullChannel.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>
#include <Poco/UUIDGenerator.h>
#include <Poco/Util/MapConfiguration.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

namespace sfe {
namespace test {

/// HostServices for tests: set keys with config().setString before start, move the clock with setNow.
class TestHost: public plugin::HostServices
{
public:
    TestHost():
        _config(new Poco::Util::MapConfiguration)
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

/// The conninfo `conninfo` (key=value pairs) with its database replaced by `database`. Pairs are
/// joined by single spaces: Poco's PostgreSQL connector splits the string at each space itself.
inline std::string withDatabase(const std::string& conninfo, const std::string& database)
{
    std::istringstream pairs(conninfo);
    std::string pair, result;
    while (pairs >> pair)
        if (pair.rfind("dbname=", 0) != 0) result += pair + " ";
    return result + "dbname=" + database;
}

/// A started Runtime on a fresh store, with helpers to call operations.
///
/// The store is a SQLite file in a temporary folder; when the environment variable SFE_TEST_PG
/// holds the conninfo (key=value pairs) of an admin connection (e.g. "host=127.0.0.1 port=55432
/// user=sfe dbname=postgres", as tests/pg/with-pg.sh sets it), it is a fresh PostgreSQL database
/// sfe_t_<random hex> on that server instead, dropped when the TestPlugin goes.
class TestPlugin
{
public:
    TestPlugin():
        _dir(Poco::TemporaryFile::tempName())
    {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
        Poco::File(_dir).createDirectories();
        host.settings().setString("store.path", Poco::Path(_dir, "store.db").toString());
        const std::string admin = Poco::Environment::get("SFE_TEST_PG", "");
        if (admin.empty()) return;
        if (admin.find("://") != std::string::npos)
            throw std::runtime_error("SFE_TEST_PG: give key=value pairs, not a URI (Poco's PostgreSQL connector "
                                     "reads key=value pairs only): '" +
                                     admin + "'");
        std::string hex = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
        hex.erase(std::remove(hex.begin(), hex.end(), '-'), hex.end());
        const std::string name = "sfe_t_" + hex.substr(0, 16);
        try
        {
            Poco::Data::Session session("postgresql", admin);
            session << "CREATE DATABASE " + name, Poco::Data::Keywords::now;
        }
        catch (const Poco::Exception& e)
        {
            throw std::runtime_error("SFE_TEST_PG: cannot create the test database " + name + " on '" + admin +
                                     "': " + e.displayText());
        }
        _pgAdmin = admin;
        _pgDatabase = name;
        _pgUrl = withDatabase(admin, name);
        host.settings().setString("store.connector", "postgresql");
        host.settings().setString("store.url", _pgUrl);
    }

    ~TestPlugin()
    {
        runtime.reset();
        try
        {
            Poco::File(_dir).remove(true);
        }
        catch (...)
        {}
        if (_pgDatabase.empty()) return;
        try
        {
            // FORCE: a session a test opened with storeSession() and did not close must not keep it.
            Poco::Data::Session session("postgresql", _pgAdmin);
            session << "DROP DATABASE IF EXISTS " + _pgDatabase + " WITH (FORCE)", Poco::Data::Keywords::now;
        }
        catch (const Poco::Exception& e)
        {
            std::cerr << "TestPlugin: cannot drop the test database " << _pgDatabase << ": " << e.displayText()
                      << std::endl;
        }
    }

    TestPlugin(const TestPlugin&) = delete;
    TestPlugin& operator=(const TestPlugin&) = delete;

    std::string dir() const { return _dir; }

    /// The SQLite store's file (also set on PostgreSQL, where nothing is written there).
    std::string dbPath() const { return Poco::Path(_dir, "store.db").toString(); }

    /// True when the store is a PostgreSQL database (SFE_TEST_PG was set).
    bool onPostgreSQL() const { return !_pgDatabase.empty(); }

    /// A new session on the test's store, beside the plugin's own, to inspect or tamper with it:
    /// the SQLite file, or the PostgreSQL database. Statements with bound values need the
    /// connector's placeholders: `?` on SQLite, `$1, $2…` on PostgreSQL (see sql()).
    Poco::Data::Session storeSession() const
    {
        if (onPostgreSQL()) return Poco::Data::Session("postgresql", _pgUrl);
        return Poco::Data::Session("sqlite", dbPath());
    }

    /// `portable` with its `?` placeholders in the store's dialect, for storeSession() statements.
    std::string sql(const std::string& portable) const
    {
        if (!onPostgreSQL()) return portable;
        std::string out;
        int n = 0;
        bool quoted = false;
        for (char c : portable)
        {
            if (c == '\'') quoted = !quoted;
            if (c == '?' && !quoted) out += "$" + std::to_string(++n);
            else out += c;
        }
        return out;
    }

    /// SQL for the hex digits of a hash the log stores as bytes (evidence_log's content_sha256 and
    /// chain_hash, schema 12), in the store's dialect.
    std::string hexOf(const std::string& column) const
    {
        return onPostgreSQL() ? "ENCODE(" + column + ", 'hex')" : "LOWER(HEX(" + column + "))";
    }

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
    std::string _pgAdmin;    ///< the admin conninfo (SFE_TEST_PG); empty on SQLite
    std::string _pgDatabase; ///< the test database on it
    std::string _pgUrl;      ///< the conninfo of the test database (store.url)
};

/// The shipped CSMG definition in the source tree.
inline std::string csmgPath()
{
    return std::string(SFE_SOURCE_DIR) + "/definitions/csmg.de.xml";
}

}
} // namespace sfe::test

#endif
