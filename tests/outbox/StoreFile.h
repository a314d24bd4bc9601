//
// StoreFile.h
//
// Project: sfia-evidence, tests/outbox
//
// The plugin's store, opened directly beside the plugin: for what no operation offers. The SQLite
// file through sqlite3, or the test's PostgreSQL database through TestPlugin::storeSession().
//

#ifndef SFE_TESTS_OUTBOX_STOREFILE_H
#define SFE_TESTS_OUTBOX_STOREFILE_H

#include <Poco/Data/Session.h>

#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace sfe {
namespace test {

class TestPlugin;

/// A second connection to a test's store, for watching a drain that runs in another process and for
/// damaging a stored statement the way no operation can. On SQLite a connection of its own to the
/// file; on PostgreSQL (the test runs with SFE_TEST_PG) a session on the test's database. Every read
/// sees what other processes committed. Throws std::runtime_error naming the statement on any error.
class StoreFile
{
public:
    explicit StoreFile(TestPlugin& plugin);
    ~StoreFile();

    StoreFile(const StoreFile&) = delete;
    StoreFile& operator=(const StoreFile&) = delete;

    /// How many statements are in `state` (pending, delivered, quarantined).
    long long count(const std::string& state);

    /// The ids of the statements in outbox order (seq).
    std::vector<std::string> idsInOrder();

private:
    sqlite3* _db = nullptr;                        ///< SQLite
    std::unique_ptr<Poco::Data::Session> _session; ///< PostgreSQL
    std::string _name;                             ///< the file, or "PostgreSQL"
};

}
} // namespace sfe::test

#endif
