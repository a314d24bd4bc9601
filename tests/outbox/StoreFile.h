//
// StoreFile.h
//
// Project: sfia-evidence, tests/outbox
//
// The plugin's SQLite store file, opened directly: for what no operation offers.
//

#ifndef SFE_TESTS_OUTBOX_STOREFILE_H
#define SFE_TESTS_OUTBOX_STOREFILE_H

#include <string>
#include <vector>

struct sqlite3;

namespace sfe {
namespace test {

/// A second connection to a store file, for watching a drain that runs in another process and for
/// damaging a stored statement the way no operation can. Throws std::runtime_error naming the
/// statement on any SQLite error.
class StoreFile
{
public:
    explicit StoreFile(const std::string& path);
    ~StoreFile();

    StoreFile(const StoreFile&) = delete;
    StoreFile& operator=(const StoreFile&) = delete;

    /// How many statements are in `state` (pending, delivered, quarantined).
    long long count(const std::string& state);

    /// The ids of the statements in outbox order (seq).
    std::vector<std::string> idsInOrder();

    /// Replaces every `from` in the body of statement `id` with `to`; returns the new body.
    std::string replaceInBody(const std::string& id, const std::string& from, const std::string& to);

private:
    sqlite3* _db = nullptr;
    std::string _path;
};

} } // namespace sfe::test

#endif
